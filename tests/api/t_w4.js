'use strict';
/*
 * t_w4.js — what the import, what-if and account pages (issue 11, W4)
 * rely on.  POST /imports answers, beside lib/service's summary, the
 * county-years the file names ("counties", distinct, sorted by code then
 * year) so that the page can link to them:
 *   - a county office's file with two rows of 369904/2024 → exactly
 *     [{369904, 2024}] (two rows, one county-year);
 *   - a city office's file with a 369904 row before a 369901 row →
 *     [{369901, 2024}, {369904, 2024}] (sorted, not in file order);
 *   - the same file again (nothing changes: revision 0) still names them;
 *   - a county-year records file for 369904 2023 and 2024 → both years;
 *   - a refused import (403) has no summary, only problems.
 */
const L = require('./lib.js');
const C = require('./common.js');
const { check } = L;

module.exports = async function (ctx) {
	const S = ctx.s;
	const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
	const row = (code, ch) => C.schoolCsv(ctx, code, ch).split('\n')[1];

	/* Two schools of 云岭县 369904, 2024: one county-year. */
	const f1 = ctx.SCHOOL_HEADER + '\n' + row('2136990410', { music_rooms: 3 }) + '\n' + row('2136990411', { music_rooms: 3 }) + '\n';
	const r1 = await C.importReq(S.county, 'w4-one.csv', f1);
	check('W4 import (county 369904, two rows): 200 with counties [{369904, 2024}]',
		r1.status === 200 && r1.json && same(r1.json.counties, [{ code: '369904', year: 2024 }]),
		r1.status + ' ' + r1.text.slice(0, 400));
	check('W4 import: the summary keeps its fields (rows 2, revision > 0)',
		r1.json && r1.json.rows === 2 && r1.json.revision > 0 && Array.isArray(r1.json.missing), r1.text.slice(0, 400));

	/* 369904's row first, then 江城区 369901's: sorted by code. */
	const f2 = ctx.SCHOOL_HEADER + '\n' + row('2136990412', { music_rooms: 2 }) + '\n' + row('2136990101', { music_rooms: 2 }) + '\n';
	const r2 = await C.importReq(S.city, 'w4-two.csv', f2);
	check('W4 import (city 369900, rows of 369904 then 369901): counties sorted [{369901}, {369904}]',
		r2.status === 200 && r2.json && same(r2.json.counties, [{ code: '369901', year: 2024 }, { code: '369904', year: 2024 }]),
		r2.status + ' ' + r2.text.slice(0, 400));

	/* The same file again: nothing changes, the county-years are named still. */
	const r3 = await C.importReq(S.city, 'w4-two.csv', f2);
	check('W4 import again (no change): revision 0, counties still named',
		r3.status === 200 && r3.json && r3.json.revision === 0 &&
		same(r3.json.counties, [{ code: '369901', year: 2024 }, { code: '369904', year: 2024 }]),
		r3.status + ' ' + r3.text.slice(0, 400));

	/* County-year records of two years: both named, the earlier first. */
	const f4 = 'county_code,year,item,value,note\n369904,2024,layout_plan,是,w4\n369904,2023,layout_plan,是,w4\n';
	const r4 = await C.importReq(S.county, 'w4-county.csv', f4);
	check('W4 import of county-year records (2024 then 2023): counties [{369904, 2023}, {369904, 2024}]',
		r4.status === 200 && r4.json && same(r4.json.counties, [{ code: '369904', year: 2023 }, { code: '369904', year: 2024 }]),
		r4.status + ' ' + r4.text.slice(0, 400));

	/* Refused: no summary. */
	const r5 = await C.importReq(S.county, 'w4-foreign.csv', ctx.SCHOOL_HEADER + '\n' + row('2136990101', { music_rooms: 4 }) + '\n');
	check('W4 import refused (county 369904, a 369901 row): 403, problems and no counties',
		r5.status === 403 && r5.json && r5.json.error && r5.json.error.problems.length === 1 && r5.json.counties === undefined,
		r5.status + ' ' + r5.text.slice(0, 400));
};
