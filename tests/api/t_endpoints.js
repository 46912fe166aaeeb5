'use strict';
/*
 * t_endpoints.js — every endpoint of the API section, happy path
 * and errors, with real values: the sample's documented figures
 * (data/sample/README.md) and the CLI's own output for the same database
 * (verdict, eval, gaps, whatif, history must be the CLI's bytes).
 *
 * Order matters: the reads of the sample's 2024 figures come before the
 * writes (PATCH, import) that change 云岭县 369904.
 */
const fs = require('node:fs');
const path = require('node:path');
const L = require('./lib.js');
const C = require('./common.js');
const { check, api } = L;

module.exports = async function (ctx) {
	const S = ctx.s;
	const A = ctx.accounts;

	/* ---- POST /session, GET /me ---- */
	{
		const s = await L.signIn('county', A.county.pw);
		check('session: 200 for county', s.ok, s.res.status);
		const u = s.user || {};
		check('session: user is county / county / 369904', u.name === 'county' && u.role === 'county' && u.area === '369904', JSON.stringify(u));
		check('session: no password hash in the answer', !/argon2|pwhash|password/i.test(s.res.text), s.res.text);
		check('session: csrf is 64 hex digits', /^[0-9a-f]{64}$/.test(s.csrf || ''), s.csrf);
		const c = s.setCookie || '';
		check('session cookie: jh_session=<64 hex>', /^jh_session=[0-9a-f]{64};/.test(c), c);
		check('session cookie: HttpOnly', /;\s*HttpOnly/i.test(c), c);
		check('session cookie: SameSite=Strict', /;\s*SameSite=Strict/i.test(c), c);
		check('session cookie: Path=/', /;\s*Path=\/(;|$)/.test(c), c);
		check('session cookie: no Secure without --secure-cookie', !/;\s*Secure/i.test(c), c);
		check('session: a new token each sign-in', s.cookie !== S.county.cookie && s.csrf !== S.county.csrf);
		const me = await api('GET', '/me', { session: s });
		const mu = (me.json && (me.json.user || me.json)) || {};
		check('me: 200 with the account', me.status === 200 && mu.name === 'county' && mu.role === 'county' && mu.area === '369904', me.text);
		const ma = await api('GET', '/me', { session: S.admin });
		const au = (ma.json && (ma.json.user || ma.json)) || {};
		check('me: admin', ma.status === 200 && au.name === 'admin' && au.role === 'admin', ma.text);
		const ms = await api('GET', '/me', { session: S.school });
		const su = (ms.json && (ms.json.user || ms.json)) || {};
		check('me: school bound to 2136990401', ms.status === 200 && su.role === 'school' && su.area === '2136990401', ms.text);

		/* Bad credentials, from an address of their own (127.0.0.2) so the
		 * per-address throttle of 127.0.0.1 is not touched. */
		const bad = await L.signIn('county', 'not-the-password', { localAddress: '127.0.0.2' });
		check('session: wrong password → 401', bad.res.status === 401, bad.res.status + ' ' + bad.res.text);
		check('session: no cookie on 401', !bad.res.rawHeaders.some(([k, v]) => k === 'set-cookie' && /jh_session=[0-9a-f]/.test(v)));
		const unk = await L.signIn('nobody-here', 'not-the-password', { localAddress: '127.0.0.2' });
		check('session: unknown name → 401', unk.res.status === 401, unk.res.status);
		const e1 = bad.res.json && bad.res.json.error, e2 = unk.res.json && unk.res.json.error;
		check('session: unknown name and wrong password say the same', e1 && e2 && e1.code === e2.code &&
			e1.message_zh === e2.message_zh && e1.message_en === e2.message_en, JSON.stringify([e1, e2]));
		const miss = await api('POST', '/session', { body: { username: 'county' }, localAddress: '127.0.0.2' });
		check('session: no password → 400', miss.status === 400, miss.status + ' ' + miss.text);
		const notjson = await api('POST', '/session', { body: 'username=county&password=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, localAddress: '127.0.0.2' });
		check('session: a form body → 400 (or 415)', notjson.status === 400 || notjson.status === 415, notjson.status);
		const g = await api('GET', '/session', {});
		check('session: GET → 405', g.status === 405, g.status);
	}

	/* ---- GET /areas ---- */
	{
		const codes = (r) => new Map(L.objectsWithCode(r.json).map((o) => [o.code, o]));
		const rc = await api('GET', '/areas', { session: S.county });
		const m = codes(rc);
		check('areas(county): 200', rc.status === 200, rc.status);
		check('areas(county): its county 云岭县', m.has('369904') && m.get('369904').name === '云岭县', rc.text.slice(0, 500));
		check('areas(county): ancestors 369900 and 360000 marked ancestor', m.has('369900') && m.get('369900').ancestor === true &&
			m.has('360000') && m.get('360000').ancestor === true, rc.text.slice(0, 500));
		check('areas(county): its own area is not an ancestor', m.has('369904') && m.get('369904').ancestor !== true);
		check('areas(county): no sibling or other city', !m.has('369903') && !m.has('369801') && !m.has('369800') && !m.has('369901'), [...m.keys()].join(' '));
		const rcity = await api('GET', '/areas', { session: S.city });
		const mc = codes(rcity);
		const seven = ['369901', '369902', '369903', '369904', '369905', '369906', '369907'];
		check('areas(city): 江州市 and its 7 counties with names', mc.has('369900') && seven.every((c) => mc.has(c) && mc.get(c).name === C.NAME[c]),
			[...mc.keys()].join(' '));
		check('areas(city): 360000 an ancestor, no 北岭市', mc.has('360000') && mc.get('360000').ancestor === true && !mc.has('369800') && !mc.has('369801'));
		const ra = await api('GET', '/areas', { session: S.admin });
		const ma = codes(ra);
		check('areas(admin): all 11 areas', Object.keys(C.PARENT).every((c) => ma.has(c) && ma.get(c).name === C.NAME[c]), [...ma.keys()].join(' '));
		const rs = await api('GET', '/areas', { session: S.school });
		const ms = codes(rs);
		check('areas(school): 200 with its county\'s chain', rs.status === 200 && ms.has('369904') && ms.has('369900') && ms.has('360000'), rs.text.slice(0, 500));
		check('areas(school): no sibling county', !ms.has('369903') && !ms.has('369801'), [...ms.keys()].join(' '));
		const ri = await api('GET', '/areas', { session: S.insp });
		check('areas(inspector): its county, not the sibling', codes(ri).has('369904') && !codes(ri).has('369903'));
	}

	/* ---- GET /years ---- */
	{
		const r = await api('GET', '/years', { session: S.county });
		const ys = [];
		(function walk(v) { if (Array.isArray(v)) v.forEach(walk); else if (typeof v === 'number') ys.push(v); else if (v && typeof v === 'object') Object.values(v).forEach(walk); })(r.json);
		check('years: 200, 2022, 2023 and 2024 (the sample\'s three)', r.status === 200 && [2022, 2023, 2024].every((y) => ys.includes(y)) &&
			ys.every((y) => [2022, 2023, 2024].includes(y)), r.text);
	}

	/* ---- GET /overview ---- */
	{
		const r = await api('GET', '/overview?year=2024&area=369900', { session: S.city });
		check('overview(city, 369900): 200', r.status === 200, r.status + ' ' + r.text.slice(0, 300));
		const list = (L.firstArray(r.json && (r.json.counties || r.json)) || []);
		const by = new Map(list.map((c) => [c.code || c.county_code, c]));
		check('overview: the 7 counties of 江州市, none else', by.size === 7 && ['369901', '369902', '369903', '369904', '369905', '369906', '369907'].every((c) => by.has(c)),
			[...by.keys()].join(' '));
		/* data/sample/README.md, "The whole standard in 2024": only A
		 * 江城区 passes; D 云岭县 fails 8 resource items + guarantee 3 and 5
		 * = 10 items, with 7 failing schools; B and E fail on one school
		 * each, C on one coefficient (0 schools), F and G on one item with
		 * no failing school. */
		const want = { '369901': ['pass', 0, 0], '369902': ['fail', 1, 1], '369903': ['fail', 1, 0], '369904': ['fail', 10, 7],
			'369905': ['fail', 1, 1], '369906': ['fail', 1, 0], '369907': ['fail', 1, 0] };
		for (const [code, [v, items, schools]] of Object.entries(want)) {
			const c = by.get(code) || {};
			check('overview: ' + code + ' named ' + C.NAME[code], (c.name || c.county_name) === C.NAME[code], JSON.stringify(c).slice(0, 300));
			check('overview: ' + code + ' verdict ' + v, c.verdict === v, c.verdict);
			const fi = c.failing_items ?? c.items_failing ?? c.failed_items;
			const fs_ = c.failing_schools ?? c.schools_failing ?? c.failed_schools;
			check('overview: ' + code + ' failing items ' + items, fi === items, JSON.stringify(c).slice(0, 400));
			check('overview: ' + code + ' failing schools ' + schools, fs_ === schools, JSON.stringify(c).slice(0, 400));
		}
		/* 清溪县 fails on the primary sports-area coefficient 0.5108 > 0.50. */
		const q = JSON.stringify(by.get('369903') || {});
		check('overview: 369903 carries its coefficients (primary sports 0.51… > 0.50)', /0\.51\d*/.test(q) && /0\.5\b|0\.50?\b/.test(q), q.slice(0, 600));
		/* The labels come once per answer, rows are codes and numbers
		 * (issue 11: a province's overview under 200 kB).  name_zh: 3
		 * verdicts + 2 stages + 7 indicators = 12, for 7 counties as for 1. */
		const lab = (r.json && r.json.labels) || {};
		check('overview: labels of 3 verdicts, 2 stages, 7 indicators',
			(lab.verdicts || []).map((v) => v.verdict).join(' ') === 'pass fail incomplete' &&
			(lab.stages || []).map((x) => x.stage).join(' ') === 'primary junior' &&
			(lab.indicators || []).length === 7, JSON.stringify(lab).slice(0, 300));
		check('overview: verdict labels 达到 / 未达到 / 数据不全',
			(lab.verdicts || []).map((v) => v.name_zh).join(' ') === '达到 未达到 数据不全', JSON.stringify(lab.verdicts));
		check('overview: 12 name_zh in the whole answer (labels only)', (r.text.match(/"name_zh"/g) || []).length === 12,
			(r.text.match(/"name_zh"/g) || []).length);
		check('overview: no label in a row (verdict_zh, short_zh)', !/"verdict_zh"|"short_zh"|"verdict_en"/.test(JSON.stringify(r.json.counties)));
		/* 清溪县's primary sports-area coefficient 0.5108 (sample README):
		 * the 5th indicator of the labels, over the 0.50 limit; its other
		 * six within; the junior limit is 0.45 (教督〔2017〕6号). */
		const ci = (lab.indicators || []).findIndex((x) => x.indicator === 'sports_area_per_student');
		const c3 = ((by.get('369903') || {}).stages || []);
		const p3 = c3.find((x) => x.stage === 'primary') || {};
		const j3 = c3.find((x) => x.stage === 'junior') || {};
		check('overview: sports area is the 5th indicator', ci === 4, ci);
		check('overview: 369903 primary limit 0.5, junior 0.45', p3.limit === 0.5 && j3.limit === 0.45, p3.limit + ' ' + j3.limit);
		check('overview: 369903 primary sports-area coefficient 0.5108 (to 4 decimals), failing',
			Array.isArray(p3.coefficients) && p3.coefficients.length === 7 && Math.abs(p3.coefficients[4] - 0.5108) < 0.00005 &&
			Array.isArray(p3.pass) && p3.pass[4] === false, JSON.stringify(p3));
		check('overview: 369903 its other six primary coefficients pass',
			Array.isArray(p3.pass) && p3.pass.filter((x, i) => i !== 4).every((x) => x === true), JSON.stringify(p3.pass));
		const ren = await api('GET', '/overview?year=2024&area=369900&lang=en', { session: S.city });
		check('overview: the same bytes for lang=en (nothing in it depends on the language)', ren.status === 200 && ren.text === r.text,
			ren.text.slice(0, 200));
		/* The API's verdict of each county equals the CLI's. */
		for (const code of Object.keys(want)) {
			const v = L.cli(ctx.FAST, ['verdict', ctx.db, '--county', code, '--year', '2024', '--format', 'json']);
			let cv; try { cv = JSON.parse(v.text).verdict; } catch (e) { cv = 'cli failed'; }
			check('overview: ' + code + ' verdict = the CLI\'s (' + cv + ')', (by.get(code) || {}).verdict === cv);
		}
		const ra = await api('GET', '/overview?year=2024', { session: S.admin });
		const la = L.firstArray(ra.json && (ra.json.counties || ra.json)) || [];
		check('overview(admin, no area): all 8 counties', ra.status === 200 && la.length === 8, ra.status + ' ' + la.length);
		const rk = await api('GET', '/overview?year=2024', { session: S.county });
		const lk = L.firstArray(rk.json && (rk.json.counties || rk.json)) || [];
		check('overview(county, no area): its own county only', rk.status === 200 && lk.length === 1 && (lk[0].code || lk[0].county_code) === '369904',
			rk.status + ' ' + rk.text.slice(0, 300));
		const r2 = await api('GET', '/overview?area=369900', { session: S.city });
		check('overview: no year → 400', r2.status === 400, r2.status);
		const r3 = await api('GET', '/overview?year=2024&area=369999', { session: S.admin });
		check('overview: unknown area → 404', r3.status === 404, r3.status);
	}

	/* ---- verdict, eval, gaps = the CLI's bytes ---- */
	for (const kind of ['verdict', 'eval', 'gaps']) {
		for (const [code, year] of [['369904', 2024], ['369901', 2023], ['369801', 2024]]) {
			const r = await api('GET', '/counties/' + code + '/' + kind + '?year=' + year, { session: S.admin });
			const cli = L.cli(ctx.FAST, [kind, ctx.db, '--county', code, '--year', String(year), '--format', 'json']);
			check(kind + ' ' + code + ' ' + year + ': 200', r.status === 200, r.status + ' ' + r.text.slice(0, 300));
			check(kind + ' ' + code + ' ' + year + ': byte for byte the CLI\'s --format json', cli.status === 0 && Buffer.compare(r.body, cli.stdout) === 0,
				'api ' + r.body.length + ' bytes, cli ' + cli.stdout.length + ' bytes; api starts ' + r.text.slice(0, 120) + ' | cli ' + cli.text.slice(0, 120));
		}
		const again = await api('GET', '/counties/369904/' + kind + '?year=2024', { session: S.county });
		const cli = L.cli(ctx.FAST, [kind, ctx.db, '--county', '369904', '--year', '2024', '--format', 'json']);
		check(kind + ': the same bytes again for the county account (cache)', Buffer.compare(again.body, cli.stdout) === 0);
		const ny = await api('GET', '/counties/369904/' + kind, { session: S.admin });
		check(kind + ': no year → 400', ny.status === 400, ny.status);
		const by = await api('GET', '/counties/369904/' + kind + '?year=twenty', { session: S.admin });
		check(kind + ': year=twenty → 400', by.status === 400, by.status);
		const uk = await api('GET', '/counties/369999/' + kind + '?year=2024', { session: S.admin });
		check(kind + ': unknown county 369999 → 404', uk.status === 404, uk.status);
		const bc = await api('GET', '/counties/36990/' + kind + '?year=2024', { session: S.admin });
		check(kind + ': 5-digit code → 400 or 404', bc.status === 400 || bc.status === 404, bc.status);
		const ex = await api('GET', '/counties/369904/' + kind + '?year=2024&extra=1', { session: S.admin });
		check(kind + ': an unknown query parameter → 400', ex.status === 400, ex.status);
		const po = await api('POST', '/counties/369904/' + kind + '?year=2024', { session: S.admin });
		check(kind + ': POST → 405', po.status === 405, po.status);
	}
	{
		/* A verdict in data/sample/README.md: 云岭县 2024 fails, and its
		 * item 5 (2136990407, a junior class of 52) is among the failures. */
		const r = await api('GET', '/counties/369904/verdict?year=2024', { session: S.insp });
		check('verdict(inspector) 369904: "fail", 2136990407 named', r.json && r.json.verdict === 'fail' && r.text.includes('2136990407'), r.text.slice(0, 200));
		const k = await api('GET', '/counties/369801/verdict?year=2024', { session: S.county2 });
		check('verdict 北岭县 2024: incomplete (no county-year records)', k.json && k.json.verdict === 'incomplete', k.text.slice(0, 200));
	}

	/* ---- whatif ---- */
	{
		/* 云岭县's junior key-teacher coefficient fails (0.650 > 0.45); a
		 * plan adding teachers at the township junior schools is what a
		 * county office would try.  The API answer equals the CLI's on a
		 * change file with the same rows. */
		const rows = [
			{ action: 'add', school_code: '2136990409', field: 'key_teachers_junior', value: '5' },
			{ action: 'add', school_code: '2136990416', field: 'key_teachers_junior', value: '7' },
			{ action: 'move', school_code: '2136990402', field: 'students_primary', value: '100', target: '2136990403' },
		];
		fs.writeFileSync(path.join(ctx.tmp, 'plan.csv'), C.whatifCsv(rows));
		const r = await api('POST', '/counties/369904/whatif?year=2024', { session: S.county, body: C.whatifBody(rows) });
		const cli = L.cli(ctx.FAST, ['whatif', ctx.db, '--county', '369904', '--year', '2024', '--change', 'plan.csv', '--format', 'json'], { cwd: ctx.tmp });
		check('whatif: 200', r.status === 200, r.status + ' ' + r.text.slice(0, 400));
		check('whatif: byte for byte the CLI\'s', cli.status === 0 && Buffer.compare(r.body, cli.stdout) === 0,
			'api: ' + r.text.slice(0, 200) + '\ncli: ' + cli.text.slice(0, 200) + cli.stderr);
		check('whatif: before and after', r.json && r.json.before && r.json.after && r.json.county_code === '369904' && r.json.year === 2024,
			r.text.slice(0, 200));
		const snap = C.snapshot(ctx);
		check('whatif: nothing written', C.snapshot(ctx) === snap);
		const bad = await api('POST', '/counties/369904/whatif?year=2024', { session: S.county,
			body: C.whatifBody([{ action: 'explode', school_code: '2136990409', field: 'key_teachers_junior', value: '5' }]) });
		check('whatif: an unknown action → 422 with problems', bad.status === 422 && bad.json && bad.json.error &&
			Array.isArray(bad.json.error.problems || bad.json.problems), bad.status + ' ' + bad.text.slice(0, 300));
		const other = await api('POST', '/counties/369904/whatif?year=2024', { session: S.county,
			body: C.whatifBody([{ action: 'add', school_code: '2136990301', field: 'teachers_primary', value: '5' }]) });
		check('whatif: a school of another county in the rows → refused (403 or 422)', other.status === 403 || other.status === 422,
			other.status + ' ' + other.text.slice(0, 300));
		const nb = await api('POST', '/counties/369904/whatif?year=2024', { session: S.county, body: '{"changes":' });
		check('whatif: broken JSON → 400', nb.status === 400, nb.status);
	}

	/* ---- schools of a county, one school ---- */
	{
		const r = await api('GET', '/counties/369904/schools?year=2024', { session: S.insp });
		const list = L.firstArray(r.json && (r.json.schools || r.json)) || [];
		/* data/sample/README.md: 云岭县 has 54 schools (2136990401–454). */
		check('schools 369904 2024: 54 schools', r.status === 200 && list.length === 54, r.status + ' ' + list.length);
		const s1 = list.find((s) => (s.code || s.school_code) === '2136990401') || {};
		check('schools: 2136990401 云岭县实验小学, primary', (s1.name || s1.school_name) === '云岭县实验小学' &&
			(s1.type || s1.school_type) === 'primary', JSON.stringify(s1).slice(0, 300));
		check('schools: 2136990401 has 1758 primary students (sample row)', JSON.stringify(s1).includes('1758'), JSON.stringify(s1).slice(0, 300));
		check('schools: none of another county', list.every((s) => (s.code || s.school_code || '').startsWith('21369904')));
		const r2 = await api('GET', '/counties/369801/schools?year=2024', { session: S.admin });
		const l2 = L.firstArray(r2.json && (r2.json.schools || r2.json)) || [];
		check('schools 369801 2024: its 2 schools', l2.length === 2, r2.text.slice(0, 300));

		const one = await C.readSchool(S.school, '2136990401');
		check('school 2136990401 (own school account): 200', one.res.status === 200, one.res.status + ' ' + one.res.text.slice(0, 300));
		/* Every field of the stored row equals the sample file's cell. */
		const keys = ctx.SCHOOL_HEADER.split(',');
		const cells = ctx.fx.row('2136990401').split(',');
		const diffs = [];
		for (let i = 0; i < keys.length; i++) {
			const k = keys[i];
			if (['school_code', 'school_name', 'county_code', 'year'].includes(k)) continue;
			const got = one.row[k];
			const want = cells[i];
			const same = want === '' ? got === null || got === '' || got === undefined
				: typeof got === 'number' ? Math.abs(got - Number(want)) < 1e-9 : String(got) === want;
			if (!same) diffs.push(k + ': ' + JSON.stringify(got) + ' ≠ ' + want);
		}
		check('school 2136990401: every stored field equals the sample row', diffs.length === 0, diffs.join('; '));
		check('school: a revision to base a PATCH on', Number.isInteger(one.rev) && one.rev >= 1, one.res.text.slice(0, 300));
		check('school: its indicators and rules', /indicator/.test(one.res.text) && /rule|six_of_seven|6/.test(one.res.text));
		const nf = await C.readSchool(S.admin, '2136999999');
		check('school: unknown 2136999999 → 404', nf.res.status === 404, nf.res.status);
		const bf = await api('GET', '/schools/21369904?year=2024', { session: S.admin });
		check('school: an 8-digit code → 400 or 404', bf.status === 400 || bf.status === 404, bf.status);
		const ny = await api('GET', '/schools/2136990401', { session: S.admin });
		check('school: no year → 400', ny.status === 400, ny.status);
	}

	/* ---- PATCH a school-year ---- */
	{
		const code = '2136990402';
		const before = await C.readSchool(S.county, code);
		const tp = Number(C.sampleValue(ctx, code, 'key_teachers_primary'));
		const last = C.lastRevision(ctx);
		const evalBefore = await api('GET', '/counties/369904/eval?year=2024', { session: S.county });
		/* key_teachers_primary is one of the seven indicators' inputs
		 * (key teachers per 100 students): eval changes with it. */
		const r = await api('PATCH', '/schools/' + code + '/years/2024', { session: S.county,
			body: C.patchBody({ key_teachers_primary: tp + 7 }, before.rev, '核实:新评骨干教师 7 名') });
		check('patch: 200', r.status === 200, r.status + ' ' + r.text.slice(0, 300));
		check('patch: the new revision is the last + 1 (' + (last + 1) + ')', C.revisionOf(r.json) === last + 1, r.text.slice(0, 300));
		const after = await C.readSchool(S.county, code);
		check('patch: key_teachers_primary ' + tp + ' + 7 = ' + (tp + 7) + ' stored', Number(after.row.key_teachers_primary) === tp + 7, JSON.stringify(after.row.key_teachers_primary));
		check('patch: the row\'s revision moved on', after.rev === last + 1 || after.rev > before.rev, after.rev + ' vs ' + before.rev);
		const h = await api('GET', '/schools/' + code + '/history', { session: S.county });
		const hl = L.firstArray(h.json) || [];
		const e = hl.find((x) => x.revision === last + 1 && x.field === 'key_teachers_primary');
		check('school history: the PATCH with who = county, the reason, old → new', h.status === 200 && e && e.who === 'county' &&
			e.why === '核实:新评骨干教师 7 名' && Number(e.old) === tp && Number(e.new) === tp + 7, JSON.stringify(e || hl.slice(-2)).slice(0, 500));
		const cliH = L.cli(ctx.FAST, ['history', ctx.db, '--school', code, '--format', 'json']);
		check('school history: = the CLI\'s history --format json', Buffer.compare(h.body, cliH.stdout) === 0 ||
			JSON.stringify(JSON.parse(cliH.text)) === JSON.stringify(hl), h.text.slice(-300) + '\n' + cliH.text.slice(-300));
		const ch = await api('GET', '/counties/369904/history', { session: S.insp });
		check('county history: has the PATCH', ch.status === 200 && (L.firstArray(ch.json) || []).some((x) => x.revision === last + 1 && x.who === 'county'),
			ch.status);
		const cliC = L.cli(ctx.FAST, ['history', ctx.db, '--county', '369904', '--format', 'json']);
		check('county history: = the CLI\'s', Buffer.compare(ch.body, cliC.stdout) === 0 ||
			JSON.stringify(JSON.parse(cliC.text)) === JSON.stringify(ch.json), ch.body.length + ' vs ' + cliC.stdout.length);
		const rv = await api('GET', '/revisions?area=369904', { session: S.county });
		const rl = L.firstArray(rv.json && (rv.json.revisions || rv.json)) || [];
		check('revisions(369904): the PATCH by county, kind edit', rv.status === 200 && rl.some((x) => x.revision === last + 1 && x.who === 'county'),
			rv.text.slice(-300));
		check('revisions(369904): revision 1 (the sample import by setup)', rl.some((x) => x.revision === 1 && x.who === 'setup'));
		const rv3 = await api('GET', '/revisions?area=369903', { session: S.admin });
		const rl3 = L.firstArray(rv3.json && (rv3.json.revisions || rv3.json)) || [];
		check('revisions(369903): not the PATCH of 369904', rv3.status === 200 && rl3.length >= 1 && !rl3.some((x) => x.revision === last + 1));
		const rv8 = await api('GET', '/revisions?area=369801', { session: S.county2 });
		const rl8 = L.firstArray(rv8.json && (rv8.json.revisions || rv8.json)) || [];
		check('revisions(369801): revision 1 only (北岭县 came with the setup import)', rv8.status === 200 && rl8.length === 1 && rl8[0].revision === 1,
			rv8.text.slice(0, 300));
		/* The cache: eval of 369904 changed with the PATCH, and the API
		 * gives the new bytes, the CLI's. */
		const evalAfter = await api('GET', '/counties/369904/eval?year=2024', { session: S.county });
		const cliE = L.cli(ctx.FAST, ['eval', ctx.db, '--county', '369904', '--year', '2024', '--format', 'json']);
		check('patch: eval of 369904 changed', Buffer.compare(evalBefore.body, evalAfter.body) !== 0);
		check('patch: eval after = the CLI\'s after (the cache was invalidated)', Buffer.compare(evalAfter.body, cliE.stdout) === 0);

		const stale = await api('PATCH', '/schools/' + code + '/years/2024', { session: S.county,
			body: C.patchBody({ teachers_primary: tp + 9 }, before.rev) });
		check('patch: a stale base_revision → 409', stale.status === 409, stale.status + ' ' + stale.text.slice(0, 200));
		const snap = C.snapshot(ctx);
		const bad = await api('PATCH', '/schools/' + code + '/years/2024', { session: S.county,
			body: C.patchBody({ teachers_primary: 'many' }, after.rev) });
		check('patch: a bad value → 422', bad.status === 422, bad.status + ' ' + bad.text.slice(0, 300));
		const probs = bad.json && (bad.json.error && bad.json.error.problems || bad.json.problems);
		check('patch: 422 lists the problem, naming teachers_primary', Array.isArray(probs) && probs.length >= 1 &&
			JSON.stringify(probs).includes('teachers_primary') && probs.every((p) => p.message_zh && p.message_en), JSON.stringify(probs));
		const neg = await api('PATCH', '/schools/' + code + '/years/2024', { session: S.county,
			body: C.patchBody({ teachers_primary: -3 }, after.rev) });
		check('patch: a negative count → 422', neg.status === 422, neg.status);
		const unk = await api('PATCH', '/schools/' + code + '/years/2024', { session: S.county,
			body: C.patchBody({ no_such_field: 1 }, after.rev) });
		check('patch: an unknown field → 422 (or 400)', unk.status === 422 || unk.status === 400, unk.status);
		const key = await api('PATCH', '/schools/' + code + '/years/2024', { session: S.county,
			body: C.patchBody({ county_code: '369903' }, after.rev) });
		check('patch: changing county_code (moving the school out) → refused', key.status === 403 || key.status === 422 || key.status === 400, key.status);
		const empty = await api('PATCH', '/schools/' + code + '/years/2024', { session: S.county, body: C.patchBody({}, after.rev) });
		check('patch: no changes → 400 or 422', empty.status === 400 || empty.status === 422, empty.status);
		const ny = await api('PATCH', '/schools/' + code + '/years/2031', { session: S.county,
			body: C.patchBody({ teachers_primary: 1 }, after.rev) });
		check('patch: a school-year that does not exist → 404', ny.status === 404, ny.status);
		check('patch: the refused PATCHes wrote nothing', C.snapshot(ctx) === snap);
		const g = await api('GET', '/schools/' + code + '/years/2024', { session: S.county });
		check('patch path: GET → 405', g.status === 405, g.status);
	}

	/* ---- POST /imports ---- */
	{
		const code = '2136990403';
		const sp = Number(C.sampleValue(ctx, code, 'students_primary'));
		const last = C.lastRevision(ctx);
		const body = C.schoolCsv(ctx, code, { students_primary: sp + 12 });
		const r = await C.importReq(S.admin, 'fix-2024.csv', body);
		check('import: 200', r.status === 200, r.status + ' ' + r.text.slice(0, 400));
		const j = r.json || {};
		/* One row of a school already stored; one field differs. */
		check('import summary: revision last + 1 = ' + (last + 1), C.revisionOf(j) === last + 1, r.text.slice(0, 300));
		check('import summary: rows 1, added 0, changed 1, unchanged 0, fields_changed 1',
			j.rows === 1 && j.added === 0 && j.changed === 1 && j.unchanged === 0 && j.fields_changed === 1, r.text.slice(0, 300));
		const one = await C.readSchool(S.admin, code);
		check('import: students_primary ' + sp + ' + 12 stored', Number(one.row.students_primary) === sp + 12);
		const h = await api('GET', '/schools/' + code + '/history', { session: S.admin });
		const e = (L.firstArray(h.json) || []).find((x) => x.revision === last + 1);
		const sha = require('node:crypto').createHash('sha256').update(body).digest('hex');
		check('import history: who = admin, source "fix-2024.csv <SHA-256 of the bytes sent>"', e && e.who === 'admin' && e.sources === 'fix-2024.csv ' + sha,
			JSON.stringify(e) + ' want ' + sha);
		const cli = L.cli(ctx.FAST, ['history', ctx.db, '--school', code, '--format', 'json']);
		let ce; try { ce = JSON.parse(cli.text).find((x) => x.revision === last + 1); } catch (x) { ce = null; }
		check('import history: the CLI sees the same revision by admin', ce && ce.who === 'admin' && ce.kind === 'import',
			'revision ' + (last + 1) + ': ' + JSON.stringify(ce) + ' ' + cli.stderr + cli.text.slice(-300));

		const snap = C.snapshot(ctx);
		/* teachers_primary is the 16th column (P) of the template. */
		const badBody = C.schoolCsv(ctx, '2136990404', { teachers_primary: 'many' });
		const bad = await C.importReq(S.admin, 'bad.csv', badBody);
		check('import: a bad value → 422', bad.status === 422, bad.status + ' ' + bad.text.slice(0, 300));
		const probs = bad.json && (bad.json.error && bad.json.error.problems || bad.json.problems) || [];
		const p = probs[0] || {};
		check('import 422: problem {file bad.csv, line 2, column 16 or P, column_name teachers_primary, message_zh, message_en}',
			probs.length === 1 && p.file === 'bad.csv' && p.line === 2 && (p.column === 16 || p.column === 'P') &&
			p.column_name === 'teachers_primary' && p.message_zh && p.message_en && 'sheet' in p, JSON.stringify(probs));
		const two = C.schoolCsv(ctx, '2136990404', { teachers_primary: 'many' }) + C.schoolCsv(ctx, '2136990405', { multimedia_rooms: '-2' }, '').slice(1);
		const b2 = await C.importReq(S.admin, 'bad2.csv', two);
		const p2 = b2.json && (b2.json.error && b2.json.error.problems || b2.json.problems) || [];
		check('import 422: every problem listed (lines 2 and 3)', b2.status === 422 && p2.some((x) => x.line === 2) && p2.some((x) => x.line === 3),
			b2.status + ' ' + JSON.stringify(p2).slice(0, 500));
		const nf = await C.importReq(S.admin, null, body);
		check('import: no X-Filename → 400', nf.status === 400, nf.status);
		const em = await C.importReq(S.admin, 'empty.csv', '');
		check('import: an empty file → 400 or 422', em.status === 400 || em.status === 422, em.status);
		const junk = await C.importReq(S.admin, 'junk.xlsx', Buffer.from('PK\x03\x04 not really a zip file at all', 'latin1'));
		check('import: a broken XLSX → 422', junk.status === 422 || junk.status === 400, junk.status);
		check('import: the refused imports wrote nothing', C.snapshot(ctx) === snap);
		const g = await api('GET', '/imports', { session: S.admin });
		check('imports: GET → 405', g.status === 405, g.status);
	}

	/* ---- /users ---- */
	{
		const r = await api('GET', '/users', { session: S.admin });
		const list = L.firstArray(r.json && (r.json.users || r.json)) || [];
		const names = list.map((u) => u.name);
		check('users(admin): every account', r.status === 200 && Object.keys(A).every((n) => names.includes(n)), names.join(' '));
		const cu = list.find((u) => u.name === 'county') || {};
		check('users: county is county / 369904', cu.role === 'county' && cu.area === '369904', JSON.stringify(cu));
		check('users: no password hash in the list', !/argon2|pwhash/i.test(r.text));
		const rc = await api('GET', '/users', { session: S.county });
		const lc = (L.firstArray(rc.json && (rc.json.users || rc.json)) || []).map((u) => u.name);
		check('users(county): only accounts within 369904', rc.status === 200 && lc.includes('insp') && lc.includes('school') &&
			!lc.some((n) => ['admin', 'prov', 'city', 'city2', 'county2', 'county3', 'school2', 'inspcity'].includes(n)), lc.join(' '));

		const add = await api('POST', '/users', { session: S.admin, body: { name: 'newbie', role: 'inspector', area: '369904', password: 'newbie-pass-0001' } });
		check('users: POST → 201 (or 200)', add.status === 201 || add.status === 200, add.status + ' ' + add.text.slice(0, 300));
		const ul = L.cli(ctx.FAST, ['user', 'list', ctx.db]);
		check('users: the CLI lists newbie', /newbie/.test(ul.text), ul.stderr + ul.text.slice(-400));
		const nb = await L.signIn('newbie', 'newbie-pass-0001');
		check('users: newbie signs in, inspector of 369904', nb.ok && nb.user && nb.user.role === 'inspector' && nb.user.area === '369904');
		const dup = await api('POST', '/users', { session: S.admin, body: { name: 'newbie', role: 'inspector', area: '369904', password: 'newbie-pass-0001' } });
		check('users: the same name again → 409', dup.status === 409, dup.status);
		const snap = C.snapshot(ctx);
		const br = await api('POST', '/users', { session: S.admin, body: { name: 'x1', role: 'emperor', area: '369904', password: 'x1-pass-000001' } });
		check('users: an unknown role → 400 or 422', br.status === 400 || br.status === 422, br.status);
		const ba = await api('POST', '/users', { session: S.admin, body: { name: 'x2', role: 'county', area: '369999', password: 'x2-pass-000001' } });
		check('users: an unknown area → 404 or 422', ba.status === 404 || ba.status === 422 || ba.status === 400, ba.status);
		const bl = await api('POST', '/users', { session: S.admin, body: { name: 'x3', role: 'county', area: '369900', password: 'x3-pass-000001' } });
		check('users: a county office bound to a city → 422 (or 400)', bl.status === 422 || bl.status === 400, bl.status);
		const sp = await api('POST', '/users', { session: S.admin, body: { name: 'x4', role: 'county', area: '369904', password: 'short' } });
		check('users: a 5-byte password → 422 (or 400)', sp.status === 422 || sp.status === 400, sp.status);
		const nn = await api('POST', '/users', { session: S.admin, body: { role: 'county', area: '369904', password: 'x5-pass-000001' } });
		check('users: no name → 400', nn.status === 400, nn.status);
		check('users: the refused POSTs wrote nothing', C.snapshot(ctx) === snap);

		const pw = await api('PATCH', '/users/newbie', { session: S.admin, body: { password: 'newbie-pass-0002' } });
		check('users: PATCH a new password → 200', pw.status === 200, pw.status + ' ' + pw.text.slice(0, 200));
		const old = await api('GET', '/me', { session: nb });
		check('users: a new password ends the account\'s sessions (401)', old.status === 401, old.status);
		const s1 = await L.signIn('newbie', 'newbie-pass-0001', { localAddress: '127.0.0.2' });
		const s2 = await L.signIn('newbie', 'newbie-pass-0002');
		check('users: the old password no longer works, the new one does', s1.res.status === 401 && s2.ok, s1.res.status + ' ' + s2.res.status);
		const rl = await api('PATCH', '/users/newbie', { session: S.admin, body: { role: 'county' } });
		check('users: PATCH role county (area 369904) → 200', rl.status === 200, rl.status + ' ' + rl.text.slice(0, 200));
		const me = await api('GET', '/me', { session: s2 });
		const mu = (me.json && (me.json.user || me.json)) || {};
		check('users: the next call sees the new role', me.status === 200 && mu.role === 'county' || me.status === 401, me.status + ' ' + me.text);
		const nf = await api('PATCH', '/users/nobody-at-all', { session: S.admin, body: { disabled: true } });
		check('users: PATCH of an unknown account → 404', nf.status === 404, nf.status);
		const bt = await api('PATCH', '/users/newbie', { session: S.admin, body: { disabled: 'yes' } });
		check('users: disabled: "yes" → 400', bt.status === 400, bt.status);
		const ud = await api('DELETE', '/users/newbie', { session: S.admin });
		check('users: DELETE → 405', ud.status === 405, ud.status);
	}

	/* ---- DELETE /session ---- */
	{
		const s = S.leaver;
		const nc = await api('DELETE', '/session', { session: s, noCsrf: true });
		check('sign out without the CSRF token → 403', nc.status === 403, nc.status);
		const d = await api('DELETE', '/session', { session: s });
		check('sign out: 200 or 204', d.status === 200 || d.status === 204, d.status + ' ' + d.text);
		const sc = d.rawHeaders.filter(([k]) => k === 'set-cookie').map(([, v]) => v).join(' | ');
		check('sign out: the cookie is cleared', /jh_session=;|jh_session=[^;]*;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(sc), sc);
		const me = await api('GET', '/me', { session: s });
		check('sign out: the old cookie → 401', me.status === 401, me.status);
	}

	/* ---- lang, from, limit ---- */
	{
		const en = await api('GET', '/counties/369904/verdict?year=2024&lang=en', { session: S.admin });
		const cli = L.cli(ctx.FAST, ['--lang', 'en', 'verdict', ctx.db, '--county', '369904', '--year', '2024', '--format', 'json']);
		check('verdict ?lang=en: the CLI\'s --lang en bytes', en.status === 200 && Buffer.compare(en.body, cli.stdout) === 0, en.status);
		for (const q of ['lang=fr', 'lang=EN', 'lang=', 'lang=en&lang=zh']) {
			const r = await api('GET', '/counties/369904/verdict?year=2024&' + q, { session: S.admin });
			check('verdict ?' + q + ' → 400', r.status === 400, r.status);
		}
		const e404 = await api('GET', '/counties/369999/verdict?year=2024&lang=en', { session: S.admin });
		check('errors are the same in both languages: one body with message_zh and message_en', e404.status === 404 &&
			/[\u3400-\u9fff]/.test(e404.json.error.message_zh) && !/[\u3400-\u9fff]/.test(e404.json.error.message_en));
		const all = await api('GET', '/revisions', { session: S.admin });
		const al = L.firstArray(all.json && (all.json.revisions || all.json)) || [];
		const n = al.length;
		check('revisions (admin): every revision, 1 to the last, once each', n >= 3 && al.every((x, i) => x.revision === i + 1), al.map((x) => x.revision).join(','));
		const one = await api('GET', '/revisions?from=2&limit=1', { session: S.admin });
		const ol = L.firstArray(one.json && (one.json.revisions || one.json)) || [];
		check('revisions ?from=2&limit=1: revision 2 only', one.status === 200 && ol.length === 1 && ol[0].revision === 2, one.text.slice(0, 200));
		const tail = await api('GET', '/revisions?from=' + n, { session: S.admin });
		const tl = L.firstArray(tail.json && (tail.json.revisions || tail.json)) || [];
		check('revisions ?from=' + n + ': the last one only', tl.length === 1 && tl[0].revision === n, tail.text.slice(0, 200));
		for (const q of ['from=0', 'limit=0', 'limit=1001', 'from=-1', 'from=1.5', 'limit=ten', 'from=99999999999999']) {
			const r = await api('GET', '/revisions?' + q, { session: S.admin });
			check('revisions ?' + q + ' → 400', r.status === 400, r.status);
		}
		const y = await api('GET', '/years?area=369801', { session: S.admin });
		check('years ?area=369801: 2024 only (北岭县\'s schools are 2024 rows)', y.status === 200 && JSON.stringify(y.json && y.json.years) === '[2024]', y.text);
		const y2 = await api('GET', '/years?area=369903', { session: S.county });
		check('years ?area=369903 for the county of 369904 → 403', y2.status === 403, y2.status);
	}

	/* ---- unknown paths, methods, static files ---- */
	{
		const nf = await api('GET', '/nothing-here', { session: S.admin });
		check('unknown API path → 404', nf.status === 404, nf.status);
		const v2 = await L.raw({ path: '/api/v2/years', cookie: S.admin.cookie });
		check('/api/v2 → 404', v2.status === 404, v2.status);
		const m1 = await api('PUT', '/years', { session: S.admin });
		check('PUT /years → 405', m1.status === 405, m1.status);
		const m2 = await api('DELETE', '/me', { session: S.admin });
		check('DELETE /me → 405', m2.status === 405, m2.status);
		const tr = await api('TRACE', '/years', { session: S.admin });
		check('TRACE → 405 (or 501)', tr.status === 405 || tr.status === 501, tr.status);
		const root = await L.raw({ path: '/' });
		check('GET / → 200 text/html (the front-end\'s index)', root.status === 200 && /^text\/html/.test(root.headers['content-type'] || ''),
			root.status + ' ' + root.headers['content-type']);
		check('GET /: no inline script in the page', !/<script(?![^>]*\bsrc=)[^>]*>\s*\S/i.test(root.text), root.text.slice(0, 300));
		const miss = await L.raw({ path: '/no-such-file.js' });
		check('GET /no-such-file.js → 404', miss.status === 404, miss.status);
	}
};
