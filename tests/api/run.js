'use strict';
/*
 * run.js — the API test suite (issue 10): `node tests/api/run.js`.
 *
 * Environment: JUNHENG (the binary under test, build/asan/junheng by
 * default) and JUNHENG_FAST (build/junheng: the CLI whose JSON the API
 * must equal byte for byte).  Prints one line per check and, last,
 * "api: N passed, N failed"; exits 1 when anything failed.
 *
 * The fixture (setup below): a temporary database from data/sample/*.csv
 * (示例省 360000 › 江州市 369900 › 7 counties) plus a second city, 北岭市
 * 369800 › 北岭县 369801 with two schools, so that every relation between
 * an account and an area exists: own, sibling (369903 beside 369904, 369800
 * beside 369900), parent, child, a school inside and one outside.  The
 * sample files are copied into the temporary directory and imported from
 * there by relative name, so that no revision's sources hold a path of the
 * test (the audit in lib.js refuses any response that contains one).
 *
 * One account per role and relation (ACCOUNTS below), created with
 * `junheng user add ... --password-stdin`, then `junheng serve DB --listen
 * 127.0.0.1:0`; the port is read from its "listening on" line.  The
 * sections (t_*.js) run in order against that server; the throttling,
 * hostile sign-in and idle-session checks start servers of their own, so
 * that their failed sign-ins do not lock the address the others use.
 * Last: SIGTERM → exit status 0, and no sanitizer report on stderr.
 */
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const L = require('./lib.js');

const top = path.resolve(__dirname, '..', '..');
const BIN = process.env.JUNHENG || path.join(top, 'build/asan/junheng');
const FAST = process.env.JUNHENG_FAST || path.join(top, 'build/junheng');

/* name, role, area (bound code), password.  Every name is used by the
 * sections through ctx.s[name] (its session). */
const ACCOUNTS = [
	['admin', 'admin', '', 'admin-pass-0001'],
	['prov', 'province', '360000', 'prov-pass-0001'],
	['city', 'city', '369900', 'city-pass-0001'],
	['city2', 'city', '369800', 'city2-pass-0001'],
	['county', 'county', '369904', 'county-pass-0001'],
	['county3', 'county', '369903', 'county3-pass-0001'],
	['county2', 'county', '369801', 'county2-pass-0001'],
	['insp', 'inspector', '369904', 'insp-pass-0001'],
	['inspcity', 'inspector', '369900', 'inspcity-pass-0001'],
	['school', 'school', '2136990401', 'school-pass-0001'],
	['school2', 'school', '2136980101', 'school2-pass-0001'],
	/* Used by one test each. */
	['victim', 'county', '369904', 'victim-pass-0001'],    /* disabled through the API */
	['victim2', 'county', '369904', 'victim2-pass-0001'],  /* disabled with the CLI */
	['throttled', 'county', '369904', 'throttled-pass-0001'], /* bad passwords */
	['idle', 'county', '369904', 'idle-pass-0001'],        /* the expired session */
	['leaver', 'county', '369904', 'leaver-pass-0001'],    /* DELETE /session */
	['hostile_pw', 'county', '369904', 'hostile-pw-pass-01'], /* hostile passwords */
	/* Targets of PATCH /users in the matrix. */
	['t_insp904', 'inspector', '369904', 't-insp904-pass-01'],
	['t_sch402', 'school', '2136990402', 't-sch402-pass-01'],
	['t_cnty903', 'county', '369903', 't-cnty903-pass-01'],
	['t_insp801', 'inspector', '369801', 't-insp801-pass-01'],
	['t_city900', 'city', '369900', 't-city900-pass-01'],
];

const SCHOOL_HEADER = 'school_code,school_name,county_code,year,school_type,parent_code,students_primary,students_junior,students_senior,qualified_teachers_primary,qualified_teachers_junior,key_teachers_primary,key_teachers_junior,pe_art_teachers_primary,pe_art_teachers_junior,teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,location,classes_primary,classes_junior,largest_class_primary,largest_class_junior,music_rooms,music_room_min_area_m2,art_rooms,art_room_min_area_m2,certified_teachers,public_funds_yuan,training_funds_yuan';

