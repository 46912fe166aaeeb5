'use strict';
/*
 * t_srvfix.js — what issue 11's second round changed in the API:
 *
 *   1. POST /imports takes several files in one multipart/form-data form
 *      (as `junheng import DB a.csv b.csv …` does): one revision whose
 *      sources are every file, all or nothing — a bad file (422) or a
 *      row outside the caller's area in any file (403) writes nothing,
 *      and the problems name the file they are in; names are checked
 *      (duplicates, X-Filename beside several files, too many files,
 *      an empty file) before anything is read.
 *   2. A school account's area_name is its school's name (sign-in,
 *      GET /me, GET /users), read from the store: a renamed school shows
 *      its new name.
 *   3. GET /revisions/{n} read by revision (jh_store_revision_changes):
 *      a city's import over two counties seen whole by the city and in
 *      part by each county; an area renamed counts within the areas
 *      above and at it, not in a county below.
 *
 * Expected values are worked out below from data/sample and from what
 * this file writes.
 */
const crypto = require('node:crypto');
const L = require('./lib.js');
const C = require('./common.js');
const { check } = L;

const B = 'jhSrvfixBoundary0123456789';
/* A multipart body: parts [disposition, content type, data]. */
function form(parts, boundary = B) {
	return Buffer.concat(parts.map(([disp, type, data]) => Buffer.concat([
		Buffer.from('--' + boundary + '\r\nContent-Disposition: form-data; ' + disp + '\r\n' +
			(type ? 'Content-Type: ' + type + '\r\n' : '') + '\r\n', 'latin1'),
		Buffer.isBuffer(data) ? data : Buffer.from(data), Buffer.from('\r\n')])).concat([Buffer.from('--' + boundary + '--\r\n')]));
}
const filePart = (name, data) => ['name="files"; filename="' + name + '"', 'text/csv', data];
function upload(session, parts, headers = {}) {
	return L.api('POST', '/imports', { session, body: form(parts),
		headers: Object.assign({ 'Content-Type': 'multipart/form-data; boundary=' + B }, headers) });
}
const sha = (s) => crypto.createHash('sha256').update(s).digest('hex');
function revisionsCli(ctx) {
	return JSON.parse(L.cli(ctx.FAST, ['history', ctx.db, '--revisions', '--format', 'json']).text);
}

const COUNTY_HDR = 'county_code,year,item,value,note\n';
const AREAS_HDR = 'province_code,province_name,city_code,city_name,county_code,county_name\n';

