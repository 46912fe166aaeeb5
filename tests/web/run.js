'use strict';
/*
 * run.js — the browser tests of the web application (issue 11):
 * `node tests/web/run.js`.
 *
 * Environment: JUNHENG (the server under test, build/asan/junheng by
 * default: the front-end is embedded in it), JUNHENG_FAST (build/junheng:
 * the CLI that builds the database), CHROMIUM (/usr/bin/chromium),
 * WEB_SECTIONS (a comma-separated subset of the sections, for working on
 * one), WEB_KEEP=1 (keep the temporary directory), WEB_STATIC=DIR (serve
 * the front-end from DIR with --static instead of the embedded one: a
 * `npx vite build --watch` of web/ while working on a page), WEB_SRC=DIR
 * (the web/ whose src/pages say which pages exist, see pageReady).  Prints one line per
 * check and, last, "web: N passed, N failed"; exits 1 when anything
 * failed.  Screenshots of every page at 1366×768 and 375×812 go to
 * tests/out/screenshots/ (emptied first; never committed).
 *
 * The fixture: a temporary database of data/sample (示例省 360000 › 江州市
 * 369900 › 7 counties, 2022–2024; in 2024 江城区 369901 passes, the six
 * others fail, 云岭县 369904 on ten items) built with the CLI as
 * tests/api does, and the demo's accounts (README, `make demo`) with
 * passwords of their own:
 *   admin      admin
 *   jiangzhou  city office of 369900 江州市
 *   yunling    county office of 369904 云岭县
 *   duxue      inspector of 369904
 *   gaoping    school 2136990409 高坪乡中学
 * then `junheng serve DB --listen 127.0.0.1:0` (tests/api/lib.js's
 * startServer and check, so that the two suites count alike), one
 * headless Chromium, and the sections (t_*.js) in order; sections that
 * change data (import, edit) come after those that read it.
 *
 * Missing playwright-core (web/node_modules) or Chromium is a failure,
 * never a skip: CI installs both (scripts/install-deps.sh, make → npm ci).
 */
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const L = require('../api/lib.js');
const B = require('./browser.js');

const top = B.top;
const BIN = process.env.JUNHENG || path.join(top, 'build/asan/junheng');
const FAST = process.env.JUNHENG_FAST || path.join(top, 'build/junheng');

const ACCOUNTS = {
	admin: { role: 'admin', area: '', pw: 'web-admin-pass-01' },
	jiangzhou: { role: 'city', area: '369900', pw: 'web-city-pass-01' },
	yunling: { role: 'county', area: '369904', pw: 'web-county-pass-01' },
	duxue: { role: 'inspector', area: '369904', pw: 'web-insp-pass-01' },
	gaoping: { role: 'school', area: '2136990409', pw: 'web-school-pass-01' },
};

const SECTIONS = ['t_signin.js', 't_county.js', 't_denied.js', 't_keyboard.js', 't_whatif.js', 't_import.js', 't_edit.js',
	't_english.js', 't_pages.js', 't_cycle.js', 't_reports.js'];

function setup() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-web-'));
	const sample = path.join(top, 'data/sample');
	const files = fs.readdirSync(sample).filter((f) => f.endsWith('.csv')).sort();
	for (const f of files) fs.copyFileSync(path.join(sample, f), path.join(tmp, f));
	const db = path.join(tmp, 'web.db');
	let r = L.cli(FAST, ['init', 'web.db'], { cwd: tmp });
	if (r.status !== 0) throw new Error('init: ' + r.stderr);
	r = L.cli(FAST, ['import', 'web.db', ...files, '--who', '演示', '--why', '示例数据'], { cwd: tmp });
	if (r.status !== 0) throw new Error('import: ' + r.stderr);
	for (const [name, a] of Object.entries(ACCOUNTS)) {
		const args = ['user', 'add', db, name, '--role', a.role];
		if (a.area) args.push('--area', a.area);
		args.push('--password-stdin');
		r = L.cli(FAST, args, { input: a.pw + '\n' });
		if (r.status !== 0) throw new Error('user add ' + name + ': ' + r.stderr);
	}
	return { tmp, db };
}

