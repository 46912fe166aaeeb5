'use strict';
/*
 * t_creation.js — creation plans and trends (issue 12):
 *
 *   GET/PUT /counties/{code}/plan, GET/PUT /cities/{code}/plan
 *   GET /plans?area=&date=, GET /counties/{code}/trends, GET /cities/{code}/trends
 *
 * The answers are exactly the CLI's JSON (`junheng plan DB show|timeline|
 * trends --format json`); a plan's PUT is validated field by field (422
 * with each field's path), compare-and-set on its version (409), the
 * target year the city's (a county's PUT changing it: 403 naming
 * target_year); the role × area matrix below is written out by hand from
 * the design's table (Y allowed, · denied), not computed from the rules.
 * Milestone figures are checked against the verdict endpoint's own
 * figures for the same county-year.
 */
const L = require('./lib.js');
const { check, api } = L;

const WHO = ['admin', 'prov', 'city', 'city2', 'county', 'county3', 'county2', 'insp', 'inspcity', 'school', 'school2'];

/* Columns: the accounts above.  insp is the inspector of 369904,
 * inspcity of 369900; school is 2136990401 of 369904, school2 of 369801. */
const MATRIX = {
	//                                  admin prov city city2 county county3 county2 insp inspcity school school2
	'GET /counties/369904/plan':       'Y     Y    Y    ·     Y      ·       ·       Y    Y        Y      ·',
	'PUT /counties/369904/plan':       'Y     Y    Y    ·     Y      ·       ·       ·    ·        ·      ·',
	'GET /cities/369900/plan':         'Y     Y    Y    ·     ·      ·       ·       ·    Y        ·      ·',
	'PUT /cities/369900/plan':         'Y     Y    Y    ·     ·      ·       ·       ·    ·        ·      ·',
	'GET /counties/369904/trends':     'Y     Y    Y    ·     Y      ·       ·       Y    Y        ·      ·',
	'GET /cities/369900/trends':       'Y     Y    Y    ·     ·      ·       ·       ·    Y        ·      ·',
	'GET /plans?area=369900':          'Y     Y    Y    ·     ·      ·       ·       ·    Y        ·      ·',
	'GET /plans?area=369904':          'Y     Y    Y    ·     Y      ·       ·       Y    Y        Y      ·',
};

function cliJson(ctx, args, env) {
	const r = L.cli(ctx.FAST, ['plan', ctx.db, ...args, '--format', 'json'], { env });
	return { status: r.status, text: r.text.replace(/\n$/, ''), stderr: r.stderr };
}

async function version(ctx, path) {
	const r = await api('GET', path, { session: ctx.s.admin });
	return r.json ? r.json.version : -1;
}