function setup() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-api-'));
	const sample = path.join(top, 'data/sample');
	const files = fs.readdirSync(sample).filter((f) => f.endsWith('.csv')).sort();
	for (const f of files) fs.copyFileSync(path.join(sample, f), path.join(tmp, f));
	/* 北岭市 369800 › 北岭县 369801: its two schools are copies of two
	 * 云岭县 rows (2136990401, 2136990408) under new codes. */
	fs.writeFileSync(path.join(tmp, 'extra-areas.csv'),
		'province_code,province_name,city_code,city_name,county_code,county_name\n' +
		'360000,示例省,369800,北岭市,369801,北岭县\n');
	const s24 = fs.readFileSync(path.join(sample, 'schools-2024.csv'), 'utf8').split('\n');
	const row = (code) => s24.find((l) => l.startsWith(code + ','));
	fs.writeFileSync(path.join(tmp, 'extra-schools.csv'), SCHOOL_HEADER + '\n' +
		row('2136990401').replace(/^2136990401,云岭县实验小学,369904,/, '2136980101,北岭县实验小学,369801,') + '\n' +
		row('2136990408').replace(/^2136990408,高坪乡中心小学,369904,/, '2136980102,北岭县第一小学,369801,') + '\n');
	const db = 'api.db';
	const dbPath = path.join(tmp, db);
	let r = L.cli(FAST, ['init', db], { cwd: tmp });
	if (r.status !== 0) throw new Error('init: ' + r.stderr);
	r = L.cli(FAST, ['import', db, ...files, 'extra-areas.csv', 'extra-schools.csv', '--who', 'setup', '--why', '测试数据'], { cwd: tmp });
	if (r.status !== 0) throw new Error('import: ' + r.stderr);
	return { tmp, db: dbPath, schools2024: s24, row };
}

