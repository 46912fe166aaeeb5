// overview.test.js — expandOverview: the overview's compact rows (codes
// and numbers, labels once per answer) made whole for the components.
// The input is written by hand in the server's shape (docs/api.md).
import { describe, it, expect } from 'vitest';
import { expandOverview } from '../overview.js';

const labels = {
  verdicts: [
    { verdict: 'pass', name_zh: '达到', name_en: 'pass' },
    { verdict: 'fail', name_zh: '未达到', name_en: 'fail' },
    { verdict: 'incomplete', name_zh: '数据不全', name_en: 'incomplete' },
  ],
  stages: [
    { stage: 'primary', name_zh: '小学', name_en: 'primary' },
    { stage: 'junior', name_zh: '初中', name_en: 'junior' },
  ],
  // Two indicators only: the expansion follows the labels' list.
  indicators: [
    { indicator: 'a', name_zh: '甲', name_en: 'A', short_zh: '甲', short_en: 'a' },
    { indicator: 'b', name_zh: '乙', name_en: 'B', short_zh: '乙', short_en: 'b' },
  ],
};

describe('expandOverview', () => {
  it('puts each label where it is used, numbers untouched', () => {
    const d = expandOverview({
      year: 2024, area: null, labels,
      counties: [{
        code: '369903', name: '清溪县', verdict: 'fail', failing_items: 1,
        stages: [
          { stage: 'primary', schools: 2, passes: false, limit: 0.5, coefficients: [0.51, 0.2], pass: [false, true] },
          { stage: 'junior', schools: 0, passes: null, limit: 0.45, coefficients: [null, null], pass: [null, null] },
        ],
      }],
    });
    const c = d.counties[0];
    expect(d.year).toBe(2024);
    expect(c.verdict).toBe('fail');
    expect([c.verdict_zh, c.verdict_en]).toEqual(['未达到', 'fail']);
    expect(c.failing_items).toBe(1);
    const [p, j] = c.stages;
    expect([p.name_zh, p.name_en, j.name_zh]).toEqual(['小学', 'primary', '初中']);
    expect(p.pass).toBeUndefined();
    // The first value goes with the first indicator; the stage's limit
    // with each; pass as the server said (0.51 > 0.5: false).
    expect(p.coefficients).toEqual([
      { indicator: 'a', name_zh: '甲', name_en: 'A', short_zh: '甲', short_en: 'a', value: 0.51, limit: 0.5, pass: false },
      { indicator: 'b', name_zh: '乙', name_en: 'B', short_zh: '乙', short_en: 'b', value: 0.2, limit: 0.5, pass: true },
    ]);
    // A stage without schools: values and pass stay null, not false.
    expect(j.coefficients.map(x => [x.value, x.limit, x.pass])).toEqual([[null, 0.45, null], [null, 0.45, null]]);
  });
  it('leaves an answer without labels as it is', () => {
    const whole = { year: 2024, counties: [{ code: '1', verdict: 'pass', verdict_zh: '达到' }] };
    expect(expandOverview(whole)).toBe(whole);
    expect(expandOverview(null)).toBe(null);
  });
  it('an unknown verdict or stage code is shown as its code', () => {
    const d = expandOverview({ labels, counties: [{ code: '1', verdict: 'odd', stages: [{ stage: 'x', coefficients: [1], pass: [true] }] }] });
    expect(d.counties[0].verdict_zh).toBe('odd');
    expect(d.counties[0].stages[0].name_en).toBe('x');
    // One value for two indicators: the second is null.
    expect(d.counties[0].stages[0].coefficients.map(x => x.value)).toEqual([1, null]);
  });
});
