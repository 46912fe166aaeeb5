'use strict';
/*
 * t_w1.js — what the web application's shell needs from the server
 * (issue 11, part W1):
 *   - GET /me gives back the session's CSRF token (a page reloaded in the
 *     browser has lost the one of its sign-in): the same token as the
 *     sign-in's, HMAC-SHA-256 keyed with the session token of
 *     "junheng csrf v1" (computed here with node:crypto), different for
 *     two sessions, and accepted for a call that needs it;
 *   - the embedded web application: index.html without inline script,
 *     its hashed assets with a year's cache, gzip when asked for (the
 *     same bytes once unzipped), index.html for the paths of the pages
 *     (history mode), 404 for a missing file with an extension, for
 *     anything missing under /assets/ and for traversal;
 *   - --static DIR: the same history-mode rule from DIR.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const crypto = require('node:crypto');
const L = require('./lib.js');
const { check, api } = L;

module.exports = async function (ctx) {
	/* ---- GET /me and the CSRF token ---- */
	const pw = ctx.accounts.county.pw;
	const a = await L.signIn('county', pw);
	const b = await L.signIn('county', pw);
	if (check('w1: two sign-ins of one account', a.ok && b.ok, a.res.status + ' ' + b.res.status)) {
		const ma = await api('GET', '/me', { session: a });
		const mb = await api('GET', '/me', { session: b });
		check('w1: GET /me → 200 with the user', ma.status === 200 && ma.json && ma.json.user && ma.json.user.name === 'county', ma.text.slice(0, 200));
		check('w1: GET /me gives the sign-in\'s CSRF token', ma.json && ma.json.csrf === a.csrf, (ma.json && ma.json.csrf) + ' vs ' + a.csrf);
		check('w1: the other session: its own token', mb.json && mb.json.csrf === b.csrf && b.csrf !== a.csrf, (mb.json && mb.json.csrf) + ' vs ' + b.csrf);
		/* The token: HMAC-SHA-256, key = the session token (64 hex
		 * digits as bytes), message "junheng csrf v1". */
		const token = a.cookie.slice('jh_session='.length);
		const mac = crypto.createHmac('sha256', token).update('junheng csrf v1').digest('hex');
		check('w1: CSRF token = HMAC-SHA-256(session token, "junheng csrf v1")', mac === a.csrf, mac + ' vs ' + a.csrf);
		const again = await api('GET', '/me', { session: a });
		check('w1: GET /me again: the same token', again.json && again.json.csrf === a.csrf);
		check('w1: GET /me: Cache-Control no-store', again.headers['cache-control'] === 'no-store', again.headers['cache-control']);
		/* The token from /me works where one is needed; another
		 * session's does not. */
		const wrong = await api('DELETE', '/session', { session: a, csrf: mb.json.csrf });
		check('w1: another session\'s token → 403 csrf', wrong.status === 403 && wrong.json && wrong.json.error.code === 'csrf', wrong.status + ' ' + wrong.text);
		const out = await api('DELETE', '/session', { session: a, csrf: ma.json.csrf });
		check('w1: the token from GET /me signs out', out.status === 200, out.status + ' ' + out.text);
		const gone = await api('GET', '/me', { session: a });
		check('w1: GET /me after sign-out → 401, no token', gone.status === 401 && !/"csrf"/.test(gone.text), gone.status + ' ' + gone.text);
		await api('DELETE', '/session', { session: b });
	}
	const anon = await api('GET', '/me', {});
	check('w1: GET /me without a session → 401 without a token', anon.status === 401 && !/"csrf"/.test(anon.text), anon.status);

	/* ---- the embedded web application ---- */
	const root = await L.raw({ path: '/' });
	const html = root.text;
	if (!check('w1: GET / is the web application (built by make from web/)', root.status === 200 &&
		/<div id="app"><\/div>/.test(html), root.status + ' ' + html.slice(0, 200)))
		return;
	check('w1: index.html: text/html, no-cache', /^text\/html/.test(root.headers['content-type']) &&
		root.headers['cache-control'] === 'no-cache', root.headers['content-type'] + ' ' + root.headers['cache-control']);
	check('w1: index.html: no inline script', !/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), html);
	check('w1: index.html: nothing from another site', !/(src|href)="(https?:)?\/\//i.test(html), html);
	const js = (/<script[^>]*src="(\/assets\/[^"]+\.js)"/.exec(html) || [])[1];
	const css = (/<link[^>]*href="(\/assets\/[^"]+\.css)"/.exec(html) || [])[1];
	if (check('w1: index.html names its script under /assets/', !!js, html)) {
		const plain = await L.raw({ path: js });
		check('w1: the script: 200 text/javascript', plain.status === 200 && /^text\/javascript/.test(plain.headers['content-type']),
			plain.status + ' ' + plain.headers['content-type']);
		check('w1: the script: cached a year, immutable', plain.headers['cache-control'] === 'public, max-age=31536000, immutable',
			plain.headers['cache-control']);
		check('w1: the script: Vary: Accept-Encoding', plain.headers.vary === 'Accept-Encoding', plain.headers.vary);
		check('w1: the script without Accept-Encoding: not compressed', !plain.headers['content-encoding'] &&
			Number(plain.headers['content-length']) === plain.body.length, plain.headers['content-encoding']);
		const gz = await L.raw({ path: js, headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
		check('w1: the script with Accept-Encoding: gzip → Content-Encoding: gzip', gz.headers['content-encoding'] === 'gzip',
			gz.headers['content-encoding']);
		let same = false;
		try { same = Buffer.compare(zlib.gunzipSync(gz.body), plain.body) === 0; } catch (e) { same = false; }
		check('w1: gunzip of it = the plain script', same);
		check('w1: the gzip copy is smaller', gz.body.length < plain.body.length, gz.body.length + ' vs ' + plain.body.length);
		const q0 = await L.raw({ path: js, headers: { 'Accept-Encoding': 'gzip;q=0, identity' } });
		check('w1: Accept-Encoding gzip;q=0 → not compressed', !q0.headers['content-encoding'] && Buffer.compare(q0.body, plain.body) === 0);
		const star = await L.raw({ path: js, headers: { 'Accept-Encoding': '*' } });
		check('w1: Accept-Encoding * → gzip', star.headers['content-encoding'] === 'gzip', star.headers['content-encoding']);
		const head = await L.raw({ method: 'HEAD', path: js });
		check('w1: HEAD of the script: 200, no body', head.status === 200 && head.body.length === 0, head.status + ' ' + head.body.length);
	}
	if (css) {
		const c = await L.raw({ path: css });
		check('w1: the style sheet: text/css', c.status === 200 && /^text\/css/.test(c.headers['content-type']), c.status + ' ' + c.headers['content-type']);
	}
	/* Paths of the pages: index.html itself (history mode). */
	for (const p of ['/login', '/overview', '/counties/369904', '/schools/2136990410', '/schools/2136990410/edit',
		'/import', '/revisions', '/accounts', '/whatif', '/counties/369904/whatif', '/denied', '/no-such-page']) {
		const r = await L.raw({ path: p + '?year=2024' });
		check('w1: ' + p + ' → index.html', r.status === 200 && Buffer.compare(r.body, root.body) === 0 &&
			r.headers['cache-control'] === 'no-cache', r.status + ' ' + r.headers['cache-control']);
	}
	/* Missing files and traversal: 404, never index.html. */
	for (const p of ['/assets/nothing.js', '/assets/nothing', '/assets/', '/assets', '/no-such-file.js', '/favicon.ico.bak',
		'/overview/', '/..%2findex.html', '/%2e%2e/index.html', '/a/../index.html', '/a/./overview', '/.env', '/%252e%252e%252fetc',
		'/over%20view', '/overview%00', '/assets/..%2findex.html']) {
		const r = await L.raw({ path: p });
		check('w1: ' + L.printable(p) + ' → 404', r.status === 404 || (/%00/.test(p) && r.status === 400), r.status);
	}
	const post = await L.raw({ method: 'POST', path: '/overview', body: 'x' });
	check('w1: POST to a page → 405', post.status === 405, post.status);

	/* ---- --static DIR ---- */
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-w1-static-'));
	fs.mkdirSync(path.join(dir, 'assets'));
	fs.writeFileSync(path.join(dir, 'index.html'), '<!DOCTYPE html><title>dir index</title><div id="app"></div>');
	fs.writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'console.log(1);\n');
	const srv = await L.startServer(ctx.BIN, ctx.db, ['--static', dir]);
	ctx.servers.push(srv);
	if (check('w1: a server with --static DIR', srv.port > 0, srv.stdout + srv.stderr)) {
		const port = srv.port;
		const idx = await L.raw({ port, path: '/' });
		check('w1 --static: / → DIR/index.html', idx.status === 200 && /dir index/.test(idx.text), idx.status);
		const page = await L.raw({ port, path: '/counties/369904?year=2024' });
		check('w1 --static: a page path → DIR/index.html', page.status === 200 && /dir index/.test(page.text), page.status);
		const f = await L.raw({ port, path: '/assets/app-1.js', headers: { 'Accept-Encoding': 'gzip' } });
		check('w1 --static: a file, as it is', f.status === 200 && f.text === 'console.log(1);\n' && !f.headers['content-encoding'] &&
			/^text\/javascript/.test(f.headers['content-type']), f.status + ' ' + f.headers['content-type']);
		for (const p of ['/assets/app-2.js', '/assets/nothing', '/nothing.js', '/..%2findex.html', '/%2e%2e/etc/passwd'])
			check('w1 --static: ' + p + ' → 404', (await L.raw({ port, path: p })).status === 404);
	}
	fs.rmSync(dir, { recursive: true, force: true });
};
