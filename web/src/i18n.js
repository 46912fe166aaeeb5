// i18n.js — the language of the interface: 'zh' (default) or 'en',
// remembered in localStorage.  t(key) gives a shared word (locales.js);
// useLabels(L) a file's own labels, reactive to the switch; tr(obj, base)
// the API's own two-language fields (obj.name_zh / obj.name_en);
// apiLang() the value to pass as ?lang= where the API renders labels.
import { ref, computed } from 'vue';
import words from './locales.js';

const KEY = 'junheng.lang';

function stored() {
  try {
    const v = globalThis.localStorage && localStorage.getItem(KEY);
    if (v === 'zh' || v === 'en') return v;
  } catch { /* storage refused: default */ }
  return 'zh';
}

export const lang = ref(stored());

export function setLang(v) {
  if (v !== 'zh' && v !== 'en') return;
  lang.value = v;
  try { localStorage.setItem(KEY, v); } catch { /* not remembered */ }
  if (globalThis.document) document.documentElement.lang = v === 'zh' ? 'zh-CN' : 'en';
}

// t('menu_overview'); t('x_of_y', {x: 1, y: 2}) replaces {x} and {y}.
export function t(key, params) {
  let s = words[lang.value][key] ?? words.zh[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return s;
}

// In a component:  const L = { zh: {title: '总览'}, en: {title: 'Overview'} };
//                  const l = useLabels(L);   … l.value.title, or {{ l.title }}
export function useLabels(L) {
  return computed(() => L[lang.value] || L.zh);
}

// tr(county, 'verdict') → county.verdict_zh or county.verdict_en.
export function tr(obj, base) {
  if (!obj) return '';
  const v = obj[`${base}_${lang.value}`];
  return v ?? obj[`${base}_zh`] ?? obj[base] ?? '';
}

export function apiLang() {
  return lang.value;
}
