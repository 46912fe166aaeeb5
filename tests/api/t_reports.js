'use strict';
/*
 * t_reports.js — the documents (issue 13): GET /counties/{code}/reports/
 * {kind}?year=Y[&format=][&school=][&lang=], every kind × every account.
 *
 * Accounts: the fixture's (run.js: every role and area relation) and the
 * demo's own (README, make demo), added here with the CLI: jiangzhou (city
 * 369900), yunling (county 369904), duxue (inspector 369904), gaoping
 * (school 2136990409 高坪乡中学); admin is the fixture's.
 *
 * Who may read a document is the reader of what it is about (lib/report
 * checks it; written out by hand below, not computed, as t_matrix.js
 * does): the county kinds (application, county, ledger, template,
 * self-evaluation; 369904) and review (369906, reviewed here) its
 * county's readers; the city kinds (city, notice; 369900) the city's
 * readers; a school profile (school 2136990401 or 2136990409 of 369904)
 * the school's readers — offices and inspectors over it and that school's
 * own account, never another school.  Denied is 403.
 *
 * Each allowed document: 200, its Content-Type, Content-Disposition
 * `attachment; filename="AREA-YEAR-KIND.EXT"` (the school's code for a
 * profile), Cache-Control no-store, the security headers (lib.js's
 * audit), and the body's magic (PK\x03\x04 for XLSX, %PDF- for PDF); the
 * same document as `junheng report` writes (XLSX: every part of the zip
 * but docProps/core.xml, whose time is the build's; PDF: pdftotext's
 * text).
 *
 * A kind whose builder is still the foundation's stub (its source file in
 * lib/report says PENDING, see ready()) answers an allowed caller 400 with
 * JH_P_REPORT_KIND: that is what is checked for it until it lands, so the
 * section passes at every step and checks the documents once they exist.
 * Bad requests: no year, a bad or unfitting format, an unknown kind, a
 * school missing or given where not taken, unknown areas and schools,
 * a county-year without data, no session, another method.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawnSync } = require('node:child_process');
const L = require('./lib.js');
const { check } = L;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KINDS = {
	application: { file: 'application.c', ext: 'xlsx' },
	county: { file: 'book_county.c', ext: 'xlsx' },
	city: { file: 'book_city.c', ext: 'xlsx' },
	ledger: { file: 'book_ledger.c', ext: 'xlsx' },
	template: { file: 'book_template.c', ext: 'xlsx' },
	'self-evaluation': { file: 'self_evaluation.c', ext: 'pdf' },
	review: { file: 'review.c', ext: 'pdf' },
	notice: { file: 'notice.c', ext: 'pdf' },
	school: { file: 'school.c', ext: 'pdf' },
};

/* What each kind is asked about: [column of ACCESS, area, school]. */
const TARGETS = {
	application: [[0, '369904']], county: [[0, '369904']], ledger: [[0, '369904']],
	template: [[0, '369904']], 'self-evaluation': [[0, '369904']],
	review: [[1, '369906']],
	city: [[2, '369900']], notice: [[2, '369900']],
	school: [[3, '369904', '2136990401'], [4, '369904', '2136990409']],
};
/* Read access, by hand (Y allowed, · denied). */
const ACCESS = {
	//           369904 369906 369900 0401  0409
	admin:     'Y      Y      Y      Y     Y',
	prov:      'Y      Y      Y      Y     Y',
	city:      'Y      Y      Y      Y     Y',
	city2:     '·      ·      ·      ·     ·',
	county:    'Y      ·      ·      Y     Y',
	county3:   '·      ·      ·      ·     ·',
	county2:   '·      ·      ·      ·     ·',
	insp:      'Y      ·      ·      Y     Y',
	inspcity:  'Y      Y      Y      Y     Y',
	school:    '·      ·      ·      Y     ·',
	school2:   '·      ·      ·      ·     ·',
	jiangzhou: 'Y      Y      Y      Y     Y',
	yunling:   'Y      ·      ·      Y     Y',
	duxue:     'Y      ·      ·      Y     Y',
	gaoping:   '·      ·      ·      ·     Y',
};
const DEMO = [
	['jiangzhou', 'city', '369900', 'rpt-jiangzhou-01'],
	['yunling', 'county', '369904', 'rpt-yunling-0001'],
	['duxue', 'inspector', '369904', 'rpt-duxue-00001'],
	['gaoping', 'school', '2136990409', 'rpt-gaoping-0001'],
];

/* Whether a kind's builder has landed: its file in lib/report is no longer
 * the foundation's stub (first line "PENDING"); a PDF also needs the PDF
 * engine (pdf.c).  'stub' | 'engine' (builder there, engine not yet:
 * nothing can be said of an allowed caller's answer) | 'ready'. */
