// elements.test.js — the Element Plus components registered in
// src/elements.js against those the templates use.  A built application
// does not warn about a component it cannot resolve (Vue warns only in
// development): it renders an unknown <el-…> element and the page looks
// broken.  So the list is checked here, from the sources' text:
//   - every <el-NAME> tag in a .vue file is registered (ElName in
//     `components`), and every registered one is used somewhere;
//   - v-loading is used only if the `loading` directive is registered;
//   - every registered component has its style imported
//     (element-plus/es/components/NAME/style/css);
//   - no file imports 'element-plus' itself or its whole stylesheet
//     (either brings the whole kit back into the bundle).
// The browser tests (tests/web/browser.js) check the rendered pages too.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = join(__dirname, '..');

function files(dir, out = []) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) { if (f !== '__tests__') files(p, out); }
    else if (/\.(vue|js)$/.test(f)) out.push(p);
  }
  return out;
}

const all = files(src);
const text = new Map(all.map(p => [relative(src, p), readFileSync(p, 'utf8')]));
const elements = text.get('elements.js');

// 'ElTableColumn' → 'table-column'
const kebab = n => n.replace(/^El/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

function registered() {
  const m = /export const components = \[([^\]]*)\]/.exec(elements);
  return new Set(m[1].match(/El[A-Za-z]+/g).map(kebab));
}

function usedTags() {
  const used = new Map();   // tag → first file
  for (const [f, s] of text) {
    if (!f.endsWith('.vue')) continue;
    const tpl = s.slice(s.indexOf('<template'));
    for (const m of tpl.matchAll(/<el-([a-z][a-z0-9-]*)/g)) if (!used.has(m[1])) used.set(m[1], f);
  }
  return used;
}

describe('Element Plus registered per component (elements.js)', () => {
  it('the helpers read what they should', () => {
    expect(kebab('ElTableColumn')).toBe('table-column');
    expect(kebab('ElConfigProvider')).toBe('config-provider');
    expect(kebab('ElTag')).toBe('tag');
    // App.vue's layout uses these five at least: the reading finds them.
    const u = usedTags();
    for (const t of ['config-provider', 'container', 'header', 'button', 'dropdown-item']) expect(u.has(t)).toBe(true);
  });

  it('every <el-…> of a template is registered', () => {
    const reg = registered();
    const missing = [...usedTags()].filter(([t]) => !reg.has(t)).map(([t, f]) => `<el-${t}> in ${f}`);
    expect(missing).toEqual([]);
  });

  it('every registered component is used in a template', () => {
    const used = usedTags();
    expect([...registered()].filter(t => !used.has(t))).toEqual([]);
  });

  it('v-loading only with the loading directive registered', () => {
    const users = [...text].filter(([f, s]) => f.endsWith('.vue') && /\sv-loading[=\s>]/.test(s)).map(([f]) => f);
    if (users.length) expect(/directives = \[[^\]]*'loading'/.test(elements)).toBe(true);
  });

  it('every registered component has its style', () => {
    const styles = new Set([...elements.matchAll(/'element-plus\/es\/components\/([a-z-]+)\/style\/css'/g)].map(m => m[1]));
    expect([...registered()].filter(t => !styles.has(t))).toEqual([]);
    expect(styles.has('base')).toBe(true);
  });

  it('nothing imports the whole kit', () => {
    const kit = /^\s*import\b[^;]*?['"]element-plus(\/es|\/dist\/[^'"]*)?['"]/m;
    expect(kit.test("import {\n  ElTag,\n} from 'element-plus';")).toBe(true);
    expect(kit.test("import 'element-plus/dist/index.css';")).toBe(true);
    expect(kit.test("import { ElTag } from 'element-plus/es/components/tag/index.mjs';")).toBe(false);
    expect([...text].filter(([, s]) => kit.test(s)).map(([f]) => f)).toEqual([]);
  });
});