module.exports = async function (ctx) {
	const S = ctx.s;

	/* --- 1. several files, one import ------------------------------ */
	/* 云岭县 369904's office: a school-year file (2136990413's equipment
	 * + 7 yuan over what is stored now), a county-year file (its 2024
	 * layout_plan with a new note, value 是 kept) and an areas file (its
	 * own line unchanged). */
	const cur = await C.readSchool(S.county, '2136990413');
	const equip = Number(cur.row.equipment_value_yuan);
	const f1 = C.schoolCsv(ctx, '2136990413', { equipment_value_yuan: equip + 7 });
	const f2 = COUNTY_HDR + '369904,2024,layout_plan,是,srvfix 复核的规划文件\n';
	const f3 = AREAS_HDR + '360000,示例省,369900,江州市,369904,云岭县\n';
	const last = C.lastRevision(ctx);
	let r = await upload(S.county, [['name="why"', null, '多文件'], filePart('srv-schools.csv', f1),
		filePart('srv-county.csv', f2), filePart('srv-areas.csv', f3)]);
	let j = r.json || {};
	check('three files in one form (county 369904): 200, one revision', r.status === 200 && j.revision === last + 1,
		r.status + ' ' + r.text.slice(0, 400));
	/* One school row changed (the equipment, and any field an earlier
	 * section left away from the sample's value: the revision below
	 * names the equipment exactly), one county-year record, no area. */
	check('three files: rows 1, changed 1, items 1, areas 0',
		j.rows === 1 && j.changed === 1 && j.fields_changed >= 1 && j.items_changed === 1 && j.areas_changed === 0,
		JSON.stringify(j));
	check('three files: counties [{369904, 2024}], files in the order sent',
		JSON.stringify(j.counties) === JSON.stringify([{ code: '369904', year: 2024 }]) &&
		JSON.stringify(j.files) === JSON.stringify(['srv-schools.csv', 'srv-county.csv', 'srv-areas.csv']), JSON.stringify(j));
	const revs = revisionsCli(ctx);
	const rv = revs[revs.length - 1] || {};
	check('three files: the revision\'s sources are the three files with the SHA-256 of each part',
		rv.who === 'county' && rv.sources === 'srv-schools.csv ' + sha(f1) + '; srv-county.csv ' + sha(f2) + '; srv-areas.csv ' + sha(f3),
		JSON.stringify(rv));
	r = await L.api('GET', '/revisions/' + j.revision, { session: S.county });
	const byField = {};
	for (const c of (r.json && r.json.changes) || []) byField[c.field] = c;
	/* The record's value line (是 → 是) and its note: 2 record changes. */
	check('three files: the revision shows the equipment (' + equip + ' → ' + (equip + 7) + ') and the record\'s note',
		r.status === 200 && byField.equipment_value_yuan && Number(byField.equipment_value_yuan.old) === equip &&
		Number(byField.equipment_value_yuan.new) === equip + 7 && byField['layout_plan.note'] &&
		byField['layout_plan.note'].new === 'srvfix 复核的规划文件' && r.json.counts.county_records === 2 &&
		r.json.counts.schools === 1, r.status + ' ' + r.text.slice(0, 600));

	/* All or nothing: a good file beside a bad one writes nothing, and
	 * the problem names the bad file; two bad files: both named. */
	let before = C.snapshot(ctx);
	const good = C.schoolCsv(ctx, '2136990413', { equipment_value_yuan: equip + 9 });
	r = await upload(S.county, [filePart('ok.csv', good), filePart('bad-county.csv', COUNTY_HDR + '369904,2024,no_such_item,1,x\n')]);
	let probs = (r.json && r.json.error && r.json.error.problems) || [];
	check('good file + a county-year file with an unknown item: 422, the problem names bad-county.csv line 2, nothing written',
		r.status === 422 && probs.length >= 1 && probs.every((p) => p.file === 'bad-county.csv') && probs[0].line === 2 &&
		C.snapshot(ctx) === before, r.status + ' ' + r.text.slice(0, 500));
	r = await upload(S.county, [filePart('a-bad.csv', 'foo,bar\n1,2\n'), filePart('ok.csv', good), filePart('b-bad.csv', 'x\n')]);
	probs = (r.json && r.json.error && r.json.error.problems) || [];
	const files = [...new Set(probs.map((p) => p.file))].sort();
	check('two bad files and a good one: 422 with the problems of both bad files, nothing written',
		r.status === 422 && JSON.stringify(files) === JSON.stringify(['a-bad.csv', 'b-bad.csv']) && C.snapshot(ctx) === before,
		r.status + ' ' + JSON.stringify(probs).slice(0, 500));
	/* A row of 清溪县 369903 in the second file: the whole import refused. */
	r = await upload(S.county, [filePart('ok.csv', good), filePart('foreign.csv', C.schoolCsv(ctx, '2136990305', { music_rooms: 3 }))]);
	probs = (r.json && r.json.error && r.json.error.problems) || [];
	check('own file + a file with a 369903 row (county 369904): 403, the problem names foreign.csv line 2, nothing written',
		r.status === 403 && probs.length === 1 && probs[0].file === 'foreign.csv' && probs[0].line === 2 && C.snapshot(ctx) === before,
		r.status + ' ' + r.text.slice(0, 500));

	/* Names and shapes checked before anything is read. */
	const csvA = C.schoolCsv(ctx, '2136990413', { equipment_value_yuan: equip + 11 });
	const refused = [
		['two files of one name', [filePart('same.csv', csvA), filePart('same.csv', f2)], {}, 'bad_filename'],
		['two files of one name after the path is dropped', [filePart('a/x.csv', csvA), filePart('b/x.csv', f2)], {}, 'bad_filename'],
		['X-Filename beside two files', [filePart('p.csv', csvA), filePart('q.csv', f2)], { 'X-Filename': 'p.csv' }, 'bad_filename'],
		['an empty second file', [filePart('p.csv', csvA), filePart('q.csv', '')], {}, 'bad_body'],
		['17 files', Array.from({ length: 17 }, (_, i) => filePart('f' + i + '.csv', f2)), {}, 'bad_body'],
		['a bad second name', [filePart('p.csv', csvA), filePart('q\\r.csv', f2)], {}, 'bad_filename'],
	];
	for (const [what, parts, headers, code] of refused) {
		const x = await upload(S.county, parts, headers);
		check('multipart import with ' + what + ': 400 ' + code, x.status === 400 && x.json && x.json.error.code === code,
			x.status + ' ' + x.text.slice(0, 200));
	}
	check('refused forms wrote nothing', C.snapshot(ctx) === before);
	/* A form's file input left empty (filename="" and no bytes) is not a
	 * file: the other file goes in alone, under its own name. */
	r = await upload(S.county, [['name="files"; filename=""', 'application/octet-stream', ''], filePart('only.csv', csvA)]);
	check('an empty file input beside a file: 200, files ["only.csv"], 1 field changed',
		r.status === 200 && JSON.stringify(r.json.files) === '["only.csv"]' && r.json.fields_changed === 1,
		r.status + ' ' + r.text.slice(0, 300));
	/* One file in the body with X-Filename still works (files = [name]). */
	r = await C.importReq(S.county, 'body.csv', C.schoolCsv(ctx, '2136990413', { equipment_value_yuan: equip + 12 }));
	check('one file as the body (X-Filename): 200, files ["body.csv"]', r.status === 200 &&
		JSON.stringify(r.json.files) === '["body.csv"]' && r.json.fields_changed === 1, r.status + ' ' + r.text.slice(0, 300));

	/* --- 2. school accounts' area_name ----------------------------- */
	/* school → 2136990401 云岭县实验小学 (data/sample/schools-2024.csv
	 * line 125); school2 → 2136980101, named 北岭县实验小学 by run.js. */
	let me = await L.api('GET', '/me', { session: S.school });
	check('GET /me (school 2136990401): area_name 云岭县实验小学', me.status === 200 && me.json.user.area === '2136990401' &&
		me.json.user.area_name === '云岭县实验小学', me.text.slice(0, 300));
	const si = await L.signIn('school2', ctx.accounts.school2.pw);
	check('sign-in (school2 2136980101): area_name 北岭县实验小学', si.ok && si.user && si.user.area_name === '北岭县实验小学',
		si.res.status + ' ' + si.res.text.slice(0, 300));
	let users = await L.api('GET', '/users', { session: S.county });
	let u = ((users.json && users.json.users) || []).find((x) => x.name === 'school');
	check('GET /users (county 369904): the school account\'s area_name 云岭县实验小学', u && u.area_name === '云岭县实验小学',
		JSON.stringify(u || users.text.slice(0, 300)));
	const county = ((users.json && users.json.users) || []).find((x) => x.name === 'insp');
	check('GET /users: an area account keeps its area\'s name (insp: 云岭县)', county && county.area_name === '云岭县', JSON.stringify(county));
	users = await L.api('GET', '/users', { session: S.city2 });
	u = ((users.json && users.json.users) || []).find((x) => x.name === 'school2');
	check('GET /users (city2 369800): school2\'s area_name 北岭县实验小学', u && u.area_name === '北岭县实验小学', JSON.stringify(u || ''));
	/* Renamed in 2024 (the latest year), the new name shows; then back. */
	r = await C.importReq(S.county, 'rename.csv', C.schoolCsv(ctx, '2136990401', { school_name: '云岭县实验小学(新校区)' }));
	me = await L.api('GET', '/me', { session: S.school });
	check('after the school is renamed in 2024: GET /me area_name 云岭县实验小学(新校区)', r.status === 200 &&
		me.json && me.json.user.area_name === '云岭县实验小学(新校区)', r.status + ' ' + me.text.slice(0, 300));
	const rn = C.schoolCsv(ctx, '2136990401', { school_name: '云岭县实验小学' });
	r = await C.importReq(S.county, 'rename-back.csv', rn);
	me = await L.api('GET', '/me', { session: S.school });
	check('renamed back: 云岭县实验小学', me.json && me.json.user.area_name === '云岭县实验小学', me.text.slice(0, 300));

	/* --- 3. one revision, read by revision -------------------------- */
	/* The city office 369900 changes one school of 清溪县 369903 and one of
	 * 云岭县 369904 (music_rooms to 7 in both: the sample has fewer). */
	const m3 = await C.readSchool(S.city, '2136990305'), m4 = await C.readSchool(S.city, '2136990402');
	const two = ctx.SCHOOL_HEADER + '\n' + C.schoolCsv(ctx, '2136990305', { music_rooms: 7 }).split('\n')[1] + '\n' +
		C.schoolCsv(ctx, '2136990402', { music_rooms: 7 }).split('\n')[1] + '\n';
	r = await C.importReq(S.city, 'two-counties.csv', two);
	const rev = r.json && r.json.revision;
	check('city import over 369903 and 369904: 200, counties both', r.status === 200 && rev > 0 &&
		JSON.stringify(r.json.counties) === JSON.stringify([{ code: '369903', year: 2024 }, { code: '369904', year: 2024 }]),
		r.status + ' ' + r.text.slice(0, 300));
	const music = (x) => ((x.json && x.json.changes) || []).filter((c) => c.field === 'music_rooms').map((c) => c.code + ':' + c.old + '→' + c.new);
	const want3 = '2136990305:' + m3.row.music_rooms + '→7', want4 = '2136990402:' + m4.row.music_rooms + '→7';
	r = await L.api('GET', '/revisions/' + rev, { session: S.city });
	check('the city sees both schools\' music rooms, 369903\'s first (' + want3 + ', ' + want4 + ')',
		r.status === 200 && r.json.counts.schools === 2 && JSON.stringify(music(r)) === JSON.stringify([want3, want4]),
		r.status + ' ' + r.text.slice(0, 500));
	r = await L.api('GET', '/revisions/' + rev, { session: S.county });
	check('county 369904 sees its school only (' + want4 + ')', r.status === 200 && r.json.counts.schools === 1 &&
		JSON.stringify(music(r)) === JSON.stringify([want4]), r.status + ' ' + r.text.slice(0, 300));
	r = await L.api('GET', '/revisions/' + rev, { session: S.county3 });
	check('county 369903 sees its school only (' + want3 + ')', r.status === 200 && r.json.counts.schools === 1 &&
		JSON.stringify(music(r)) === JSON.stringify([want3]), r.status + ' ' + r.text.slice(0, 300));
	r = await L.api('GET', '/revisions/' + rev, { session: S.county2 });
	check('county 369801 (another city): 404', r.status === 404, r.status);
	r = await L.api('GET', '/revisions/' + rev + '?area=369800', { session: S.admin });
	check('admin with area=369800: 404', r.status === 404, r.status);

	/* Admin renames 江州市 369900: the city's own change, seen by the city
	 * and the province (areas 1), not by a county below it (404). */
	r = await C.importReq(S.admin, 'city-name.csv', AREAS_HDR + '360000,示例省,369900,江州新市,369904,云岭县\n');
	const rr = r.json && r.json.revision;
	check('admin renames 江州市 → 江州新市: 200, 1 area changed', r.status === 200 && r.json.areas_changed === 1, r.status + ' ' + r.text.slice(0, 300));
	r = await L.api('GET', '/revisions/' + rr, { session: S.city });
	const ch = (r.json && r.json.changes) || [];
	check('the city sees its rename: 1 change, area 369900 江州市 → 江州新市', r.status === 200 && r.json.counts.areas === 1 &&
		ch.length === 1 && ch[0].entity === 'area' && ch[0].code === '369900' && ch[0].old === '江州市' && ch[0].new === '江州新市',
		r.status + ' ' + r.text.slice(0, 400));
	r = await L.api('GET', '/revisions/' + rr, { session: S.prov });
	check('the province sees it too', r.status === 200 && r.json.counts.areas === 1, r.status);
	r = await L.api('GET', '/revisions/' + rr, { session: S.county });
	check('county 369904 below it: 404 (its own area did not change)', r.status === 404, r.status);
	r = await C.importReq(S.admin, 'city-name-back.csv', AREAS_HDR + '360000,示例省,369900,江州市,369904,云岭县\n');
	check('renamed back', r.status === 200 && r.json.areas_changed === 1, r.status);
};