/*
 * Data values the pages may show in any language: names of areas and
 * schools, who and why of revisions, file names, account names, the
 * county-year records' evidence text (an item's detail) — all that
 * the API returns as data rather than as a label.  The English check
 * (t_english.js) takes these out of the visible text before looking for
 * Chinese.  Read from the API as admin after the sections that wrote.
 */
async function dataValues(ctx) {
	const s = ctx.api.admin;
	const v = new Set(Object.keys(ACCOUNTS));
	const add = (x) => { if (typeof x === 'string' && x.trim()) v.add(x.trim()); };
	const areas = await L.api('GET', '/areas', { session: s });
	for (const a of (areas.json && areas.json.areas) || []) add(a.name);
	for (const y of [2022, 2023, 2024]) {
		const o = await L.api('GET', '/overview?year=' + y, { session: s });
		for (const c of (o.json && o.json.counties) || []) { add(c.name); add(c.full_name); add(c.city_name); }
	}
	for (const c of ctx.counties) {
		for (const y of [2022, 2023, 2024]) {
			const r = await L.api('GET', '/counties/' + c + '/schools?year=' + y, { session: s });
			for (const x of (Array.isArray(r.json) ? r.json : [])) add(x.name);
		}
		/* The county-year records' own text (evidence as imported; what the
		 * library writes itself is English with lang=en, and not taken). */
		for (const y of [2022, 2023, 2024]) {
			const r = await L.api('GET', '/counties/' + c + '/verdict?year=' + y + '&lang=en', { session: s });
			for (const i of (r.json && r.json.items) || []) add(i.detail);
		}
		const h = await L.api('GET', '/counties/' + c + '/history', { session: s });
		for (const x of (Array.isArray(h.json) ? h.json : [])) {
			add(x.who); add(x.why);
			if (x.field === 'school_name') { add(x.old); add(x.new); }
		}
	}
	const revs = await L.api('GET', '/revisions', { session: s });
	for (const r of (Array.isArray(revs.json) ? revs.json : [])) {
		add(r.who); add(r.why);
		for (const part of String(r.sources || '').split(/;\s*/)) add(part.split(' ')[0]);
	}
	return v;
}

/*
 * Whether web/src/pages/NAME.vue is its owner's page rather than the
 * shell's placeholder (whose first line says so): while the pages of
 * issue 11 are being written, a section tests only those that exist, so
 * that the suite passes at every step; once every page is there, every
 * check runs.
 */
function pageReady(name) {
	try {
		const head = fs.readFileSync(path.join(process.env.WEB_SRC || path.join(top, 'web'), 'src/pages', name + '.vue'), 'utf8').slice(0, 300);
		return !/placeholder of the shell/i.test(head);
	} catch (e) {
		return false;
	}
}

