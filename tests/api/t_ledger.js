'use strict';
/*
 * t_ledger.js — the ledgers' endpoints (issue 12, docs/api.md "Ledgers"):
 *
 *   GET /ledger, POST /counties/{c}/ledger/generate, POST /ledger,
 *   GET|PATCH /ledger/{id}, POST /ledger/{id}/signoff,
 *   POST /ledger/{id}/evidence, GET /ledger/{id}/evidence/{id}
 *
 * and the role × area matrix of reading, generating, adding, moving,
 * supervising and signing off (every account of run.js: admin, province
 * 360000, city 369900 and 369800, county 369904, 369903 and 369801,
 * inspectors of 369904 and 369900, schools 2136990401 and 2136980101).
 *
 * Data: the sample's 云岭县 369904.  2023 is untouched by the other
 * sections: its verdict gives 34 items (tests/test_ledger.c works the
 * count out: 29 school-stage indicators, 3 per-school rules, 1
 * coefficient, 1 county item).  The sign-off uses 2136990417 竹山乡牛角小学,
 * which no other section edits: qualified teachers 8 / 247 pupils in 2023
 * (3.24 per 100) and 7 / 237 in 2024 (7 / 237 × 100 = 2.95) against 4.2;
 * the check judges the latest year with data, 2024.  This section adds
 * items to 369904's ledger and a 2025 row of 2136990417: sections after it
 * must not count on 369904's 2025.
 */
const L = require('./lib.js');
const C = require('./common.js');
const { check } = L;

const KQ = 'resource.school.2136990417.primary#qualified_teachers_per100';
const KPE = 'resource.school.2136990417.primary#pe_art_teachers_per100';
/* Offices and inspectors whose area holds 369904, and those outside. */
const READERS = ['admin', 'prov', 'city', 'county', 'insp', 'inspcity'];
const OUTSIDE = ['city2', 'county3', 'county2', 'school2'];

