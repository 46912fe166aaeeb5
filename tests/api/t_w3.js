'use strict';
/*
 * t_w3.js — what the school, edit and revisions pages (issue 11, W3)
 * added to the API:
 *
 *   GET /schools/{code}/guarantee?year=Y   the per-school guarantee items
 *   GET /revisions/{revision}[?area][&from][&limit]   one revision's changes
 *
 * with the same access checks as every endpoint (a school only its own,
 * an office or inspector only within its area; revisions not for school
 * accounts; what the caller may not read is 404 when it is an area's
 * revision elsewhere).  Expected values come from data/sample/
 * schools-2024.csv, worked out by hand below.
 */
const L = require('./lib.js');
const C = require('./common.js');
const { check } = L;

const GUARANTEE = ['guarantee.3', 'guarantee.4', 'guarantee.5', 'guarantee.12'];

function statuses(j) {
	const o = {};
	for (const it of (j && j.items) || []) o[it.id] = it.status;
	return o;
}

module.exports = async function (ctx) {
	const S = ctx.s;

	/* --- guarantee ------------------------------------------------- */
	/* 2136990409 高坪乡中学 2024: 16 junior classes → ceil(16 / 12) = 2
	 * rooms of each needed; music 3, art 2, but the smallest art room is
	 * 72 m² < 90 → guarantee.3 fails.  Size 654 ≤ 2000, largest class 41
	 * ≤ 50, certified 61 of 61 teachers = 100% → the others pass. */
	let r = await L.api('GET', '/schools/2136990409/guarantee?year=2024', { session: S.county });
	let st = statuses(r.json);
	check('guarantee 2136990409 (county office): 200, the four items in order', r.status === 200 &&
		JSON.stringify(r.json.items.map((i) => i.id)) === JSON.stringify(GUARANTEE), r.status + ' ' + r.text.slice(0, 300));
	check('guarantee 2136990409: rooms fail (art room 72 m² < 90), size, class size, certification pass',
		st['guarantee.3'] === 'fail' && st['guarantee.4'] === 'pass' && st['guarantee.5'] === 'pass' && st['guarantee.12'] === 'pass', JSON.stringify(st));
	const rooms = r.json && r.json.items[0];
	check('guarantee 2136990409: the rooms detail names the school and 72 ㎡ < 90 ㎡ (zh), 72 m² < 90 m² (en)',
		rooms && /2136990409/.test(rooms.detail_zh) && /72 ㎡ < 90 ㎡/.test(rooms.detail_zh) && /72 m² < 90 m²/.test(rooms.detail_en),
		JSON.stringify(rooms || {}).slice(0, 400));
	const cert = r.json && r.json.items[3];
	check('guarantee 2136990409: certification 61/61 = 1.0', cert && cert.value === 1, JSON.stringify(cert || {}).slice(0, 300));

	/* 2136990407 云岭县第二中学: largest junior class 52 > 50 → .5 fails;
	 * 33 classes → 3 rooms of each needed, music 4 (105 m²) and art 3
	 * (110 m²) → .3 passes; 1403 pupils ≤ 2000. */
	r = await L.api('GET', '/schools/2136990407/guarantee?year=2024&lang=en', { session: S.insp });
	st = statuses(r.json);
	check('guarantee 2136990407 (inspector of 369904): class size fails (52 > 50), rooms and size pass',
		r.status === 200 && st['guarantee.5'] === 'fail' && st['guarantee.3'] === 'pass' && st['guarantee.4'] === 'pass', r.status + ' ' + JSON.stringify(st));

	/* The school account's own school 2136990401: 43 classes → 4 rooms
	 * needed; music 4 (128 m² ≥ 96), art 5 (93 m² ≥ 90); 1758 ≤ 2000;
	 * largest class 42 ≤ 45; certified 100 of 100. */
	r = await L.api('GET', '/schools/2136990401/guarantee?year=2024', { session: S.school });
	st = statuses(r.json);
	check('guarantee of its own school (school account): 200, all four pass', r.status === 200 &&
		GUARANTEE.every((id) => st[id] === 'pass'), r.status + ' ' + JSON.stringify(st));
	r = await L.api('GET', '/schools/2136990409/guarantee?year=2024', { session: S.school });
	check('guarantee of another school (school account): 403', r.status === 403, r.status);
	r = await L.api('GET', '/schools/2136990409/guarantee?year=2024', { session: S.county3 });
	check('guarantee of a school of a sibling county (county 369903): 403', r.status === 403, r.status);
	r = await L.api('GET', '/schools/2136990409/guarantee?year=2024', { session: S.city });
	check('guarantee (city 369900 above the county): 200', r.status === 200, r.status);
	r = await L.api('GET', '/schools/9999999999/guarantee?year=2024', { session: S.admin });
	check('guarantee of an unknown school: 404', r.status === 404, r.status);
	r = await L.api('GET', '/schools/2136990409/guarantee?year=1995', { session: S.admin });
	check('guarantee of a year without the school: 404', r.status === 404, r.status);
	r = await L.api('GET', '/schools/2136990409/guarantee', { session: S.admin });
	check('guarantee without year: 400 bad_parameter', r.status === 400 && r.json.error.code === 'bad_parameter', r.status);
	r = await L.api('GET', '/schools/2136990409/guarantee?year=2024');
	check('guarantee without a session: 401', r.status === 401, r.status);

	/* --- one revision ---------------------------------------------- */
	/* An edit of two fields of 2136990412 (云岭县) by the county office:
	 * the revision's changes are exactly those two, old values the ones
	 * stored before. */
	const before = await C.readSchool(S.county, '2136990412');
	const oldMm = before.row.multimedia_rooms, oldArt = before.row.art_rooms;
	const p = await L.api('PATCH', '/schools/2136990412/years/2024', {
		session: S.county, body: C.patchBody({ multimedia_rooms: oldMm + 2, art_rooms: oldArt + 1 }, before.rev, 'W3 测试'),
	});
	check('edit for the revision test: 200, 2 fields changed', p.status === 200 && p.json.fields_changed === 2, p.status + ' ' + p.text.slice(0, 300));
	const rev = p.json && p.json.revision;
	r = await L.api('GET', '/revisions/' + rev, { session: S.county });
	const j = r.json || {};
	check('revision of the edit (county): 200 with who, why, kind edit', r.status === 200 && j.revision === rev && j.who === 'county' &&
		j.why === 'W3 测试' && j.kind === 'edit' && j.sources === null, r.status + ' ' + r.text.slice(0, 300));
	check('revision of the edit: counts 2 changes, 1 school, 1 school-year, none added or deleted',
		j.counts && j.counts.changes === 2 && j.counts.schools === 1 && j.counts.school_years === 1 && j.counts.added === 0 &&
		j.counts.deleted === 0 && j.counts.county_records === 0 && j.counts.areas === 0, JSON.stringify(j.counts));
	const byField = {};
	for (const c of j.changes || []) byField[c.field] = c;
	check('revision of the edit: multimedia_rooms old → old + 2, art_rooms old → old + 1, both of 2136990412/2024',
		(j.changes || []).length === 2 && byField.multimedia_rooms && Number(byField.multimedia_rooms.old) === oldMm &&
		Number(byField.multimedia_rooms.new) === oldMm + 2 && Number(byField.art_rooms.old) === oldArt &&
		Number(byField.art_rooms.new) === oldArt + 1 && byField.art_rooms.code === '2136990412' && byField.art_rooms.year === 2024 &&
		byField.art_rooms.entity === 'school_year', JSON.stringify(j.changes));
	check('revision of the edit: field labels in both languages (网络多媒体教室数)', byField.multimedia_rooms &&
		byField.multimedia_rooms.field_zh === '网络多媒体教室数' && /multimedia/.test(byField.multimedia_rooms.field_en), JSON.stringify(byField.multimedia_rooms));
	r = await L.api('GET', '/revisions/' + rev + '?from=2&limit=1', { session: S.county });
	check('revision paged (from=2, limit=1): the second change only, counts of all', r.status === 200 && r.json.changes.length === 1 &&
		r.json.changes[0].field === j.changes[1].field && r.json.counts.changes === 2 && r.json.from === 2 && r.json.limit === 1, r.text.slice(0, 300));
	r = await L.api('GET', '/revisions/' + rev, { session: S.insp });
	check('revision of the edit (inspector of 369904): 200', r.status === 200, r.status);
	r = await L.api('GET', '/revisions/' + rev + '?area=369900', { session: S.city });
	check('revision of the edit (city, area 369900): 200', r.status === 200 && r.json.counts.changes === 2, r.status);
	r = await L.api('GET', '/revisions/' + rev, { session: S.county3 });
	check('revision of 369904 asked by county 369903 (own area): 404', r.status === 404, r.status);
	r = await L.api('GET', '/revisions/' + rev + '?area=369904', { session: S.county3 });
	check('revision with area=369904 asked by county 369903: 403', r.status === 403, r.status);
	r = await L.api('GET', '/revisions/' + rev, { session: S.school });
	check('revision asked by a school account: 403', r.status === 403, r.status);
	r = await L.api('GET', '/revisions/999999', { session: S.admin });
	check('revision after the last: 404', r.status === 404, r.status);
	for (const bad of ['0', 'abc', '1x', '1234567890']) {
		r = await L.api('GET', '/revisions/' + bad, { session: S.admin });
		check('revision "' + bad + '": 400 bad_parameter', r.status === 400 && r.json.error.code === 'bad_parameter', r.status);
	}
	r = await L.api('GET', '/revisions/' + rev + '?year=2024', { session: S.admin });
	check('revision with an unknown query parameter (year): 400', r.status === 400, r.status);
	r = await L.api('GET', '/revisions/' + rev);
	check('revision without a session: 401', r.status === 401, r.status);

	/* The sample's import (revision 1) within 云岭县: 54 school rows in
	 * each of 2022–2024 → 162 school-years added, nothing deleted. */
	r = await L.api('GET', '/revisions/1?area=369904&limit=5', { session: S.admin });
	check('revision 1 within 369904: an import with sources, 54 schools, 162 school-years added, 5 changes listed',
		r.status === 200 && r.json.kind === 'import' && typeof r.json.sources === 'string' && r.json.counts.schools === 54 &&
		r.json.counts.school_years === 162 && r.json.counts.added === 162 && r.json.counts.deleted === 0 && r.json.changes.length === 5,
		r.status + ' ' + JSON.stringify(r.json && r.json.counts));
};