async function main() {
	const { check } = L;
	const pwl = B.loadPlaywright();
	check('playwright-core from web/node_modules' + (pwl.version ? ' (' + pwl.version + ')' : ''), !!pwl.pw, pwl.error);
	const exe = B.chromiumPath();
	check('Chromium at ' + (process.env.CHROMIUM || '/usr/bin/chromium'), !!exe.path, exe.error);
	if (!pwl.pw || !exe.path) return finish();

	let fx;
	try {
		fx = setup();
	} catch (e) {
		check('setup: database of the sample and the demo accounts', false, String(e));
		return finish();
	}
	const srv = await L.startServer(BIN, fx.db, ['--session-idle', '3600',
		...(process.env.WEB_STATIC ? ['--static', process.env.WEB_STATIC] : [])]);
	const ctx = { top, BIN, FAST, tmp: fx.tmp, db: fx.db, accounts: ACCOUNTS, server: srv, api: {},
		counties: ['369901', '369902', '369903', '369904', '369905', '369906', '369907'] };
	if (!check('serve: listening on a port of its own choosing', srv.port > 0, srv.stdout + srv.stderr)) {
		await srv.stop('SIGKILL');
		return finish(fx, ctx);
	}
	L.setPort(srv.port);
	ctx.base = 'http://127.0.0.1:' + srv.port;

	/* The front-end is embedded: "/" is the application's index.html
	 * (its one mount point and a module script under /assets/), and a
	 * path of the router's history mode gets the same page. */
	const index = await L.raw({ method: 'GET', path: '/' });
	const isApp = (r) => r.status === 200 && /<div id="app">/.test(r.text) && /<script type="module"[^>]* src="\/assets\//.test(r.text);
	check('GET / is the built application (index.html with /assets/ scripts)', isApp(index), index.status + ' ' + index.text.slice(0, 300));
	const deep = await L.raw({ method: 'GET', path: '/counties/369904?year=2024' });
	check('GET /counties/369904?year=2024 (a page of the router) is index.html too', isApp(deep), deep.status + ' ' + deep.text.slice(0, 200));

	for (const [name, a] of Object.entries(ACCOUNTS)) {
		const s = await L.signIn(name, a.pw);
		if (check('API sign-in of ' + name, s.ok, s.res.status)) ctx.api[name] = s;
	}

	let browser;
	try {
		browser = await B.launch(pwl.pw, exe.path);
		check('headless Chromium starts (' + browser.version() + ')', true);
	} catch (e) {
		check('headless Chromium starts', false, String(e && e.message || e).slice(0, 1500));
		await srv.stop();
		return finish(fx, ctx);
	}
	ctx.browser = browser;
	ctx.dataValues = () => dataValues(ctx);
	ctx.ready = (...pages) => {
		const not = pages.filter((p) => !pageReady(p));
		if (not.length) console.log('# not tested yet: ' + not.join(', ') + ' (the shell\'s placeholder)');
		return !not.length;
	};

	/* Screenshots of this run only. */
	fs.rmSync(B.SHOTS, { recursive: true, force: true });
	fs.mkdirSync(B.SHOTS, { recursive: true });

	const sections = process.env.WEB_SECTIONS ? process.env.WEB_SECTIONS.split(',') : SECTIONS;
	for (const f of sections) {
		console.log('# ' + f);
		const t0 = Date.now();
		try {
			await require('./' + f)(ctx);
		} catch (e) {
			check(f + ': ran to the end', false, e && e.stack ? e.stack : String(e));
		}
		console.log('# ' + f + ': ' + ((Date.now() - t0) / 1000).toFixed(1) + ' s');
	}
	await browser.close().catch(() => {});

	const ex = await srv.stop('SIGTERM');
	check('the server exits 0 on SIGTERM', ex.code === 0, JSON.stringify(ex) + '\n' + srv.stderr.slice(-2000));
	check('the server: no sanitizer report', !/AddressSanitizer|LeakSanitizer|runtime error:/.test(srv.stderr), srv.stderr.slice(0, 3000));
	const shots = fs.readdirSync(B.SHOTS).filter((f) => f.endsWith('.png'));
	console.log('# ' + shots.length + ' screenshots in ' + path.relative(top, B.SHOTS));
	return finish(fx, ctx);
}

function finish(fx, ctx) {
	if (ctx && ctx.server && !ctx.server.exited) ctx.server.proc.kill('SIGKILL');
	const c = L.counts();
	if (fx && c.failed === 0 && !process.env.WEB_KEEP) fs.rmSync(fx.tmp, { recursive: true, force: true });
	else if (fx) console.log('# kept ' + fx.tmp);
	if (c.failed) console.log('# failed: ' + c.failures.slice(0, 50).join('; '));
	console.log('web: ' + c.passed + ' passed, ' + c.failed + ' failed');
	process.exitCode = c.failed ? 1 : 0;
}

main().catch((e) => {
	L.check('the suite ran to the end', false, e && e.stack ? e.stack : String(e));
	finish();
});