async function main() {
	const { check } = L;
	let fx;
	try {
		fx = setup();
	} catch (e) {
		check('setup: database from the sample', false, String(e));
		return finish(null);
	}
	L.forbid(fx.tmp);
	L.forbid(top);
	L.forbid(os.tmpdir() + '/');

	/* `junheng serve` must exist: a suite that cannot start the server
	 * fails (it never counts as passed). */
	const help = L.cli(BIN, ['serve', '--help']);
	if (!check('junheng serve exists', help.status === 0 && /serve/.test(help.text + help.stderr), help.stderr.slice(0, 300)))
		return finish(fx);

	const ctx = { BIN, FAST, top, tmp: fx.tmp, db: fx.db, fx, accounts: {}, s: {}, SCHOOL_HEADER, servers: [] };
	for (const [name, role, area, pw] of ACCOUNTS) {
		const args = ['user', 'add', fx.db, name, '--role', role];
		if (area) args.push('--area', area);
		args.push('--password-stdin');
		const r = L.cli(FAST, args, { input: pw + '\n' });
		if (r.status !== 0) {
			check('setup: user add ' + name, false, r.stderr);
			return finish(fx);
		}
		ctx.accounts[name] = { name, role, area, pw };
	}
	check('setup: ' + ACCOUNTS.length + ' accounts added with the CLI', true);

	const srv = await L.startServer(BIN, fx.db, ['--session-idle', '600']);
	ctx.server = srv;
	ctx.servers.push(srv);
	if (!check('serve: prints "listening on http://127.0.0.1:PORT"', srv.port > 0, srv.stdout + srv.stderr)) {
		await srv.stop('SIGKILL');
		return finish(fx, ctx);
	}
	L.setPort(srv.port);

	/* Sign every account in once (from 127.0.0.1: these succeed, so no
	 * throttle counts them). */
	for (const name of Object.keys(ctx.accounts)) {
		if (['throttled', 'idle', 'hostile_pw'].includes(name)) continue;
		const s = await L.signIn(name, ctx.accounts[name].pw);
		if (!check('sign in ' + name, s.ok && s.cookie && /^[0-9a-f]{64}$/.test(s.csrf || ''), s.res.status + ' ' + s.res.text))
			continue;
		ctx.s[name] = s;
	}

	const sections = process.env.API_SECTIONS ? process.env.API_SECTIONS.split(',') : ['t_endpoints.js', 't_shared.js', 't_matrix.js', 't_auth.js', 't_hostile.js', 't_import.js', 't_concurrent.js', 't_limits.js', 't_static.js', 't_throttle.js']
		/* The web application's parts (issue 11): t_w1.js, t_w2.js, …,
		 * then its second round (t_srvfix.js). */
		.concat(fs.readdirSync(__dirname).filter((f) => /^t_w\d+\.js$/.test(f)).sort(), ['t_srvfix.js'])
		/* The creation cycle's parts (issue 12), when present. */
		.concat(['t_creation.js', 't_ledger.js', 't_cycle.js'].filter((f) => fs.existsSync(path.join(__dirname, f))))
		/* The documents (issue 13). */
		.concat(['t_reports.js']);
	for (const f of sections) {
		console.log('# ' + f);
		try {
			await require('./' + f)(ctx);
		} catch (e) {
			check(f + ': ran to the end', false, e && e.stack ? e.stack : String(e));
		}
		/* Whatever a section did, the main server is still up. */
		const up = await L.api('GET', '/years', { session: ctx.s.admin });
		check(f + ': the server is still up', up.status === 200, up.status + ' ' + (up.error || ''));
	}
	L.auditReport();

	/* What the server says it wrote is in the file after it stops. */
	const revs = await L.api('GET', '/revisions', { session: ctx.s.admin });
	const rl = L.firstArray(revs.json && (revs.json.revisions || revs.json)) || [];
	const apiLast = rl.reduce((m, r) => Math.max(m, r.revision || 0), 0);

	/* SIGTERM: in-flight requests finish, the server exits 0.  The
	 * request in flight is a what-if whose headers and first half of
	 * the body are sent (and the server has answered a request since,
	 * so it has taken the connection) before the signal, the rest after. */
	const a = ctx.s.admin;
	const wbody = JSON.stringify({ changes: [{ action: 'add', school_code: '2136990409', field: 'key_teachers_junior', value: '5' }] });
	const whead = 'POST /api/v1/counties/369904/whatif?year=2024 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: ' + a.cookie +
		'\r\nX-CSRF-Token: ' + a.csrf + '\r\nContent-Type: application/json\r\nContent-Length: ' + Buffer.byteLength(wbody) + '\r\n\r\n';
	const half = Math.floor(wbody.length / 2);
	let exP;
	const inflight = await L.rawTwoParts(srv.port, whead + wbody.slice(0, half), wbody.slice(half), async () => {
		await L.sleep(300);
		await L.api('GET', '/years', { session: a });
		exP = srv.stop('SIGTERM');
		await L.sleep(300);
	});
	const ex = await exP;
	check('SIGTERM: the server exits 0', ex.code === 0, JSON.stringify(ex) + '\n' + srv.stderr.slice(-2000));
	check('SIGTERM: a request in flight (half its body sent) is answered, 200 with before and after',
		inflight.status === 200 && inflight.json && inflight.json.before && inflight.json.after, inflight.status + ' ' + (inflight.error || inflight.text.slice(0, 200)));
	const after = await L.api('GET', '/years', { session: a });
	check('SIGTERM: no new connection is taken afterwards', after.status === 0, String(after.status));
	for (const s of ctx.servers) if (!s.exited) await s.stop('SIGTERM');
	const cliLast = require('./common.js').lastRevision(ctx);
	check('after the server stopped: the file holds every revision it made (' + apiLast + ')', apiLast >= 1 && cliLast === apiLast,
		'API ' + apiLast + ', file ' + cliLast);
	storedSecrets(ctx);
	for (const s of ctx.servers)
		check('server on port ' + s.port + ': no sanitizer report', !/AddressSanitizer|LeakSanitizer|runtime error:/.test(s.stderr),
			s.stderr.slice(0, 3000));
	return finish(fx, ctx);
}

