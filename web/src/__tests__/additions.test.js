// additions.test.js — the gap plan's additions as the county page and
// GapPlan write them (components/additions.js).  Expected texts written
// by hand from the rules: the field's name, " +", the amount as format.js's
// amount() (whole numbers without decimals, thousands separators), and
// the unit of an m² or yuan field unless the name carries it.
import { describe, it, expect, afterEach } from 'vitest';
import { additionTexts } from '../components/additions.js';
import { setLang } from '../i18n.js';

const fields = new Map([
  ['art_room_min_area_m2', { name_zh: '最小美术专用教室面积', name_en: 'smallest art room (m²)' }],
  ['equipment_value_yuan', { name_zh: '教学仪器设备值', name_en: 'teaching equipment value (yuan)' }],
  ['teachers_junior', { name_zh: '初中专任教师数', name_en: 'junior full-time teachers' }],
]);

describe('additionTexts', () => {
  afterEach(() => setLang('zh'));

  it('names, amounts and units in Chinese', () => {
    const t = additionTexts({ teachers_junior: 12, art_room_min_area_m2: 18, equipment_value_yuan: 32187 }, fields);
    // 32187 → "32,187" (a whole number: no decimals, grouped by three).
    expect(t.map(x => x.text)).toEqual(['初中专任教师数 +12', '最小美术专用教室面积 +18 ㎡', '教学仪器设备值 +32,187 元']);
    expect(t.map(x => x.key)).toEqual(['teachers_junior', 'art_room_min_area_m2', 'equipment_value_yuan']);
  });

  it('English names carry their unit: not repeated', () => {
    setLang('en');
    const t = additionTexts({ art_room_min_area_m2: 18, equipment_value_yuan: 1234.5 }, fields);
    // 1234.5 is not whole: 2 decimals, "1,234.50".
    expect(t.map(x => x.text)).toEqual(['smallest art room (m²) +18', 'teaching equipment value (yuan) +1,234.50']);
  });

  it('zero additions left out; unknown fields shown by key', () => {
    const t = additionTexts({ music_rooms: 1, teachers_junior: 0 }, null);
    expect(t.map(x => x.text)).toEqual(['music_rooms +1']);
    expect(additionTexts(null, fields)).toEqual([]);
  });
});