function state(top, kind) {
	const head = (f) => { try { return fs.readFileSync(path.join(top, 'lib/report', f), 'utf8').slice(0, 200); } catch (e) { return 'PENDING'; } };
	if (/PENDING/.test(head(KINDS[kind].file))) return 'stub';
	if (KINDS[kind].ext === 'pdf' && /PENDING/.test(head('pdf.c'))) return 'engine';
	return 'ready';
}

/* The entries of a zip (an XLSX) by name → bytes: the central directory
 * read from its end record (APPNOTE 4.3.16, 4.3.12), each entry stored
 * (0) or deflated (8). */
function unzip(buf) {
	const out = new Map();
	let e = buf.length - 22;
	while (e >= 0 && buf.readUInt32LE(e) !== 0x06054b50) e--;
	if (e < 0) throw new Error('no end of central directory');
	const n = buf.readUInt16LE(e + 10);
	let p = buf.readUInt32LE(e + 16);
	for (let i = 0; i < n; i++) {
		if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
		const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
		const nl = buf.readUInt16LE(p + 28), xl = buf.readUInt16LE(p + 30), cl = buf.readUInt16LE(p + 32);
		const local = buf.readUInt32LE(p + 42);
		const name = buf.slice(p + 46, p + 46 + nl).toString('utf8');
		const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
		const raw = buf.slice(data, data + csize);
		out.set(name, method === 8 ? zlib.inflateRawSync(raw) : raw);
		p += 46 + nl + xl + cl;
	}
	return out;
}

/* Two XLSX equal but for the time they were made (docProps/core.xml). */
function sameBook(a, b) {
	const x = unzip(a), y = unzip(b);
	const names = [...x.keys()].filter((k) => k !== 'docProps/core.xml').sort();
	if (names.join() !== [...y.keys()].filter((k) => k !== 'docProps/core.xml').sort().join()) return 'parts differ';
	for (const k of names) if (!x.get(k).equals(y.get(k))) return k + ' differs';
	return '';
}

function pdfText(tmp, name, bytes) {
	const f = path.join(tmp, name);
	fs.writeFileSync(f, bytes);
	const r = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout : null;
}

function problemText(res) {
	const p = res.json && res.json.error && res.json.error.problems;
	return Array.isArray(p) ? p.map((x) => x.message_zh + ' / ' + x.message_en).join('; ') : '';
}

