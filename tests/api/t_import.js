'use strict';
/*
 * t_import.js — an import is checked whole against the caller before
 * anything is written: a county office's file with one row of another
 * county among rows of its own is refused whole (403, the row named by
 * file and line), nothing written; the same file without that row goes
 * in.  Also: a county re-importing the areas.csv lines of its own chain
 * (unchanged) is allowed; renaming its parent city or adding a county
 * elsewhere is refused; an inspector may import nothing.
 */
const fs = require('node:fs');
const path = require('node:path');
const L = require('./lib.js');
const C = require('./common.js');
const { check } = L;

module.exports = async function (ctx) {
	const S = ctx.s;
	const own = ['2136990410', '2136990411', '2136990412'];
	const rows = own.map((c) => C.schoolCsv(ctx, c, { equipment_value_yuan: Number(C.sampleValue(ctx, c, 'equipment_value_yuan')) + 1000 }).split('\n')[1]);
	/* Line 3 of the file (after the header and one own row) is 清溪县's. */
	const foreign = C.schoolCsv(ctx, '2136990305', { equipment_value_yuan: 1 }).split('\n')[1];
	const file = ctx.SCHOOL_HEADER + '\n' + rows[0] + '\n' + foreign + '\n' + rows[1] + '\n' + rows[2] + '\n';
	const before = C.snapshot(ctx);
	const last = C.lastRevision(ctx);
	const r = await C.importReq(S.county, 'mixed-2024.csv', file);
	check('import with a row of another county (county 369904): 403', r.status === 403, r.status + ' ' + r.text.slice(0, 400));
	const pr = r.json && (r.json.error && r.json.error.problems || r.json.problems) || [];
	check('import refused: exactly one problem, mixed-2024.csv line 3', pr.length === 1 && pr[0].file === 'mixed-2024.csv' && pr[0].line === 3,
		JSON.stringify(pr).slice(0, 500));
	check('import refused: the problem names the school or county (2136990305 / 369903) in both languages',
		pr.length === 1 && /2136990305|369903/.test(pr[0].message_zh) && /2136990305|369903/.test(pr[0].message_en) && pr[0].column_name !== undefined,
		JSON.stringify(pr[0] || {}));
	check('import refused: nothing written (revisions and accounts as before)', C.snapshot(ctx) === before);
	const h = L.cli(ctx.FAST, ['history', ctx.db, '--school', '2136990410', '--format', 'json']);
	check('import refused: 2136990410 (own county) was not written either', !h.text.includes('mixed-2024.csv'));

	/* Two foreign rows: both named. */
	const foreign2 = C.schoolCsv(ctx, '2136980102', { equipment_value_yuan: 1 }).split('\n')[1];
	const r2 = await C.importReq(S.county, 'two.csv', ctx.SCHOOL_HEADER + '\n' + foreign + '\n' + rows[0] + '\n' + foreign2 + '\n');
	const p2 = r2.json && (r2.json.error && r2.json.error.problems || r2.json.problems) || [];
	check('import with two foreign rows: 403, lines 2 and 4 named', r2.status === 403 && p2.some((p) => p.line === 2) && p2.some((p) => p.line === 4) &&
		!p2.some((p) => p.line === 3), r2.status + ' ' + JSON.stringify(p2).slice(0, 400));
	check('import with two foreign rows: nothing written', C.snapshot(ctx) === before);

	/* A school account's file with a row of another school of its county. */
	const r3 = await C.importReq(S.school, 'school.csv', ctx.SCHOOL_HEADER + '\n' + C.schoolCsv(ctx, '2136990401', { multimedia_rooms: 61 }).split('\n')[1] +
		'\n' + rows[0] + '\n');
	const p3 = r3.json && (r3.json.error && r3.json.error.problems || r3.json.problems) || [];
	check('school account importing its row and a neighbour\'s: 403, line 3 named', r3.status === 403 && p3.length === 1 && p3[0].line === 3,
		r3.status + ' ' + JSON.stringify(p3).slice(0, 300));
	check('school account import refused: nothing written', C.snapshot(ctx) === before);

	/* A county-year record of another county inside an otherwise own file. */
	const c24 = fs.readFileSync(path.join(ctx.top, 'data/sample/county-2024.csv'), 'utf8').split('\n');
	const mine = c24.find((l) => l.startsWith('369904,2024,layout_plan,'));
	const theirs = c24.find((l) => l.startsWith('369903,2024,layout_plan,'));
	const r4 = await C.importReq(S.county, 'county-items.csv', c24[0] + '\n' + mine + '\n' + theirs + '\n');
	const p4 = r4.json && (r4.json.error && r4.json.error.problems || r4.json.problems) || [];
	check('county record of 369903 in a 369904 file: 403, line 3', r4.status === 403 && p4.length === 1 && p4[0].line === 3,
		r4.status + ' ' + JSON.stringify(p4).slice(0, 300));

	/* Areas: the county's own chain unchanged is fine; a renamed city or a
	 * county of another city is not. */
	const hdr = 'province_code,province_name,city_code,city_name,county_code,county_name\n';
	const r5 = await C.importReq(S.county, 'areas.csv', hdr + '360000,示例省,369900,江州市,369904,云岭县\n');
	check('county re-importing its own areas line unchanged: 200', r5.status === 200, r5.status + ' ' + r5.text.slice(0, 300));
	const mid = C.snapshot(ctx);
	const r6 = await C.importReq(S.county, 'areas.csv', hdr + '360000,示例省,369900,江州新市,369904,云岭县\n');
	check('county renaming its city: 403', r6.status === 403, r6.status + ' ' + r6.text.slice(0, 300));
	const r7 = await C.importReq(S.county, 'areas.csv', hdr + '360000,示例省,369800,北岭市,369802,南岭县\n');
	check('county adding a county to another city: 403', r7.status === 403, r7.status + ' ' + r7.text.slice(0, 300));
	const r8 = await C.importReq(S.county, 'areas.csv', hdr + '360000,示例省,369900,江州市,369904,云岭新县\n');
	check('county renaming itself: 200 (its own area) or 403', r8.status === 200 || r8.status === 403, r8.status);
	if (r8.status === 200) {
		const back = await C.importReq(S.admin, 'areas.csv', hdr + '360000,示例省,369900,江州市,369904,云岭县\n');
		check('admin renames 云岭县 back', back.status === 200, back.status);
	} else check('refused area imports wrote nothing', C.snapshot(ctx) === mid);
	const r9 = await C.importReq(S.insp, 'insp.csv', ctx.SCHOOL_HEADER + '\n' + rows[0] + '\n');
	check('inspector importing a row of its own county: 403', r9.status === 403, r9.status);

	/* multipart/form-data, as a browser form or `curl -F file=@x.csv`
	 * sends it: the first part with a filename is the file. */
	{
		const crypto = require('node:crypto');
		const B = 'jhTestBoundary7MA4YWxkTrZu0gW';
		const form = (parts, boundary = B) => Buffer.concat(parts.map(([disp, type, data]) => Buffer.concat([
			/* latin1: each character one byte, so '\xff' is the byte 0xff */
			Buffer.from('--' + boundary + '\r\nContent-Disposition: form-data; ' + disp + '\r\n' + (type ? 'Content-Type: ' + type + '\r\n' : '') + '\r\n', 'latin1'),
			Buffer.isBuffer(data) ? data : Buffer.from(data), Buffer.from('\r\n')])).concat([Buffer.from('--' + boundary + '--\r\n')]));
		const mp = (session, body, boundary = B) => L.api('POST', '/imports', { session, body,
			headers: { 'Content-Type': 'multipart/form-data; boundary=' + boundary } });
		const csv = C.schoolCsv(ctx, '2136990413', { students_primary: Number(C.sampleValue(ctx, '2136990413', 'students_primary')) + 3 });
		const last = C.lastRevision(ctx);
		const r = await mp(S.county, form([['name="why"', null, '表单'], ['name="file"; filename="form-2024.csv"', 'text/csv', csv]]));
		const j = r.json || {};
		check('multipart import (county, a text part then the file): 200, 1 row changed, 1 field', r.status === 200 && j.rows === 1 &&
			j.changed === 1 && j.fields_changed === 1 && C.revisionOf(j) === last + 1, r.status + ' ' + r.text.slice(0, 300));
		/* The source is the part's name and the SHA-256 of the part's bytes
		 * (not of the whole form). */
		const sha = crypto.createHash('sha256').update(csv).digest('hex');
		const revs = JSON.parse(L.cli(ctx.FAST, ['history', ctx.db, '--revisions', '--format', 'json']).text);
		const rv = revs[revs.length - 1] || {};
		check('multipart import: source "form-2024.csv <sha256 of the file>", who county', rv.sources === 'form-2024.csv ' + sha && rv.who === 'county',
			JSON.stringify(rv));
		const before = C.snapshot(ctx);
		const bad = [
			['no file part', form([['name="why"', null, 'x']])],
			['no closing boundary', Buffer.from('--' + B + '\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n' + csv)],
			['another boundary than announced', form([['name="file"; filename="a.csv"', 'text/csv', csv]], 'OtherBoundary123')],
			['an empty body', Buffer.alloc(0)],
			['a file name with a backslash', form([['name="file"; filename="..\\..\\a.csv"', 'text/csv', csv]])],
			['a file name of invalid UTF-8', form([['name="file"; filename="a\xff\xfe.csv"', 'text/csv', csv]])],
			['an empty file name', form([['name="file"; filename=""', 'text/csv', csv]])],
			['a foreign row (369903)', form([['name="file"; filename="f.csv"', 'text/csv', C.schoolCsv(ctx, '2136990305', { equipment_value_yuan: 2 })]])],
		];
		for (const [what, body] of bad) {
			const x = await mp(S.county, body);
			const want = what === 'a foreign row (369903)' ? [403] : [400, 422];
			check('multipart import with ' + what + ' → ' + want.join('/'), want.includes(x.status), x.status + ' ' + x.text.slice(0, 200));
		}
		const nb = await L.api('POST', '/imports', { session: S.county, body: form([['name="file"; filename="a.csv"', 'text/csv', csv]]),
			headers: { 'Content-Type': 'multipart/form-data' } });
		check('multipart import without a boundary → 400', nb.status === 400, nb.status);
		const lb = 'b'.repeat(100);
		const long = await mp(S.county, form([['name="file"; filename="a.csv"', 'text/csv', csv]], lb), lb);
		check('multipart import with a 100-byte boundary → 400', long.status === 400, long.status);
		check('refused multipart imports wrote nothing', C.snapshot(ctx) === before);
		/* A path in the part's file name: refused, or only its last part kept. */
		const pl = C.lastRevision(ctx);
		const tr = await mp(S.county, form([['name="file"; filename="../../etc/passwd.csv"', 'text/csv',
			C.schoolCsv(ctx, '2136990413', { students_primary: Number(C.sampleValue(ctx, '2136990413', 'students_primary')) + 4 })]]));
		if (tr.status === 200) {
			const rs = JSON.parse(L.cli(ctx.FAST, ['history', ctx.db, '--revisions', '--format', 'json']).text);
			const src = (rs[rs.length - 1] || {}).sources || '';
			check('multipart file name ../../etc/passwd.csv: only passwd.csv kept', C.revisionOf(tr.json) === pl + 1 && /^passwd\.csv [0-9a-f]{64}$/.test(src), src);
		} else check('multipart file name ../../etc/passwd.csv → 400', tr.status === 400, tr.status);
	}

	/* Without the foreign row the same file goes in: three rows changed. */
	const ok = await C.importReq(S.county, 'own-2024.csv', ctx.SCHOOL_HEADER + '\n' + rows.join('\n') + '\n');
	const j = ok.json || {};
	check('the file without the foreign row: 200, 3 rows, 3 changed, 3 fields', ok.status === 200 && j.rows === 3 && j.changed === 3 &&
		j.fields_changed === 3, ok.status + ' ' + ok.text.slice(0, 300));
	check('and it is one new revision by county', C.revisionOf(j) > last && (() => {
		const hh = L.cli(ctx.FAST, ['history', ctx.db, '--school', '2136990412', '--format', 'json']);
		try { const e = JSON.parse(hh.text).pop(); return e.who === 'county' && /^own-2024\.csv /.test(e.sources); } catch (x) { return false; }
	})());
};
