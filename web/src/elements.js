// elements.js — the Element Plus components the application uses, each
// registered on its own with its own styles, instead of the whole kit
// (app.use(ElementPlus) and element-plus/dist/index.css put every
// component, about 330 kB gzipped of script and 47 kB of styles, in the
// first download).  Each is imported from its own module,
// es/components/NAME/index.mjs, never from 'element-plus' itself: that
// index names every component of the kit, and with vite.config.js's
// manualChunks (every node_modules module in the vendor chunk) the
// bundler kept them all, used or not (measured: the vendor chunk stayed
// 333 kB gzipped with named imports from the index, 180 kB with these).
// Each is styled by its es/components/NAME/style/css, which also brings
// the styles of the components it is built from (a select's popper and
// tags, a table's checkbox and tooltip) and the theme's variables (base)
// once.  The locale (zh-cn / en) is App.vue's el-config-provider.
//
// A component used in a template but missing here renders in a built
// application as an unknown <el-…> element, silently: Vue only warns in
// development.  Two checks guard the list: src/__tests__/elements.test.js
// compares it with every <el-…> tag and v-loading in src/, and the browser
// tests (tests/web/browser.js) fail on any <el-…> element left in a page.
//
// Scripts that need a component or a service (h(ElTag), ElMessage,
// ElMessageBox) import it from here, for the same reason.
import { ElAlert } from 'element-plus/es/components/alert/index.mjs';
import { ElAside, ElContainer, ElHeader, ElMain } from 'element-plus/es/components/container/index.mjs';
import { ElButton } from 'element-plus/es/components/button/index.mjs';
import { ElCard } from 'element-plus/es/components/card/index.mjs';
import { ElCheckbox } from 'element-plus/es/components/checkbox/index.mjs';
import { ElCollapse, ElCollapseItem } from 'element-plus/es/components/collapse/index.mjs';
import { ElConfigProvider } from 'element-plus/es/components/config-provider/index.mjs';
import { ElDatePicker } from 'element-plus/es/components/date-picker/index.mjs';
import { ElDescriptions, ElDescriptionsItem } from 'element-plus/es/components/descriptions/index.mjs';
import { ElDialog } from 'element-plus/es/components/dialog/index.mjs';
import { ElDrawer } from 'element-plus/es/components/drawer/index.mjs';
import { ElDropdown, ElDropdownItem, ElDropdownMenu } from 'element-plus/es/components/dropdown/index.mjs';
import { ElEmpty } from 'element-plus/es/components/empty/index.mjs';
import { ElForm, ElFormItem } from 'element-plus/es/components/form/index.mjs';
import { ElIcon } from 'element-plus/es/components/icon/index.mjs';
import { ElInput } from 'element-plus/es/components/input/index.mjs';
import { ElInputNumber } from 'element-plus/es/components/input-number/index.mjs';
import { ElOption, ElSelect } from 'element-plus/es/components/select/index.mjs';
import { ElPagination } from 'element-plus/es/components/pagination/index.mjs';
import { ElProgress } from 'element-plus/es/components/progress/index.mjs';
import { ElRadioButton, ElRadioGroup } from 'element-plus/es/components/radio/index.mjs';
import { ElResult } from 'element-plus/es/components/result/index.mjs';
import { ElSkeleton } from 'element-plus/es/components/skeleton/index.mjs';
import { ElStep, ElSteps } from 'element-plus/es/components/steps/index.mjs';
import { ElSwitch } from 'element-plus/es/components/switch/index.mjs';
import { ElTable, ElTableColumn } from 'element-plus/es/components/table/index.mjs';
import { ElTag } from 'element-plus/es/components/tag/index.mjs';
import { ElUpload } from 'element-plus/es/components/upload/index.mjs';
import { ElLoading } from 'element-plus/es/components/loading/index.mjs';
import { ElMessage } from 'element-plus/es/components/message/index.mjs';
import { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs';

import 'element-plus/es/components/base/style/css';
import 'element-plus/es/components/alert/style/css';
import 'element-plus/es/components/aside/style/css';
import 'element-plus/es/components/button/style/css';
import 'element-plus/es/components/card/style/css';
import 'element-plus/es/components/checkbox/style/css';
import 'element-plus/es/components/collapse/style/css';
import 'element-plus/es/components/collapse-item/style/css';
import 'element-plus/es/components/config-provider/style/css';
import 'element-plus/es/components/container/style/css';
import 'element-plus/es/components/date-picker/style/css';
import 'element-plus/es/components/descriptions/style/css';
import 'element-plus/es/components/descriptions-item/style/css';
import 'element-plus/es/components/dialog/style/css';
import 'element-plus/es/components/drawer/style/css';
import 'element-plus/es/components/dropdown/style/css';
import 'element-plus/es/components/dropdown-item/style/css';
import 'element-plus/es/components/dropdown-menu/style/css';
import 'element-plus/es/components/empty/style/css';
import 'element-plus/es/components/form/style/css';
import 'element-plus/es/components/form-item/style/css';
import 'element-plus/es/components/header/style/css';
import 'element-plus/es/components/icon/style/css';
import 'element-plus/es/components/input/style/css';
import 'element-plus/es/components/input-number/style/css';
import 'element-plus/es/components/main/style/css';
import 'element-plus/es/components/option/style/css';
import 'element-plus/es/components/pagination/style/css';
import 'element-plus/es/components/progress/style/css';
import 'element-plus/es/components/radio-button/style/css';
import 'element-plus/es/components/radio-group/style/css';
import 'element-plus/es/components/result/style/css';
import 'element-plus/es/components/select/style/css';
import 'element-plus/es/components/skeleton/style/css';
import 'element-plus/es/components/step/style/css';
import 'element-plus/es/components/steps/style/css';
import 'element-plus/es/components/switch/style/css';
import 'element-plus/es/components/table/style/css';
import 'element-plus/es/components/table-column/style/css';
import 'element-plus/es/components/tag/style/css';
import 'element-plus/es/components/upload/style/css';
import 'element-plus/es/components/loading/style/css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';

// Every component a template names, as <el-kebab-case> of its name.
export const components = [
  ElAlert, ElAside, ElButton, ElCard, ElCheckbox, ElCollapse, ElCollapseItem,
  ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog,
  ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm,
  ElFormItem, ElHeader, ElIcon, ElInput, ElInputNumber, ElMain, ElOption,
  ElPagination, ElProgress, ElRadioButton, ElRadioGroup, ElResult, ElSelect,
  ElSkeleton, ElStep, ElSteps, ElSwitch, ElTable, ElTableColumn, ElTag, ElUpload,
];

export { ElButton, ElTag, ElMessage, ElMessageBox };

// Directives the templates use, by name: v-loading (ElLoading's install
// registers it).
export const directives = ['loading'];

// Each component by its name (ElTableColumn answers <el-table-column>),
// not by its install: the parts of a component (ElRadioGroup,
// ElRadioButton, ElTableColumn …) have an install that does nothing, as
// their parent's (ElRadio, ElTable) registers them.  ElLoading's install
// registers v-loading; ElMessage's and ElMessageBox's give them the
// application's context, as app.use(ElementPlus) did.
export function useElements(app) {
  for (const c of components) app.component(c.name, c);
  app.use(ElLoading);
  app.use(ElMessage);
  app.use(ElMessageBox);
}