/*
 * After the servers stopped: passwords and session tokens are stored
 * only as hashes and never logged (the database file's bytes, every
 * server's stdout and stderr), and the audit holds the sign-ins, the
 * failures and the changes with the account's name (read with the
 * sqlite3 shell, which scripts/install-deps.sh installs).
 */
function storedSecrets(ctx) {
	const { check } = L;
	for (const a of Object.values(ctx.accounts)) L.noteSecret(a.pw);
	/* A string also tried as a user name is not secret: the audit
	 * records the names of failed sign-ins. */
	const secrets = [...L.secrets].filter((x) => !L.namesTried.has(x));
	const file = fs.readFileSync(ctx.db);
	const inFile = secrets.filter((x) => file.includes(Buffer.from(x, 'utf8')));
	check('no password or session/CSRF token in the database file (' + secrets.length + ' looked for)', secrets.length > 40 && inFile.length === 0,
		inFile.slice(0, 5).join(' '));
	const logs = ctx.servers.map((s) => s.stdout + s.stderr).join('\n');
	const inLog = secrets.filter((x) => logs.includes(x));
	check('no password or token in the servers\' output', inLog.length === 0, inLog.slice(0, 5).join(' '));
	const q = require('node:child_process').spawnSync('sqlite3', ['-separator', '|', ctx.db,
		'SELECT account, event, address, detail FROM audit ORDER BY id'], { encoding: 'utf8' });
	if (!check('sqlite3 reads the audit', q.status === 0, String(q.error || q.stderr))) return;
	const rows = q.stdout.split('\n').filter(Boolean).map((l) => l.split('|'));
	if (process.env.API_SECTIONS) return;    /* a partial run: the events below come from all sections */
	const has = (name, f) => check('audit: ' + name, rows.some(f), rows.slice(-5).map((r) => r.join('|')).join('\n'));
	has('sign_in of county from 127.0.0.1', ([a, e, ad]) => a === 'county' && e === 'sign_in' && ad === '127.0.0.1');
	has('sign_in_failed of county from 127.0.0.2 (a wrong password)', ([a, e, ad]) => a === 'county' && e === 'sign_in_failed' && ad === '127.0.0.2');
	has('sign_in_failed of throttled from 127.0.3.1', ([a, e, ad]) => a === 'throttled' && e === 'sign_in_failed' && ad === '127.0.3.1');
	has('sign_out of leaver', ([a, e]) => a === 'leaver' && e === 'sign_out');
	has('school_edit by county of 2136990402', ([a, e, , d]) => a === 'county' && e === 'school_edit' && /2136990402/.test(d));
	has('import by admin of fix-2024.csv', ([a, e, , d]) => a === 'admin' && e === 'import' && /fix-2024\.csv/.test(d));
	has('account_add by admin', ([a, e]) => a === 'admin' && e === 'account_add');
	has('account_change by admin', ([a, e]) => a === 'admin' && e === 'account_change');
	has('account_add with the CLI (no account: the file\'s administrator)', ([a, e]) => a === '' && e === 'account_add');
}

function finish(fx, ctx) {
	if (ctx) for (const s of ctx.servers || []) if (!s.exited) s.proc.kill('SIGKILL');
	const c = L.counts();
	if (fx && c.failed === 0 && !process.env.API_KEEP) fs.rmSync(fx.tmp, { recursive: true, force: true });
	else if (fx) console.log('# kept ' + fx.tmp);
	if (c.failed) console.log('# failed: ' + c.failures.slice(0, 50).join('; '));
	console.log('api: ' + c.passed + ' passed, ' + c.failed + ' failed');
	process.exitCode = c.failed ? 1 : 0;
}

if (parseInt(process.versions.node, 10) < 18) {
	console.log('FAIL - node ' + process.versions.node + ' is older than 18 (scripts/install-deps.sh installs Debian\'s nodejs)');
	console.log('api: 0 passed, 1 failed');
	process.exit(1);
}
main().catch((e) => {
	L.check('the suite ran to the end', false, e && e.stack ? e.stack : String(e));
	finish(null);
});
