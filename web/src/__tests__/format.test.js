// format.test.js — the formatting helpers against values worked by hand
// (each comment shows the arithmetic), and the shared word tables.
import { describe, it, expect, beforeAll } from 'vitest';

let f;
beforeAll(async () => {
  // Local time is Beijing time (UTC+8, no daylight saving) in this test;
  // set before the helpers make any Date.
  process.env.TZ = 'Asia/Shanghai';
  f = await import('../format.js');
});

describe('numbers as the CLI writes them', () => {
  it('groups thousands with 2 decimals', () => {
    // 1234567.891: third decimal 1 < 5 → .89; groups 1|234|567.
    expect(f.num(1234567.891)).toBe('1,234,567.89');
    // 999.995 is stored as 999.99500000000000454747… (above the tie) →
    // 1000.00, carrying into a new group (C's printf("%.2f") agrees).
    expect(f.num(999.995)).toBe('1,000.00');
    // 999999.996 → 1000000.00 (carry into a new group).
    expect(f.num(999999.996)).toBe('1,000,000.00');
    expect(f.num(0)).toBe('0.00');
    expect(f.num(12.5, 1)).toBe('12.5');
  });
  it('coefficients to 3 decimals', () => {
    // 0.4567: fourth decimal 7 ≥ 5 → 0.456 + 0.001 = 0.457.
    expect(f.coef(0.4567)).toBe('0.457');
    // 0.11174898751923117: fourth decimal 7 ≥ 5 → 0.111 + 0.001 = 0.112.
    expect(f.coef(0.11174898751923117)).toBe('0.112');
    expect(f.coef(0.5)).toBe('0.500');
  });
  it('rounds an exact tie to even, as printf does', () => {
    // 0.125 = 1/8 exactly: between 0.12 and 0.13, printf keeps the even 2.
    expect(f.fixed(0.125, 2)).toBe('0.12');
    // 0.375 = 3/8 exactly: 0.37 / 0.38 → the even 8.
    expect(f.fixed(0.375, 2)).toBe('0.38');
    // 2.5 → 2, 3.5 → 4 with no decimals.
    expect(f.fixed(2.5, 0)).toBe('2');
    expect(f.fixed(3.5, 0)).toBe('4');
    // 1.005 is 1.00499999999999989… (not a tie) → 1.00.
    expect(f.fixed(1.005, 2)).toBe('1.00');
  });
  it('negative numbers', () => {
    // -1234.5 → "-1,234.50"; -0.4567 → "-0.457".
    expect(f.num(-1234.5)).toBe('-1,234.50');
    expect(f.coef(-0.4567)).toBe('-0.457');
    // printf keeps the sign of a negative that rounds to zero.
    expect(f.num(-0.001)).toBe('-0.00');
    expect(f.int(-1234567)).toBe('-1,234,567');
  });
  it('missing values are a dash', () => {
    for (const v of [null, undefined, NaN, Infinity, -Infinity, '12'])
      expect(f.num(v)).toBe('—');
    expect(f.coef(null)).toBe('—');
    expect(f.pct(undefined)).toBe('—');
    expect(f.amount(null)).toBe('—');
    expect(f.datetime(null)).toBe('—');
    expect(f.date('not a date')).toBe('—');
  });
  it('percentages of a rate', () => {
    // 0.85066666… × 100 = 85.0666… → 85.07%.
    expect(f.pct(0.85066666666666668)).toBe('85.07%');
    expect(f.pct(0.85)).toBe('85.00%');
    expect(f.pct(1)).toBe('100.00%');
    // 0.9105263 × 100 = 91.05263 → 91.1% with 1 decimal.
    expect(f.pct(0.91052631578947374, 1)).toBe('91.1%');
    expect(f.pct(-0.05)).toBe('-5.00%');
  });
  it('amounts, counts and money', () => {
    expect(f.amount(1200)).toBe('1,200');
    expect(f.amount(12.5)).toBe('12.50');
    expect(f.int(31)).toBe('31');
    expect(f.int(28196)).toBe('28,196');
    // 7935187.4 → whole yuan 7935187.
    expect(f.money(7935187.4)).toBe('7,935,187');
    // 8589 / 1024 = 8.3877 → 8.39 KB.
    expect(f.bytes(8589)).toBe('8.39 KB');
    expect(f.bytes(512)).toBe('512 B');
  });
});

describe('dates in local time (Asia/Shanghai, UTC+8)', () => {
  it('API times', () => {
    // 01:18:25 UTC + 8 h = 09:18:25 the same day.
    expect(f.datetime('2026-11-30T01:18:25Z')).toBe('2026-11-30 09:18');
    expect(f.datetime('2026-11-30T01:18:25Z', true)).toBe('2026-11-30 09:18:25');
    // 17:00 UTC + 8 h = 01:00 the next day.
    expect(f.date('2026-11-29T17:00:00Z')).toBe('2026-11-30');
    // 1700000000 s = 2023-11-14 22:13:20 UTC → 2023-11-15 06:13:20 local.
    expect(f.datetime(1700000000, true)).toBe('2023-11-15 06:13:20');
    expect(f.date(1700000000)).toBe('2023-11-15');
  });
});

describe('shared words', () => {
  it('Chinese and English have the same keys, and no Chinese in English', async () => {
    const words = (await import('../locales.js')).default;
    expect(Object.keys(words.en).sort()).toEqual(Object.keys(words.zh).sort());
    for (const [k, v] of Object.entries(words.en))
      expect(/[\u3400-\u9fff]/.test(v), k).toBe(false);
  });
});
