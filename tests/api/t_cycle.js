'use strict';
/*
 * t_cycle.js — the yearly workflow's endpoints (issue 12): GET and POST
 * /counties/{c}/cycle/{y}[/submit|review|rectify|apply|assess],
 * GET /snapshots/{id}[/diff], GET /notices, every account of the fixture
 * against them (role × area):
 *   - reading a county-year: offices and inspectors whose area holds it,
 *     the administrator; never another area's account or a school;
 *   - submit: only the county's own office (and the administrator);
 *     review: the city over it, the province, the administrator;
 *   - stale version and wrong state → 409; a missing version → 400; a
 *     text too long → 422; an unknown county → 404; no CSRF token → 403;
 *   - the JSON of GET …/cycle is the CLI's `cycle show --format json`,
 *     a snapshot's bytes the CLI's `cycle snapshot`;
 *   - notices in JSON and CSV (format=csv, Accept: text/csv).
 * County-years used here are touched by no other section: 369905/2024,
 * 369904/2023.
 */
const L = require('./lib.js');
const { check } = L;

module.exports = async function (ctx) {
	const S = ctx.s;
	const get = (who, p) => L.api('GET', p, { session: S[who] });
	const post = (who, p, body, o = {}) => L.api('POST', p, Object.assign({ session: S[who], body }, o));
	const version = async (c, y) => (await get('admin', '/counties/' + c + '/cycle/' + y)).json.version;

	/* Reading 369904/2024: who may. */
	const readers = { admin: 200, prov: 200, city: 200, city2: 403, county: 200, county3: 403, county2: 403,
		insp: 200, inspcity: 200, school: 403, school2: 403 };
	for (const [who, want] of Object.entries(readers)) {
		const r = await get(who, '/counties/369904/cycle/2024');
		check('cycle GET 369904/2024 as ' + who + ': ' + want, r.status === want, r.status + ' ' + r.text.slice(0, 200));
	}
	const unknown = await get('admin', '/counties/369999/cycle/2024');
	check('cycle GET an unknown county: 404', unknown.status === 404, unknown.status + ' ' + unknown.text.slice(0, 200));
	const cityCode = await get('admin', '/counties/369900/cycle/2024');
	check('cycle GET a city code: 404 (no county)', cityCode.status === 404, String(cityCode.status));
	const fresh = await get('admin', '/counties/369905/cycle/2024');
	check('cycle GET never touched: self_evaluation, version 1, steps with their days',
		fresh.status === 200 && fresh.json.state === 'self_evaluation' && fresh.json.version === 1 &&
		fresh.json.steps.find((s) => s.step === 'submit').due === '2025-02-28' &&
		fresh.json.steps.find((s) => s.step === 'review').due === '2025-09-30', fresh.text.slice(0, 400));
	/* The CLI's bytes (the CLI acts as the administrator). */
	const cliShow = L.cli(ctx.FAST, ['cycle', ctx.db, 'show', '--county', '369905', '--year', '2024', '--format', 'json']);
	check('cycle GET = `junheng cycle show --format json` byte for byte',
		cliShow.status === 0 && cliShow.text.replace(/\n$/, '') === fresh.text, cliShow.stderr + '\n' + cliShow.text.slice(0, 200) + '\n' + fresh.text.slice(0, 200));

	/* Submit 369905/2024: refused to everyone but its county and the
	 * administrator (no account of 369905's office exists: admin). */
	const sub = { version: 1, explanation: '部分学校未达标,原因和措施见附件' };
	for (const who of ['prov', 'city', 'city2', 'county', 'county3', 'county2', 'insp', 'inspcity', 'school', 'school2']) {
		const r = await post(who, '/counties/369905/cycle/2024/submit', sub);
		check('cycle submit 369905/2024 as ' + who + ': 403', r.status === 403, r.status + ' ' + r.text.slice(0, 200));
	}
	check('cycle submit refused: nothing changed (version 1)', (await version('369905', 2024)) === 1);
	const noCsrf = await post('admin', '/counties/369905/cycle/2024/submit', sub, { csrf: '' });
	check('cycle submit without the CSRF token: 403', noCsrf.status === 403, String(noCsrf.status));
	const noVersion = await post('admin', '/counties/369905/cycle/2024/submit', { explanation: 'x' });
	check('cycle submit without version: 400', noVersion.status === 400, noVersion.status + ' ' + noVersion.text.slice(0, 200));
	const tooLong = await post('admin', '/counties/369905/cycle/2024/submit', { version: 1, explanation: '说'.repeat(4001) });
	check('cycle submit with 4001 characters: 422', tooLong.status === 422, tooLong.status + ' ' + tooLong.text.slice(0, 200));
	const review0 = await post('city', '/counties/369905/cycle/2024/review', { version: 1, opinion: '意见' });
	check('cycle review before submission: 409 naming the state', review0.status === 409 &&
		/self_evaluation/.test(JSON.stringify(review0.json)), review0.status + ' ' + review0.text.slice(0, 300));
	const ok = await post('admin', '/counties/369905/cycle/2024/submit', sub);
	check('cycle submit as admin: 200 submitted, version 2, a snapshot', ok.status === 200 && ok.json.state === 'submitted' &&
		ok.json.version === 2 && ok.json.snapshots.length === 1 && ok.json.events[0].snapshot === ok.json.snapshots[0].id,
		ok.status + ' ' + ok.text.slice(0, 300));
	const again = await post('admin', '/counties/369905/cycle/2024/submit', sub);
	check('cycle submit from version 1 again: 409', again.status === 409, again.status + ' ' + again.text.slice(0, 200));

	/* Review: the city over it, the province, the administrator. */
	for (const who of ['county', 'county3', 'county2', 'city2', 'insp', 'inspcity', 'school']) {
		const r = await post(who, '/counties/369905/cycle/2024/review', { version: 2, opinion: '意见' });
		check('cycle review 369905/2024 as ' + who + ': 403', r.status === 403, r.status + ' ' + r.text.slice(0, 200));
	}
	const badFinding = await post('city', '/counties/369905/cycle/2024/review',
		{ version: 2, opinion: '意见', findings: [{ what_zh: '音乐教室不足', deadline: '2020-01-01' }] });
	check('cycle review with a finding due in the past: 422', badFinding.status === 422, badFinding.status + ' ' + badFinding.text.slice(0, 300));
	const badShape = await post('city', '/counties/369905/cycle/2024/review',
		{ version: 2, opinion: '意见', findings: [{ what_zh: '音乐教室不足' }] });
	check('cycle review with a finding without deadline: 400', badShape.status === 400, badShape.status + ' ' + badShape.text.slice(0, 300));
	const rv = await post('city', '/counties/369905/cycle/2024/review',
		{ version: 2, opinion: '资源配置仍有短板', findings: [{ what_zh: '音乐教室不足', school: '2136990501', deadline: '2099-12-31' }] });
	check('cycle review as city: 200 reviewed, version 3', rv.status === 200 && rv.json.state === 'reviewed' && rv.json.version === 3,
		rv.status + ' ' + rv.text.slice(0, 300));
	const assess0 = await post('city', '/counties/369905/cycle/2024/assess', { version: 3, decision: 'forwarded' });
	check('cycle assess before an application: 409', assess0.status === 409, assess0.status + ' ' + assess0.text.slice(0, 200));
	const assessBad = await post('city', '/counties/369905/cycle/2024/assess', { version: 3, decision: 'maybe' });
	check('cycle assess with a bad decision: 422', assessBad.status === 422, assessBad.status + ' ' + assessBad.text.slice(0, 200));

	/* The county's own office: 369904/2023 submit, then rectify refused by
	 * state (not reviewed). */
	const cs = await post('county', '/counties/369904/cycle/2023/submit', { version: await version('369904', 2023), explanation: '2023 年度自评' });
	check('cycle submit as the county office: 200', cs.status === 200 && cs.json.state === 'submitted', cs.status + ' ' + cs.text.slice(0, 300));
	check('cycle: the event records who and role', cs.json && cs.json.events[0].who === 'county' && cs.json.events[0].role === 'county',
		JSON.stringify(cs.json && cs.json.events));
	const rc = await post('county', '/counties/369904/cycle/2023/rectify', { version: 2 });
	check('cycle rectify from submitted: 409', rc.status === 409, rc.status + ' ' + rc.text.slice(0, 200));
	const next = await get('city', '/counties/369904/cycle/2023');
	check('cycle GET as city: next is review', next.status === 200 && next.json.next.length === 1 && next.json.next[0].action === 'review',
		next.text.slice(0, 300));
	const nextInsp = await get('insp', '/counties/369904/cycle/2023');
	check('cycle GET as inspector: nothing to do', nextInsp.status === 200 && nextInsp.json.next.length === 0, nextInsp.text.slice(0, 300));

	/* Snapshots: readers as the county-year's; served as stored (the
	 * CLI's bytes); the diff. */
	const id = cs.json.snapshots[0].id;
	const snapReaders = { admin: 200, prov: 200, city: 200, city2: 403, county: 200, county3: 403, insp: 200, school: 403, school2: 403 };
	for (const [who, want] of Object.entries(snapReaders)) {
		const r = await get(who, '/snapshots/' + id);
		check('snapshot GET as ' + who + ': ' + want, r.status === want, r.status + ' ' + r.text.slice(0, 200));
	}
	const snap = await get('county', '/snapshots/' + id);
	const cliSnap = L.cli(ctx.FAST, ['cycle', ctx.db, 'snapshot', String(id)]);
	check('snapshot GET = `junheng cycle snapshot` byte for byte', cliSnap.status === 0 && cliSnap.text.replace(/\n$/, '') === snap.text,
		cliSnap.stderr.slice(0, 200));
	check('snapshot: the county-year and its verdict', snap.json && snap.json.county === '369904' && snap.json.year === 2023 &&
		snap.json.verdict && snap.json.kind === 'submission', snap.text.slice(0, 200));
	const missing = await get('admin', '/snapshots/999999');
	check('snapshot GET unknown: 404', missing.status === 404, String(missing.status));
	const diff = await get('county', '/snapshots/' + id + '/diff');
	check('snapshot diff: 200 with schools, verdict, ledger, milestones', diff.status === 200 && Array.isArray(diff.json.schools) &&
		diff.json.verdict && Array.isArray(diff.json.ledger) && Array.isArray(diff.json.milestones), diff.status + ' ' + diff.text.slice(0, 300));
	const diffDenied = await get('county3', '/snapshots/' + id + '/diff');
	check('snapshot diff as another county: 403', diffDenied.status === 403, String(diffDenied.status));

	/* Notices. */
	const noticeReaders = { admin: 200, prov: 200, city: 200, city2: 403, county: 403, insp: 403, inspcity: 200, school: 403 };
	for (const [who, want] of Object.entries(noticeReaders)) {
		const r = await get(who, '/notices?area=369900&date=2025-03-10');
		check('notices 369900 as ' + who + ': ' + want, r.status === want, r.status + ' ' + r.text.slice(0, 200));
	}
	const own = await get('county', '/notices?area=369904&date=2025-03-10');
	check('notices of its own county as county: 200, one county', own.status === 200 && own.json.counties.length === 1, own.text.slice(0, 200));
	const n = await get('city', '/notices?area=369900&date=2025-03-10');
	const c905 = n.json && n.json.counties.find((c) => c.county === '369905');
	/* The notice reads as it would have on its day: 369905's submission,
	 * made today, is after 2025-03-10, so then it was not taken and late. */
	check('notices of 2025-03-10: 369905 late (not submitted by then), summoned', c905 && c905.summoned === true &&
		c905.late_steps.some((s) => s.step === 'submit' && s.taken === false), JSON.stringify(c905));
	check('notices: the rule is stated in both languages', n.json && /约谈/.test(n.json.rule_zh) && /summoned/.test(n.json.rule_en));
	/* CSV is no JSON: left out of the suite's JSON audit. */
	const csv = await L.api('GET', '/notices?area=369900&date=2025-03-10&format=csv&lang=en', { session: S.city, auditExempt: ['json'] });
	check('notices format=csv: text/csv, English header, 8 lines', csv.status === 200 && /^text\/csv/.test(csv.headers['content-type'] || '') &&
		csv.text.startsWith('county_code,county_name,') && csv.text.split('\r\n').filter(Boolean).length === 8,
		csv.status + ' ' + (csv.headers['content-type'] || '') + '\n' + csv.text.slice(0, 300));
	const acc = await L.api('GET', '/notices?area=369900&date=2025-03-10', { session: S.city, headers: { Accept: 'text/csv' }, auditExempt: ['json'] });
	check('notices with Accept: text/csv: CSV (Chinese header)', acc.status === 200 && acc.text.startsWith('县代码,'), acc.text.slice(0, 200));
	const noArea = await get('city', '/notices');
	check('notices without area: 400', noArea.status === 400, String(noArea.status));
	const badDate = await get('city', '/notices?area=369900&date=2025-02-30');
	check('notices with a day that does not exist: 400', badDate.status === 400, String(badDate.status));
};
