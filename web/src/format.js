// format.js — every number and date a page shows, written as the CLI
// writes them (lib/util/number.c): printf's "%.Nf" of the exact binary
// value (an exact tie rounds to even, as glibc's printf does; JS's
// toFixed would round it up), thousands separators as jhGrouped, a minus
// sign whenever the sign bit is set ("-0.00" as printf).  A missing value
// (null, undefined, NaN, ±Infinity) is "—".  Dates are shown in the
// browser's local time.  Nothing here depends on the language: digits,
// separators and dates are written the same way in Chinese and English.

export const NONE = '—';

function missing(v) {
  return v === null || v === undefined || typeof v !== 'number' || !Number.isFinite(v);
}

// printf("%.*f", d, v) for 0 <= d <= 20.
export function fixed(v, d = 2) {
  if (missing(v)) return NONE;
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  let s = a.toFixed(d);
  // toFixed picks the larger of two equally near results; printf the even
  // one.  A tie is only possible when the exact decimal expansion of a
  // (at most 100 digits for a >= 2^-48 or so) is "…5000…" after d digits.
  if (a < 1e21 && a >= 1e-14) {
    const exact = a.toFixed(100);
    const dot = exact.indexOf('.');
    const rest = exact.slice(dot + 1 + d);
    if (/^50*$/.test(rest)) {
      const cut = exact.slice(0, d ? dot + 1 + d : dot);
      const last = cut.charCodeAt(cut.length - 1) - 48;
      if (last % 2 === 0) s = cut;
    }
  }
  return (neg ? '-' : '') + s;
}

// Thousands separators in the whole part of a fixed() string.
function group(s) {
  const m = /^(-?)(\d+)(.*)$/.exec(s);
  if (!m) return s;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + m[3];
}

// 1234567.891 → "1,234,567.89" (d decimals, 2 by default).
export function num(v, d = 2) {
  return missing(v) ? NONE : group(fixed(v, d));
}

// Whole numbers without decimals, the rest with 2 (counts, yuan, areas:
// lib/core/verdict.c and lib/plan/gaps_report.c).  1200 → "1,200",
// 12.5 → "12.50".
export function amount(v) {
  return missing(v) ? NONE : num(v, v === Math.floor(v) ? 0 : 2);
}

// A count: 31 → "31", 12345 → "12,345".
export function int(v) {
  return num(v, 0);
}

// A coefficient of variation: 3 decimals.  0.4567 → "0.457".
export function coef(v) {
  return missing(v) ? NONE : fixed(v, 3);
}

// A rate 0..1 as a percentage with d decimals: 0.85066 → "85.07%"
// (lib/core/verdict.c: "%.2f%%" of rate × 100).
export function pct(v, d = 2) {
  return missing(v) ? NONE : num(v * 100, d) + '%';
}

// Money in yuan, rounded to whole yuan: 7935187.4 → "7,935,187".
export function money(v) {
  return num(v, 0);
}

function pad(n) {
  return n < 10 ? '0' + n : String(n);
}

// A time from the API — seconds since 1970 (accounts) or
// "YYYY-MM-DDTHH:MM:SSZ" (revisions, history) — as local
// "YYYY-MM-DD HH:MM" (with seconds when sec is true).
export function toDate(t) {
  if (t === null || t === undefined || t === '') return null;
  const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function datetime(t, sec = false) {
  const d = toDate(t);
  if (!d) return NONE;
  const s = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return sec ? s + ':' + pad(d.getSeconds()) : s;
}

export function date(t) {
  const d = toDate(t);
  return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : NONE;
}

// A byte count for people: 8589 → "8.39 KB" (1 KB = 1024 bytes).
export function bytes(n) {
  if (missing(n)) return NONE;
  if (n < 1024) return int(n) + ' B';
  if (n < 1024 * 1024) return num(n / 1024) + ' KB';
  return num(n / 1048576) + ' MB';
}
