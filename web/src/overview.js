// overview.js — GET /overview's answer made whole for the pages.
//
// The server sends a county's row with codes and numbers only: the
// verdict's code, and per stage its limit and two arrays of seven, the
// coefficients and their pass/fail, in the order of labels.indicators;
// the labels of verdicts, stages and indicators come once per answer
// (labels: {verdicts, stages, indicators}).  That keeps a province's
// overview (200 counties) under 200 kB: the labels repeated in every row
// were three quarters of its bytes.
//
// expandOverview(answer) gives the rows the components read, each label
// where it is used (tr(x, 'name') works on every entry):
//   county: {…row, verdict_zh, verdict_en, stages: [stage…]}
//   stage:  {stage, name_zh, name_en, schools, failing_schools, students,
//            passes, cv_mean, limit,
//            coefficients: [{indicator, name_zh, name_en, short_zh,
//                            short_en, value, limit, pass}×7]}
// Nothing is judged here: value, limit and pass are the server's.  An
// answer without labels (already whole) is returned as it is.
export function expandOverview(answer) {
  if (!answer || !answer.labels || !Array.isArray(answer.counties)) return answer;
  const { labels, counties, ...rest } = answer;
  const verdicts = new Map((labels.verdicts || []).map(v => [v.verdict, v]));
  const stages = new Map((labels.stages || []).map(s => [s.stage, s]));
  const indicators = labels.indicators || [];
  const stage = (s) => {
    const { coefficients, pass, ...head } = s;
    const name = stages.get(s.stage) || {};
    const values = Array.isArray(coefficients) ? coefficients : [];
    const passes = Array.isArray(pass) ? pass : [];
    return {
      ...head,
      name_zh: name.name_zh ?? s.stage, name_en: name.name_en ?? s.stage,
      coefficients: indicators.map((ind, i) => ({
        indicator: ind.indicator, name_zh: ind.name_zh, name_en: ind.name_en,
        short_zh: ind.short_zh, short_en: ind.short_en,
        value: values[i] ?? null, limit: s.limit ?? null, pass: passes[i] ?? null,
      })),
    };
  };
  return {
    ...rest,
    labels,
    counties: counties.map((c) => {
      const v = verdicts.get(c.verdict) || {};
      return {
        ...c,
        verdict_zh: v.name_zh ?? c.verdict, verdict_en: v.name_en ?? c.verdict,
        stages: (c.stages || []).map(stage),
      };
    }),
  };
}
