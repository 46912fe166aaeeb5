// main.js — the application: the Element Plus components it uses
// (elements.js; their locale follows the language, App.vue's
// el-config-provider), the router, and the API's
// answers handled once for all pages (api.js): a 401 sends the caller to
// the sign-in page, a 403 on a page's GET to the refusal page, a 403
// `csrf` fetches the token again (GET /me).
import { createApp } from 'vue';
import { useElements } from './elements.js';
import './style.css';

import App from './App.vue';
import { router } from './router.js';
import { setHandlers } from './api.js';
import { loadMe, dropSession } from './session.js';
import { clearChoices } from './state.js';
import { lang, setLang } from './i18n.js';

setLang(lang.value);

setHandlers({
  unauthorized() {
    dropSession();
    clearChoices();
    const here = router.currentRoute.value;
    if (here.name !== 'login')
      router.replace({ name: 'login', query: here.fullPath !== '/' ? { next: here.fullPath } : {} });
  },
  forbidden() {
    const here = router.currentRoute.value;
    if (here.name !== 'denied') router.replace({ name: 'denied', query: { from: here.fullPath } });
  },
  async refreshCsrf() {
    try {
      return !!(await loadMe({ force: true }));
    } catch {
      return false;
    }
  },
});

const app = createApp(App);
useElements(app);
app.use(router);
app.mount('#app');