module.exports = async function (ctx) {
	const S = ctx.s;
	const api = L.api;
	let r;

	/* --- generation ------------------------------------------------ */
	for (const who of ['school', 'insp', 'inspcity', 'county3', 'city2', 'county2', 'school2']) {
		r = await api('POST', '/counties/369904/ledger/generate?year=2023', { session: S[who] });
		check('generate 369904/2023 as ' + who + ': 403', r.status === 403, r.status + ' ' + r.text.slice(0, 200));
	}
	r = await api('POST', '/counties/369904/ledger/generate?year=2023', { session: S.county });
	check('generate 369904/2023 as the county: 200, 34 created', r.status === 200 && r.json.created === 34 &&
		r.json.items.length === 34, r.status + ' ' + r.text.slice(0, 300));
	const kinds = {};
	for (const it of (r.json && r.json.items) || []) kinds[it.kind] = (kinds[it.kind] || 0) + 1;
	check('generate: 29 school_indicator, 3 school_rule, 1 coefficient, 1 county_item',
		kinds.school_indicator === 29 && kinds.school_rule === 3 && kinds.coefficient === 1 && kinds.county_item === 1,
		JSON.stringify(kinds));
	for (const who of ['city', 'prov', 'admin']) {
		r = await api('POST', '/counties/369904/ledger/generate?year=2023', { session: S[who] });
		check('generate again as ' + who + ': 200, nothing new (34 unchanged)', r.status === 200 && r.json.created === 0 &&
			r.json.unchanged === 34, r.status + ' ' + r.text.slice(0, 200));
	}
	r = await api('POST', '/counties/369904/ledger/generate', { session: S.county });
	check('generate without year: 400', r.status === 400, r.status);
	r = await api('POST', '/counties/369904/ledger/generate?year=2020', { session: S.county });
	check('generate 2020 (no data): 404', r.status === 404, r.status + ' ' + r.text.slice(0, 200));
	r = await api('POST', '/counties/369999/ledger/generate?year=2023', { session: S.admin });
	check('generate for an unknown county: 404', r.status === 404, r.status);
	r = await api('POST', '/counties/369904/ledger/generate?year=2023', { session: S.county, body: { year: 2023 } });
	check('generate with a body: 413 (it takes none)', r.status === 413, r.status);

	/* --- reading ----------------------------------------------------- */
	for (const who of READERS) {
		r = await api('GET', '/ledger?area=369904', { session: S[who] });
		check('GET /ledger?area=369904 as ' + who + ': 200, 34 items', r.status === 200 && r.json.count === 34,
			r.status + ' ' + r.text.slice(0, 200));
	}
	for (const who of OUTSIDE) {
		r = await api('GET', '/ledger?area=369904', { session: S[who] });
		check('GET /ledger?area=369904 as ' + who + ': 403', r.status === 403, r.status);
	}
	r = await api('GET', '/ledger?area=369999', { session: S.admin });
	check('GET /ledger of an unknown area: 404', r.status === 404, r.status);
	r = await api('GET', '/ledger?area=369900', { session: S.city });
	check('GET /ledger?area=369900 (the city): 34 (only 369904 has items)', r.status === 200 && r.json.count === 34, r.status);
	r = await api('GET', '/ledger', { session: S.county3 });
	check('GET /ledger as the office of 369903 (its own area): 0 items', r.status === 200 && r.json.count === 0, r.status);
	/* The school 2136990401 fails nothing in 2023: no item of its own. */
	r = await api('GET', '/ledger', { session: S.school });
	check('GET /ledger as school 2136990401: 200, 0 items (its own only)', r.status === 200 && r.json.count === 0,
		r.status + ' ' + r.text.slice(0, 200));
	r = await api('GET', '/ledger?school=2136990417', { session: S.school });
	check('GET /ledger?school= another school as a school: 403', r.status === 403, r.status);
	r = await api('GET', '/ledger?area=369904&school=2136990417&lang=en', { session: S.insp });
	const items = (r.json && r.json.items) || [];
	const q = items.find((i) => i.key === KQ), pe = items.find((i) => i.key === KPE);
	/* 8 / 247 × 100 = 3.239 → "3.24"; 1 / 247 × 100 = 0.405 → "0.40". */
	check('2136990417: qualified 3.24 against ≥ 4.2 (85%: 3.57); P.E./art 0.40', q && q.figure === '3.24' &&
		q.requirement === '≥ 4.2 (85%: 3.57)' && pe && pe.figure === '0.40', JSON.stringify(items).slice(0, 500));
	check('lang=en: status_name in English, what_en without Chinese words but the name', q && q.status_name === 'open' &&
		/teachers above the required qualification/.test(q.what_en), q && q.what_en);
	r = await api('GET', '/ledger?area=369904&status=open', { session: S.city });
	check('status=open: 34', r.status === 200 && r.json.count === 34, r.status);
	r = await api('GET', '/ledger?area=369904&status=closed', { session: S.city });
	check('status=closed (no such status): 400', r.status === 400, r.status);
	r = await api('GET', '/ledger/' + q.id, { session: S.insp });
	check('GET /ledger/{id} as the inspector: item, one created event, no evidence', r.status === 200 &&
		r.json.item.id === q.id && r.json.events.length === 1 && r.json.events[0].action === 'created' &&
		r.json.events[0].detail.figure === '3.24' && r.json.evidence.length === 0, r.status + ' ' + r.text.slice(0, 300));
	r = await api('GET', '/ledger/' + q.id, { session: S.county3 });
	check('GET /ledger/{id} from outside: 403', r.status === 403, r.status);
	r = await api('GET', '/ledger/999999', { session: S.admin });
	check('GET /ledger/999999: 404', r.status === 404, r.status);
	r = await api('GET', '/ledger/0', { session: S.admin });
	check('GET /ledger/0: 400', r.status === 400, r.status);

	/* --- by hand, and the matrix of who may work on a school's item -- */
	const add = (who, body) => api('POST', '/ledger', { session: S[who], body });
	for (const who of ['school', 'insp', 'inspcity', 'county3', 'city2', 'county2', 'school2']) {
		r = await add(who, { county: '369904', school: '2136990401', what_zh: '操场围栏破损' });
		check('POST /ledger as ' + who + ': 403', r.status === 403, r.status + ' ' + r.text.slice(0, 200));
	}
	r = await add('county', { county: '369904', school: '2136990101', what_zh: 'x' });
	check('POST /ledger: a school of another county → 422', r.status === 422, r.status);
	r = await add('county', { county: '369904', what_zh: 'x', deadline: '2024-02-30' });
	check('POST /ledger: 2024-02-30 → 422', r.status === 422, r.status);
	r = await add('county', { county: '369904', what_zh: '整'.repeat(161) });
	check('POST /ledger: what_zh of 161 characters → 422', r.status === 422, r.status);
	r = await add('county', { county: '369904', what_zh: 'x', supervised: true });
	check('POST /ledger: supervised by the county → 403', r.status === 403, r.status);
	r = await add('county', { county: '369904', school: '2136990401', what_zh: '操场围栏破损', what_en: 'broken fence',
		measure: '更换围栏', unit: '云岭县教育局', person: '张三', deadline: '2001-01-31' });
	check('POST /ledger as the county: 201, open, version 1, overdue (2001-01-31)', r.status === 201 &&
		r.json.item.status === 'open' && r.json.item.version === 1 && r.json.item.overdue === true &&
		r.json.item.key === 'manual.' + r.json.item.id, r.status + ' ' + r.text.slice(0, 300));
	let m = r.json.item;
	r = await api('GET', '/ledger?area=369904&overdue=1', { session: S.city });
	check('overdue=1: the item due 2001-01-31 only', r.status === 200 && r.json.count === 1 && r.json.items[0].id === m.id,
		r.status + ' ' + r.text.slice(0, 200));
	r = await api('GET', '/ledger', { session: S.school });
	check('GET /ledger as school 2136990401: now its one item', r.status === 200 && r.json.count === 1, r.status);

	const patch = (who, id, body) => api('PATCH', '/ledger/' + id, { session: S[who], body });
	/* Who may move a school's item: the school and every office above it;
	 * not inspectors, not other areas, not another school. */
	for (const who of ['insp', 'inspcity', 'county3', 'city2', 'county2', 'school2']) {
		r = await patch(who, m.id, { version: m.version, status: 'in_progress' });
		check('PATCH a school item as ' + who + ': 403', r.status === 403, r.status + ' ' + r.text.slice(0, 200));
	}
	let next = 'in_progress';
	for (const who of ['school', 'county', 'city', 'prov', 'admin']) {
		r = await patch(who, m.id, { version: m.version, status: next });
		check('PATCH a school item as ' + who + ': → ' + next, r.status === 200 && r.json.item.status === next &&
			r.json.item.version === m.version + 1, r.status + ' ' + r.text.slice(0, 200));
		if (r.status === 200) m = r.json.item;
		next = next === 'in_progress' ? 'awaiting_signoff' : 'in_progress';
	}
	r = await patch('county', m.id, { version: m.version - 1, measure: 'y' });
	check('PATCH with a stale version: 409 naming the current one', r.status === 409 &&
		JSON.stringify(r.json.error.problems).includes('当前版本 ' + m.version), r.status + ' ' + r.text.slice(0, 300));
	r = await patch('county', m.id, { version: m.version, status: 'signed_off' });
	check('PATCH status signed_off: 422 (sign-off is its own endpoint)', r.status === 422, r.status);
	r = await patch('county', m.id, { version: m.version, status: 'nonsense' });
	check('PATCH an unknown status: 400', r.status === 400, r.status);
	r = await patch('county', m.id, { version: m.version, supervised: true });
	check('PATCH supervised as the county: 403', r.status === 403, r.status);
	r = await patch('city', m.id, { version: m.version, supervised: true, supervised_note: '市政府挂牌督办' });
	check('PATCH supervised as the city: 200', r.status === 200 && r.json.item.supervised === true &&
		r.json.item.supervised_note === '市政府挂牌督办', r.status + ' ' + r.text.slice(0, 200));
	if (r.status === 200) m = r.json.item;
	r = await patch('school', m.id, { version: m.version, measure: '更换为钢制围栏', deadline: '2001-02-28' });
	check('PATCH measure and deadline as the school: 200', r.status === 200 && r.json.item.measure === '更换为钢制围栏' &&
		r.json.item.deadline === '2001-02-28', r.status + ' ' + r.text.slice(0, 200));
	if (r.status === 200) m = r.json.item;

	/* --- sign-off of a school's manual item (no data check) ---------- */
	if (m.status !== 'awaiting_signoff') {
		r = await patch('county', m.id, { version: m.version, status: 'awaiting_signoff' });
		if (r.status === 200) m = r.json.item;
	}
	const signoff = (who, id, body) => api('POST', '/ledger/' + id + '/signoff', { session: S[who], body });
	for (const who of ['school', 'insp', 'county3', 'school2']) {
		r = await signoff(who, m.id, { version: m.version });
		check('sign off a school item as ' + who + ': 403', r.status === 403, r.status + ' ' + r.text.slice(0, 200));
	}

	/* --- a county item: the county may move it, not sign it off ------ */
	r = await add('county', { county: '369904', what_zh: '教师编制统筹' });
	let ci = r.json && r.json.item;
	for (const st of ['in_progress', 'awaiting_signoff']) {
		r = await patch('county', ci.id, { version: ci.version, status: st });
		if (r.status === 200) ci = r.json.item;
	}
	r = await patch('school', ci.id, { version: ci.version, status: 'in_progress' });
	check('PATCH a county item as a school of the county: 403', r.status === 403, r.status);
	r = await signoff('county', ci.id, { version: ci.version });
	check('sign off a county item as the county: 403 (needs a level above)', r.status === 403 &&
		JSON.stringify(r.json.error.problems || []).includes('销号须由高于责任方的层级办理'), r.status + ' ' + r.text.slice(0, 300));
	r = await signoff('city', ci.id, { version: ci.version });
	check('sign off a county item as the city: 200 (no data check for manual items)', r.status === 200 &&
		r.json.item.status === 'signed_off', r.status + ' ' + r.text.slice(0, 300));

	/* --- sign-off on the data ---------------------------------------- */
	let qi = q;
	for (const st of ['in_progress', 'awaiting_signoff']) {
		r = await patch('school', qi.id, { version: qi.version, status: st });
		check('another school\'s account moves 2136990417\'s item → ' + st + ': 403', r.status === 403, r.status);
		r = await patch('county', qi.id, { version: qi.version, status: st });
		if (r.status === 200) qi = r.json.item;
	}
	r = await signoff('county', qi.id, { version: qi.version });
	/* The latest year with data is 2024: 7 / 237 × 100 = 2.95 < 4.2. */
	const e = r.json && r.json.error;
	check('sign off while 2024 still shows the shortfall: 409 shortfall_remains, figure 2.95, year 2024',
		r.status === 409 && e && e.code === 'shortfall_remains' && e.figure === '2.95' &&
		e.requirement === '≥ 4.2 (85%: 3.57)' && e.year === 2024, r.status + ' ' + r.text.slice(0, 400));
	/* Corrected in 2024: 10 / 237 × 100 = 4.22 ≥ 4.2. */
	const cur = await api('GET', '/schools/2136990417?year=2024', { session: S.county });
	r = await api('PATCH', '/schools/2136990417/years/2024', { session: S.county,
		body: { changes: { qualified_teachers_primary: 10 }, why: '更正学历统计', base_revision: cur.json && cur.json.revision } });
	check('PATCH the school-year 2024 (qualified 7 → 10): 200', r.status === 200, r.status + ' ' + r.text.slice(0, 200));
	r = await signoff('county', qi.id, { version: qi.version });
	check('sign off after the correction: 200 signed_off, year 2024, figure 4.22', r.status === 200 &&
		r.json.item.status === 'signed_off' && r.json.item.year === 2024 && r.json.item.figure === '4.22',
		r.status + ' ' + r.text.slice(0, 300));
	if (r.status === 200) qi = r.json.item;
	r = await signoff('city', qi.id, { version: qi.version, override_reason: '再次' });
	check('sign off again: 409', r.status === 409, r.status);
	r = await api('GET', '/ledger/' + qi.id, { session: S.city });
	const last = r.json && r.json.events[r.json.events.length - 1];
	check('the sign-off event: checked, closed, 2024, 4.22, by the county', last && last.action === 'signed_off' &&
		last.detail.checked === 'true' && last.detail.closed === 'true' && last.detail.year === '2024' &&
		last.detail.figure === '4.22' && last.who === 'county', JSON.stringify(last));

	/* --- the override -------------------------------------------------- */
	let pi = pe;
	r = await signoff('county', pi.id, { version: pi.version, override_reason: '已列入招聘计划' });
	check('override as the county: 403', r.status === 403, r.status);
	r = await signoff('city', pi.id, { version: pi.version, override_reason: '' });
	check('override with an empty reason: 400', r.status === 400, r.status);
	r = await signoff('city', pi.id, { version: pi.version, override_reason: '整'.repeat(301) });
	check('override with a reason of 301 characters: 422', r.status === 422, r.status);
	r = await signoff('city', pi.id, { version: pi.version, override_reason: '已列入2025年招聘计划' });
	check('override as the city from open: 200, the reason kept', r.status === 200 && r.json.item.status === 'signed_off' &&
		r.json.item.override_reason === '已列入2025年招聘计划', r.status + ' ' + r.text.slice(0, 300));

	/* --- two sign-offs at once: one wins ------------------------------- */
	r = await add('city', { county: '369904', what_zh: '并发销号' });
	const race = r.json && r.json.item;
	const both = await Promise.all([
		signoff('city', race.id, { version: race.version, override_reason: '甲' }),
		signoff('prov', race.id, { version: race.version, override_reason: '乙' }),
	]);
	const codes = both.map((x) => x.status).sort();
	check('two concurrent sign-offs of one item: one 200, one 409', codes[0] === 200 && codes[1] === 409, codes.join(','));
	r = await api('GET', '/ledger/' + race.id, { session: S.admin });
	check('…and one sign-off event, version 2', r.status === 200 && r.json.item.version === 2 &&
		r.json.events.filter((x) => x.action === 'signed_off').length === 1, r.text.slice(0, 300));

	/* --- evidence ------------------------------------------------------ */
	const up = (who, id, body, name, type) => api('POST', '/ledger/' + id + '/evidence', { session: S[who], body,
		headers: Object.assign({ 'Content-Type': type || 'text/plain' }, name ? { 'X-Filename': name } : {}) });
	for (const who of ['insp', 'county3', 'school2']) {
		r = await up(who, m.id, 'abc', 'photo.txt');
		check('evidence as ' + who + ': 403', r.status === 403, r.status);
	}
	/* SHA-256("abc") = ba7816bf…15ad (FIPS 180-2's example). */
	r = await up('school', m.id, 'abc', 'photo.txt');
	const ev = r.json && r.json.evidence;
	check('evidence as the school: 201, SHA-256 of "abc", 3 bytes, text/plain', r.status === 201 && ev &&
		ev.sha256 === 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' && ev.size === 3 &&
		ev.content_type === 'text/plain' && ev.who === 'school', r.status + ' ' + r.text.slice(0, 300));
	r = await up('school', m.id, '<script>alert(1)</script>', 'x.html', 'text/html');
	const evh = r.json && r.json.evidence;
	check('evidence sent as text/html is stored as application/octet-stream', r.status === 201 && evh &&
		evh.content_type === 'application/octet-stream', r.status + ' ' + r.text.slice(0, 200));
	r = await api('GET', '/ledger/' + m.id + '/evidence/' + ev.id, { session: S.inspcity, auditExempt: ['json'] });
	check('download as the city inspector: the bytes, text/plain', r.status === 200 && r.text === 'abc' &&
		r.headers['content-type'] === 'text/plain', r.status + ' ' + r.headers['content-type']);
	r = await api('GET', '/ledger/' + m.id + '/evidence/' + ev.id, { session: S.county3 });
	check('download from outside: 403', r.status === 403, r.status);
	r = await api('GET', '/ledger/' + m.id + '/evidence/999999', { session: S.admin });
	check('download of an unknown file: 404', r.status === 404, r.status);
	r = await api('GET', '/ledger/' + ci.id + '/evidence/' + ev.id, { session: S.admin });
	check('a file asked for under another item: 404', r.status === 404, r.status);
	r = await up('school', m.id, Buffer.alloc(16 * 1024 * 1024 + 1, 65), 'big.txt');
	check('evidence over 16 MiB: 413', r.status === 413, r.status);
	r = await up('school', m.id, 'abc', null);
	check('evidence without X-Filename: 400', r.status === 400, r.status);
	r = await api('GET', '/ledger/' + m.id, { session: S.school });
	check('GET /ledger/{id}: the two files listed, an evidence event', r.status === 200 && r.json.evidence.length === 2 &&
		r.json.events.some((x) => x.action === 'evidence' && x.detail.sha256 === ev.sha256), r.text.slice(0, 300));

	/* --- reopened when the shortfall comes back in a later year --------- */
	/* A 2025 row of 2136990417 with 7 qualified teachers again: 7 / 237 ×
	 * 100 = 2.95 < 4.2; the import reopens the signed-off item (and the
	 * P.E./art one signed off by override: 1 / 237 × 100 = 0.42 < 0.9). */
	const row24 = ctx.fx.row('2136990417').replace(',2024,', ',2025,');
	const csv = ctx.SCHOOL_HEADER + '\n' + row24 + '\n';
	r = await C.importReq(S.county, 'ledger-2025.csv', csv);
	check('import 2136990417 for 2025: 200', r.status === 200, r.status + ' ' + r.text.slice(0, 300));
	r = await api('GET', '/ledger/' + qi.id, { session: S.county });
	check('the signed-off item is reopened with 2025 and 2.95', r.status === 200 && r.json.item.status === 'reopened' &&
		r.json.item.year === 2025 && r.json.item.figure === '2.95' &&
		r.json.events.some((x) => x.action === 'reopened' && x.detail.year === '2025'), r.text.slice(0, 400));
	r = await api('GET', '/ledger/' + pi.id, { session: S.county });
	check('the overridden item is reopened too', r.status === 200 && r.json.item.status === 'reopened', r.text.slice(0, 200));
	r = await patch('county', qi.id, { version: r.status === 200 ? (await api('GET', '/ledger/' + qi.id, { session: S.county })).json.item.version : 0, status: 'in_progress' });
	check('reopened → in_progress by the county: 200', r.status === 200 && r.json.item.status === 'in_progress', r.status);
};
