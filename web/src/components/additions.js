// additions.js — the additions of the gap plan (GET …/gaps: {FIELD: amount})
// as text: "最小美术专用教室面积 +18 ㎡", "初中高于规定学历教师数 +5".
// fields: a Map of template key → {name_zh, name_en} (a school's fields
// list), or null (the keys are shown).  A field in m² or yuan gets its
// unit, unless its name carries it already (the English names do:
// "smallest art room (m²)").  Used by GapPlan and the county page.
import { lang, tr } from '../i18n.js';
import { amount } from '../format.js';

const L = { zh: { m2: ' ㎡', yuan: ' 元' }, en: { m2: ' m²', yuan: ' yuan' } };

export function additionTexts(add, fields) {
  const units = L[lang.value] || L.zh;
  return Object.entries(add || {}).filter(([, v]) => v).map(([k, v]) => {
    const f = fields && fields.get(k);
    const name = f ? tr(f, 'name') : k;
    const m = /_(m2|yuan)$/.exec(k);
    const u = m ? units[m[1]] : '';
    return { key: k, text: `${name} +${amount(v)}${u && !name.includes(u.trim()) ? u : ''}` };
  });
}