module.exports = async function reports(ctx) {
	const S = ctx.s;
	/* The demo's accounts besides the fixture's. */
	for (const [name, role, area, pw] of DEMO) {
		const r = L.cli(ctx.FAST, ['user', 'add', ctx.db, name, '--role', role, '--area', area, '--password-stdin'], { input: pw + '\n' });
		if (!check('reports: user add ' + name + ' (the demo\'s account)', r.status === 0, r.stderr)) return;
		ctx.accounts[name] = { name, role, area, pw };
		const s = await L.signIn(name, pw);
		if (!check('reports: sign in ' + name, s.ok, s.res.status)) return;
		S[name] = s;
	}

	/* 369906/2024 submitted by the administrator and reviewed by the
	 * city, with one finding: the review opinion's record. */
	const cyc = (await L.api('GET', '/counties/369906/cycle/2024', { session: S.admin })).json;
	const sub = await L.api('POST', '/counties/369906/cycle/2024/submit', { session: S.admin,
		body: { version: cyc.version, explanation: '教师工资收入低于公务员,已列入整改' } });
	const rv = await L.api('POST', '/counties/369906/cycle/2024/review', { session: S.jiangzhou,
		body: { version: sub.json && sub.json.version, opinion: '教师工资保障未达标,限期整改',
			findings: [{ what_zh: '教师平均工资收入低于当地公务员', measure: '2025 年调资', deadline: '2099-12-31' }] } });
	check('reports: 369906/2024 submitted and reviewed (the review opinion\'s record)', sub.status === 200 && rv.status === 200 &&
		rv.json.state === 'reviewed', sub.status + ' ' + rv.status + ' ' + rv.text.slice(0, 300));

	const states = {};
	for (const k of Object.keys(KINDS)) {
		states[k] = state(ctx.top, k);
		if (states[k] !== 'ready') console.log('# report ' + k + ': ' + (states[k] === 'stub' ? 'builder pending (400 expected of allowed callers)' : 'PDF engine pending (allowed callers not checked)'));
	}
	const q = (kind, area, school, extra = '') => '/counties/' + area + '/reports/' + kind + '?year=2024' +
		(school ? '&school=' + school : '') + extra;
	const docs = {};

	/* The matrix: every kind × every account. */
	for (const [kind, targets] of Object.entries(TARGETS)) {
		const { ext } = KINDS[kind];
		for (const [col, area, school] of targets) {
			for (const [who, row] of Object.entries(ACCESS)) {
				const allowed = row.split(/\s+/)[col] === 'Y';
				const st = states[kind];
				if (allowed && st === 'engine') continue;
				const name = 'report ' + kind + ' ' + (school || area) + ' as ' + who;
				const res = await L.api('GET', q(kind, area, school), { session: S[who], auditExempt: allowed && st === 'ready' ? ['json'] : [] });
				if (!allowed) {
					check(name + ': 403', res.status === 403 && res.json && res.json.error.code === 'forbidden', res.status + ' ' + res.text.slice(0, 200));
					continue;
				}
				if (st === 'stub') {
					check(name + ': allowed (400 of the pending builder)', res.status === 400 && /这种报表/.test(problemText(res)),
						res.status + ' ' + res.text.slice(0, 200));
					continue;
				}
				const file = (school || area) + '-2024-' + kind + '.' + ext;
				const magic = ext === 'xlsx' ? Buffer.from('PK\x03\x04', 'latin1') : Buffer.from('%PDF-', 'latin1');
				const ok = res.status === 200 &&
					res.headers['content-type'] === (ext === 'xlsx' ? XLSX_MIME : 'application/pdf') &&
					res.headers['content-disposition'] === 'attachment; filename="' + file + '"' &&
					res.headers['cache-control'] === 'no-store' &&
					res.body.slice(0, magic.length).equals(magic);
				check(name + ': 200 ' + file + ', its type, no-store, ' + (ext === 'xlsx' ? 'PK\\x03\\x04' : '%PDF-'), ok,
					res.status + ' ' + JSON.stringify(res.headers) + ' ' + res.body.slice(0, 8).toString('latin1') + ' ' +
					(res.status !== 200 ? res.text.slice(0, 300) : ''));
				if (ok && who === 'admin') docs[kind + (school || '')] = res.body;
			}
		}
	}

	/* The CLI's document: the same (the CLI acts as the administrator). */
	for (const [kind, targets] of Object.entries(TARGETS)) {
		if (states[kind] !== 'ready') continue;
		const [, area, school] = targets[0];
		const got = docs[kind + (school || '')];
		if (!got) continue;
		const out = path.join(ctx.tmp, 'cli-' + kind + '.' + KINDS[kind].ext);
		const r = L.cli(ctx.FAST, ['report', ctx.db, '--county', area, '--year', '2024', '--kind', kind,
			...(school ? ['--school', school] : []), '--out', out]);
		if (!check('report ' + kind + ': `junheng report` makes it too', r.status === 0 && fs.existsSync(out), r.stderr.slice(0, 300))) continue;
		const cli = fs.readFileSync(out);
		if (KINDS[kind].ext === 'xlsx') {
			let why;
			try { why = sameBook(got, cli); } catch (e) { why = String(e); }
			check('report ' + kind + ': the API\'s workbook is the CLI\'s (every part but the time made)', why === '', why);
		} else {
			const a = pdfText(ctx.tmp, 'api-' + kind + '.pdf', got), b = pdfText(ctx.tmp, 'cli2-' + kind + '.pdf', cli);
			check('report ' + kind + ': the API\'s PDF has the CLI\'s text (pdftotext)', a !== null && a === b && a.length > 0,
				a === null ? 'pdftotext failed' : (a || '').slice(0, 200) + ' ≠ ' + (b || '').slice(0, 200));
		}
	}

	/* English: the same file name, another document. */
	if (states.application === 'ready') {
		const en = await L.api('GET', q('application', '369904', null, '&lang=en'), { session: S.admin, auditExempt: ['json'] });
		check('report application lang=en: 200, the same file name, another document',
			en.status === 200 && en.headers['content-disposition'] === 'attachment; filename="369904-2024-application.xlsx"' &&
			docs.application && !en.body.equals(docs.application), en.status + ' ' + en.text.slice(0, 200));
		const fx = await L.api('GET', q('application', '369904', null, '&format=xlsx'), { session: S.yunling, auditExempt: ['json'] });
		check('report application format=xlsx (its own): 200', fx.status === 200 && fx.body.slice(0, 2).toString() === 'PK', fx.status + ' ' + fx.text.slice(0, 200));
		/* A county-year without data; a city's code for a county's document. */
		const nodata = await L.api('GET', '/counties/369904/reports/application?year=2021', { session: S.admin });
		check('report application 369904/2021 (no data): 404', nodata.status === 404, nodata.status + ' ' + nodata.text.slice(0, 200));
		const city = await L.api('GET', q('application', '369900'), { session: S.admin });
		check('report application of a city code (no schools of its own): 404', city.status === 404, city.status + ' ' + city.text.slice(0, 200));
	}
	if (states['self-evaluation'] === 'ready') {
		const fx = await L.api('GET', q('self-evaluation', '369904', null, '&format=pdf'), { session: S.duxue, auditExempt: ['json'] });
		check('report self-evaluation format=pdf (its own): 200', fx.status === 200 && fx.body.slice(0, 5).toString() === '%PDF-', fx.status + ' ' + fx.text.slice(0, 200));
	}
	if (states.review === 'ready') {
		/* 369904/2024 has no review by the city: nothing to make. */
		const none = await L.api('GET', q('review', '369904'), { session: S.admin });
		check('report review 369904/2024 (never reviewed): refused, naming the missing review',
			[404, 409, 422].includes(none.status) && (none.status === 404 || /复核/.test(problemText(none))),
			none.status + ' ' + none.text.slice(0, 300));
	}

	/* Bad requests (the same for every state of the builders). */
	const bad = async (name, p, status, code, re, who = 'admin') => {
		const r = await L.api('GET', p, { session: S[who] });
		const e = r.json && r.json.error;
		check(name + ': ' + status + ' ' + code, r.status === status && e && e.code === code &&
			(!re || re.test(e.message_zh + ' ' + e.message_en + ' ' + problemText(r))), r.status + ' ' + r.text.slice(0, 300));
	};
	await bad('report without year', '/counties/369904/reports/application', 400, 'bad_parameter', /year/);
	await bad('report year=1989', '/counties/369904/reports/application?year=1989', 400, 'bad_parameter', /year/);
	await bad('report format=pdf of a workbook', q('application', '369904', null, '&format=pdf'), 400, 'bad_request',
		/报表格式“pdf”不可用:这种报表只生成 xlsx/);
	await bad('report format=xlsx of a PDF', q('notice', '369900', null, '&format=xlsx'), 400, 'bad_request',
		/the report format 'xlsx' is not available: this report is made as pdf only/);
	await bad('report format=docx', q('county', '369904', null, '&format=docx'), 400, 'bad_parameter', /format/);
	await bad('report format=csv (the notices\' format, not a document\'s)', q('county', '369904', null, '&format=csv'), 400, 'bad_parameter', /format/);
	await bad('report of an unknown kind', q('budget', '369904'), 400, 'bad_request', /没有“budget”这种报表/);
	await bad('report of a kind not in its shape (capitals)', q('Application', '369904'), 400, 'bad_parameter');
	await bad('report school without school=', q('school', '369904'), 400, 'bad_request', /报表“school”需要指定 school/);
	await bad('report application with school=', q('application', '369904', '2136990401'), 400, 'bad_request',
		/the report 'application' does not take school/);
	await bad('report of an unknown county', q('county', '369999'), 404, 'not_found');
	await bad('report school of a school not of that county', q('school', '369904', '2136990301'), 404, 'not_found');
	await bad('report school of an unknown school', q('school', '369904', '2136999999'), 404, 'not_found');
	await bad('report school of another county\'s school, as its county', q('school', '369903', '2136990301'), 403, 'forbidden', null, 'yunling');
	const anon = await L.api('GET', q('county', '369904'));
	check('report without a session: 401', anon.status === 401, String(anon.status));
	const post = await L.api('POST', q('county', '369904'), { session: S.admin });
	check('report POST: 405 with Allow: GET', post.status === 405 && /GET/.test(post.headers.allow || ''), post.status + ' ' + (post.headers.allow || ''));

	/* The blank forms (issue 14): any account, no data in them. */
	for (const [kind, who] of [['school', 'gaoping'], ['county', 'yunling']]) {
		const f = await L.api('GET', '/forms/' + kind, { session: S[who], auditExempt: ['json'] });
		check('blank ' + kind + ' form as ' + who + ': 200 xlsx, ' + kind + '-form.xlsx, no-store',
			f.status === 200 && f.headers['content-type'] === XLSX_MIME &&
			f.headers['content-disposition'] === 'attachment; filename="' + kind + '-form.xlsx"' &&
			f.headers['cache-control'] === 'no-store' && f.body.slice(0, 4).toString('latin1') === 'PK\x03\x04',
			f.status + ' ' + f.text.slice(0, 200));
	}
	await bad('blank form of an unknown kind', '/forms/city', 400, 'bad_request', /没有“city”这种报表/);
	const fanon = await L.api('GET', '/forms/school');
	check('blank form without a session: 401', fanon.status === 401, String(fanon.status));
};

/* For the browser tests (tests/web/t_reports.js). */
module.exports.kindState = state;
module.exports.KINDS = KINDS;