module.exports = async function (ctx) {
	const S = ctx.s;

	/* --- a county's plan from nothing -------------------------------- */
	let r = await api('GET', '/counties/369904/plan', { session: S.county });
	check('plan: none yet → 200, version 0, plan null', r.status === 200 && r.json.version === 0 && r.json.plan === null &&
		r.json.level === 'county' && r.json.name === '云岭县', r.status + ' ' + r.text.slice(0, 300));

	r = await api('PUT', '/counties/369904/plan', { session: S.county, body: { target_year: 2025 } });
	const ty = r.json && r.json.error && (r.json.error.problems || [])[0];
	check('plan: a county setting its target year → 403 naming target_year', r.status === 403 && ty && ty.column_name === 'target_year' &&
		/市级及以上/.test(ty.message_zh) && /city or above/.test(ty.message_en), r.status + ' ' + r.text.slice(0, 400));

	const plan = {
		target_year: 2025, why: '市定创建年度', responsible: { zh: '云岭县人民政府', en: 'Yunling county government' },
		milestones: [
			{ year: 2024, targets: [{ measure: 'cv.junior.key_teachers_per100', max: 0.45 }, { measure: 'item.guarantee.3', pass: true }] },
			{ year: 2023, targets: [{ measure: 'large_schools', max: 0 }] },
		],
	};
	r = await api('PUT', '/counties/369904/plan', { session: S.city, body: plan });
	check('plan: the city sets it → 200, version 1, who city, milestones by year', r.status === 200 && r.json.version === 1 &&
		r.json.who === 'city' && r.json.why === '市定创建年度' && r.json.plan.milestones.map((m) => m.year).join() === '2023,2024',
	r.status + ' ' + r.text.slice(0, 400));

	/* The county edits the rest, keeping the year, naming version 1. */
	const mine = Object.assign({}, plan, { version: 1, why: '县补充一校一策', school_measures: [
		{ school: '2136990409', measure: '补充骨干教师 2 名', unit: '县教育局', person: '王某', letter_signed: true }] });
	r = await api('PUT', '/counties/369904/plan', { session: S.county, body: mine });
	check('plan: the county edits, same target year → 200, version 2', r.status === 200 && r.json.version === 2 &&
		r.json.versions.length === 2 && r.json.plan.school_measures[0].school === '2136990409', r.status + ' ' + r.text.slice(0, 300));
	r = await api('PUT', '/counties/369904/plan', { session: S.county, body: mine });
	const cf = r.json && r.json.error && (r.json.error.problems || [])[0];
	check('plan: version 1 again → 409 naming the versions (1 read, 2 now)', r.status === 409 && cf &&
		/版本 1/.test(cf.message_zh) && /version 2 now/.test(cf.message_en), r.status + ' ' + r.text.slice(0, 400));

	r = await api('PUT', '/counties/369904/plan', { session: S.city, body: { version: 2, target_year: 1800,
		milestones: [{ year: 2024, targets: [{ measure: 'big_schools', max: 1 }, { measure: 'large_schools', pass: true }] }],
		school_measures: [{ school: '2136990301', measure: 'x' }] } });
	const paths = r.json && r.json.error ? (r.json.error.problems || []).map((p) => p.column_name).sort().join(' ') : '';
	check('plan: a bad document → 422, one problem per field, by path', r.status === 422 && paths ===
		'milestones[0].targets[0].measure milestones[0].targets[1].pass school_measures[0].school target_year', r.status + ' ' + paths);
	check('plan: nothing stored by the bad one', await version(ctx, '/counties/369904/plan') === 2);
	r = await api('PUT', '/counties/369904/plan', { session: S.city, body: { version: 2, tagret_year: 2025 } });
	check('plan: an unknown field → 422 naming it', r.status === 422 && /tagret_year/.test(r.text), r.status + ' ' + r.text.slice(0, 300));
	r = await api('PUT', '/counties/999999/plan', { session: S.admin, body: {} });
	check('plan: an unknown county → 404', r.status === 404, String(r.status));
	r = await api('GET', '/counties/360000/plan', { session: S.admin });
	check('plan: a province has none → 404', r.status === 404, String(r.status));

	r = await api('GET', '/counties/369904/plan', { session: S.insp });
	let c = cliJson(ctx, ['show', '369904']);
	check('plan: GET = junheng plan show --format json, byte for byte', r.status === 200 && c.status === 0 && r.text === c.text,
		r.text.slice(0, 200) + '\n' + c.text.slice(0, 200) + c.stderr);

	/* --- the timeline ------------------------------------------------- */
	/* The figures: 369904's 2024 verdict has the junior key-teacher
	 * coefficient and guarantee.3's status; 2023 its guarantee.4 count. */
	const v24 = await api('GET', '/counties/369904/verdict?year=2024', { session: S.admin });
	const v23 = await api('GET', '/counties/369904/verdict?year=2023', { session: S.admin });
	const item = (v, id) => v.json.items.find((i) => i.id === id);
	const cv = item(v24, 'resource.cv.junior.key_teachers_per100').value;
	const rooms = item(v24, 'guarantee.3').status;
	const large23 = item(v23, 'guarantee.4').value;
	r = await api('GET', '/plans?area=369900&date=2025-03-31', { session: S.city });
	const yl = r.json && r.json.counties.find((x) => x.county === '369904');
	check('plans: 7 counties of 369900, 369904 with target year 2025', r.status === 200 && r.json.counties.length === 7 &&
		yl && yl.target_year === 2025 && r.json.date === '2025-03-31', r.status + ' ' + r.text.slice(0, 300));
	const m23 = yl && yl.milestones[0], m24 = yl && yl.milestones[1];
	check('plans: 2023 judged on the verdict\'s large-school count (' + large23 + ')', m23 && m23.targets[0].value === large23 &&
		m23.status === (large23 <= 0 ? 'met' : 'missed'), JSON.stringify(m23));
	check('plans: 2024 coefficient = the verdict\'s (' + cv + '), over 0.45 → missed after 2024-12-31', m24 &&
		m24.targets[0].value === cv && m24.targets[0].holds === (cv <= 0.45) && m24.targets[1].holds === (rooms === 'pass') &&
		m24.status === 'missed' && yl.behind === true && yl.behind_reasons.join() === 'milestone', JSON.stringify(yl).slice(0, 600));
	r = await api('GET', '/plans?area=369904&date=2024-12-31', { session: S.county });
	check('plans: on 2024-12-31 the 2024 milestone is still due', r.status === 200 && r.json.counties.length === 1 &&
		r.json.counties[0].milestones[1].status === 'due' && r.json.counties[0].behind === false, r.text.slice(0, 300));
	c = cliJson(ctx, ['timeline', '369900', '--date', '2025-03-31']);
	r = await api('GET', '/plans?area=369900&date=2025-03-31', { session: S.admin });
	check('plans: = junheng plan timeline --format json, byte for byte', r.text === c.text, r.text.slice(0, 200) + '\n' + c.text.slice(0, 200));
	r = await api('GET', '/plans?area=369900&date=2025-02-30', { session: S.admin });
	check('plans: a day that does not exist → 400', r.status === 400, String(r.status));
	r = await api('GET', '/plans?date=2025-03-31', { session: S.county });
	check('plans: no area → the caller\'s own (one county)', r.status === 200 && r.json.counties.length === 1 &&
		r.json.counties[0].county === '369904', r.text.slice(0, 200));
	r = await api('GET', '/plans?area=369904&date=2025-03-31&lang=en', { session: S.school });
	check('plans: a school reads its county\'s', r.status === 200 && r.json.counties.length === 1, r.status + ' ' + r.text.slice(0, 200));

	/* City-wide targets: large schools summed over the counties. */
	r = await api('PUT', '/cities/369900/plan', { session: S.city, body: { milestones: [
		{ year: 2024, targets: [{ measure: 'large_schools', max: 0 }] }] } });
	check('city plan: the city sets its city-wide targets → 200', r.status === 200 && r.json.level === 'city' && r.json.version === 1,
		r.status + ' ' + r.text.slice(0, 300));
	r = await api('PUT', '/cities/369900/plan', { session: S.city, body: { version: 1, milestones: [
		{ year: 2024, targets: [{ measure: 'cv.junior.key_teachers_per100', max: 0.45 }] }] } });
	check('city plan: a coefficient is not city-wide → 422', r.status === 422 && /cannot be summed/.test(r.text), r.status + ' ' + r.text.slice(0, 300));
	let large24 = 0;
	for (const cty of ['369901', '369902', '369903', '369904', '369905', '369906', '369907']) {
		const v = await api('GET', '/counties/' + cty + '/verdict?year=2024', { session: S.admin });
		large24 += item(v, 'guarantee.4').value;
	}
	r = await api('GET', '/plans?area=369900&date=2025-03-31', { session: S.city });
	const cm = r.json && r.json.cities[0] && r.json.cities[0].milestones[0];
	check('city plan: 2024 large schools = the 7 verdicts\' sum (' + large24 + ')', cm && cm.targets[0].value === large24 &&
		cm.status === (large24 === 0 ? 'met' : 'missed'), JSON.stringify(cm));

	/* --- trends -------------------------------------------------------- */
	r = await api('GET', '/counties/369904/trends', { session: S.county });
	c = cliJson(ctx, ['trends', '369904']);
	check('trends: years 2022–2024, the 2024 coefficient = the verdict\'s', r.status === 200 &&
		r.json.years.map((y) => y.year).join() === '2022,2023,2024' && r.json.years[2].stages.junior.cv.key_teachers_per100 === cv,
	r.status + ' ' + r.text.slice(0, 300));
	check('trends: = junheng plan trends --format json', r.text === c.text, r.text.slice(0, 200) + '\n' + c.text.slice(0, 200));
	r = await api('GET', '/counties/369904/trends?base=2022&year=2024', { session: S.county });
	check('trends: base 2022, year 2024 compared', r.status === 200 && r.json.schools.base === 2022 && r.json.schools.year === 2024,
		r.text.slice(0, 200));
	r = await api('GET', '/counties/369904/trends?base=2024&year=2023', { session: S.county });
	check('trends: base after year → 422', r.status === 422, String(r.status));
	r = await api('GET', '/cities/369900/trends', { session: S.city });
	check('trends: the city, 7 counties', r.status === 200 && r.json.counties.length === 7 && r.json.level === 'city', r.text.slice(0, 200));

	/* --- the matrix ---------------------------------------------------- */
	for (const [what, row] of Object.entries(MATRIX)) {
		const cells = row.split(/\s+/);
		const [method, path] = what.split(' ');
		for (let i = 0; i < WHO.length; i++) {
			const who = WHO[i];
			const allowed = cells[i] === 'Y';
			let body;
			if (method === 'PUT') {
				/* What the caller would send: the current version, the
				 * target year kept. */
				const cur = await api('GET', path, { session: S.admin });
				body = Object.assign({}, cur.json.plan || {}, { version: cur.json.version });
			}
			const q = path.startsWith('/plans') ? path + '&date=2025-03-31' : path;
			const before = method === 'PUT' ? await version(ctx, path) : 0;
			const res = await api(method, q, { session: S[who], body });
			const ok = allowed ? res.status === 200 : res.status === 403;
			check('matrix: ' + what + ' as ' + who + ' → ' + (allowed ? '200' : '403'), ok, res.status + ' ' + res.text.slice(0, 200));
			if (method === 'PUT' && !allowed)
				check('matrix: ' + what + ' as ' + who + ' wrote nothing', await version(ctx, path) === before);
		}
	}
};
