'use strict';
/*
 * lib.js — the API suite's own small harness (plain Node.js >= 18, no
 * npm packages).
 *
 * Checks: `check(name, cond, detail)` counts one pass or one failure and
 * prints "ok - name" or "FAIL - name" (+ detail); the runner prints
 * "api: N passed, N failed" last.
 *
 * HTTP: every request is written by hand over node:net, so that the
 * request line carries exactly the bytes given (no URL normalisation, no
 * percent-decoding, NUL and invalid UTF-8 allowed), with "Connection:
 * close"; the response is read to the end of the connection and parsed
 * (Content-Length or chunked).  Each response goes through `audit`, which
 * checks what must hold for every response whatever the test: the
 * security headers, JSON's content type, an error body of the agreed
 * shape, and no SQLite text, file system path or stack trace in it.
 *
 * The server: `startServer(db, args)` spawns `junheng serve` with
 * --listen 127.0.0.1:0 and reads the port from its "listening on
 * http://127.0.0.1:PORT" line; `stop()` sends SIGTERM and resolves to the
 * exit status; stderr is kept to look for sanitizer reports.
 */
const net = require('node:net');
const { spawn, spawnSync } = require('node:child_process');

let passed = 0;
let failed = 0;
const failures = [];

function check(name, cond, detail) {
	if (cond) {
		passed++;
		console.log('ok - ' + name);
	} else {
		failed++;
		failures.push(name);
		console.log('FAIL - ' + name);
		if (detail !== undefined) {
			let s = typeof detail === 'string' ? detail : JSON.stringify(detail);
			if (s && s.length > 1500) s = s.slice(0, 1500) + '…';
			if (s) console.log('  ' + s.split('\n').join('\n  '));
		}
	}
	return !!cond;
}
function counts() { return { passed, failed, failures }; }

/* Strings that must never reach a response body.  `forbidden` gets the
 * test's own paths (temp dir, source tree) added by the runner. */
const forbidden = ['SQLITE', 'sqlite3', 'sqlite_', 'AddressSanitizer', 'runtime error:',
	'Traceback', '#0 0x', 'Segmentation'];
function forbid(s) { if (s && !forbidden.includes(s)) forbidden.push(s); }

/* Audit violations are collected with the request that caused them and
 * reported once per kind by the runner (`auditReport`), so that one bad
 * header does not drown the output in hundreds of failures. */
const auditLog = new Map();   /* kind -> { count, example } */
let auditCount = 0;
function auditNote(kind, example) {
	const e = auditLog.get(kind);
	if (e) e.count++;
	else auditLog.set(kind, { count: 1, example });
}
const auditExempt = new Set(); /* kinds exempted for one response: see raw() */

function audit(req, res) {
	auditCount++;
	const where = req.method + ' ' + printable(req.path) + ' → ' + res.status;
	const h = res.headers;
	const exempt = req.auditExempt || [];
	if (!exempt.includes('headers')) {
		const csp = h['content-security-policy'] || '';
		if (!csp) auditNote('Content-Security-Policy missing', where);
		else {
			if (!/frame-ancestors\s+'none'/.test(csp)) auditNote("CSP without frame-ancestors 'none'", where + ': ' + csp);
			if (/unsafe-inline|unsafe-eval/.test(csp.match(/script-src[^;]*/)?.[0] || csp.match(/default-src[^;]*/)?.[0] || ''))
				auditNote('CSP allows inline script', where + ': ' + csp);
			if (!/script-src|default-src/.test(csp)) auditNote('CSP names no script-src or default-src', where + ': ' + csp);
		}
		if ((h['x-content-type-options'] || '').toLowerCase() !== 'nosniff') auditNote('X-Content-Type-Options: nosniff missing', where);
		if (!h['referrer-policy']) auditNote('Referrer-Policy missing', where);
	}
	const body = res.body.toString('latin1');
	const text = res.body.toString('utf8');
	for (const f of forbidden)
		if (text.includes(f) || body.includes(f)) auditNote('response body contains "' + f + '"', where + ': ' + text.slice(0, 300));
	if (/\bat [\w.<>]+ \(|\.c:\d+:\d+|\/src\/|\/lib\/\w+\/\w+\.c/.test(text))
		auditNote('response body looks like a stack trace or source path', where + ': ' + text.slice(0, 300));
	const isApi = req.path.startsWith('/api/');
	if (isApi && res.body.length > 0 && !exempt.includes('json')) {
		if (h['content-type'] !== 'application/json; charset=utf-8')
			auditNote('API response without Content-Type: application/json; charset=utf-8', where + ': ' + h['content-type']);
		if (res.json === undefined) auditNote('API response body is not JSON', where + ': ' + text.slice(0, 200));
	}
	if (isApi && res.status >= 400 && !exempt.includes('json')) {
		const e = res.json && res.json.error;
		if (!e || typeof e.code !== 'string' || typeof e.message_zh !== 'string' ||
		    typeof e.message_en !== 'string' || !e.message_zh || !e.message_en)
			auditNote('error body not {"error":{"code","message_zh","message_en"}}', where + ': ' + text.slice(0, 200));
		else {
			if (/[\u3400-\u9fff]/.test(e.message_en)) auditNote('message_en contains Chinese', where + ': ' + e.message_en);
		}
	}
	/* 505 is libmicrohttpd's own answer to an HTTP version it does not
	 * speak (the malformed-request checks): right, and not the server's. */
	if (res.status >= 500 && !(res.status === 505 && exempt.includes('headers')))
		auditNote('5xx response', where + ': ' + text.slice(0, 200));
}
function auditReport() {
	check('audit: every response checked (' + auditCount + ' responses)', auditCount > 0);
	const kinds = ['Content-Security-Policy missing', "CSP without frame-ancestors 'none'", 'CSP allows inline script',
		'CSP names no script-src or default-src', 'X-Content-Type-Options: nosniff missing', 'Referrer-Policy missing',
		'API response without Content-Type: application/json; charset=utf-8', 'API response body is not JSON',
		'error body not {"error":{"code","message_zh","message_en"}}', 'message_en contains Chinese', '5xx response',
		'response body looks like a stack trace or source path'];
	for (const f of forbidden) kinds.push('response body contains "' + f + '"');
	for (const k of kinds) {
		const e = auditLog.get(k);
		check('audit: no response with ' + k, !e, e && (e.count + ' responses, e.g. ' + e.example));
	}
	for (const [k, e] of auditLog)
		if (!kinds.includes(k)) check('audit: ' + k, false, e.count + ' responses, e.g. ' + e.example);
}

function printable(s) {
	if (Buffer.isBuffer(s)) s = s.toString('latin1');
	s = String(s);
	if (s.length > 120) s = s.slice(0, 100) + '…(' + s.length + ' chars)';
	return s.replace(/[\x00-\x1f\x7f-\xff]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

/* Parses an HTTP/1.1 response from the whole bytes read. */
function parseResponse(buf) {
	const end = buf.indexOf('\r\n\r\n');
	if (end < 0) return null;
	const head = buf.slice(0, end).toString('latin1').split('\r\n');
	const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0]);
	if (!m) return null;
	const headers = {};
	const raw = [];
	for (const line of head.slice(1)) {
		const i = line.indexOf(':');
		if (i < 0) continue;
		const k = line.slice(0, i).trim().toLowerCase();
		const v = line.slice(i + 1).trim();
		raw.push([k, v]);
		headers[k] = k in headers ? headers[k] + ', ' + v : v;
	}
	let body = buf.slice(end + 4);
	if ((headers['transfer-encoding'] || '').toLowerCase().includes('chunked')) {
		const parts = [];
		let p = 0;
		for (;;) {
			const le = body.indexOf('\r\n', p);
			if (le < 0) break;
			const n = parseInt(body.slice(p, le).toString('latin1'), 16);
			if (!(n > 0)) break;
			parts.push(body.slice(le + 2, le + 2 + n));
			p = le + 2 + n + 2;
		}
		body = Buffer.concat(parts);
	} else if (headers['content-length'] !== undefined) {
		body = body.slice(0, parseInt(headers['content-length'], 10));
	}
	const res = { status: parseInt(m[1], 10), headers, rawHeaders: raw, body, text: body.toString('utf8') };
	try { res.json = body.length ? JSON.parse(res.text) : undefined; } catch (e) { res.json = undefined; }
	return res;
}

let defaultPort = 0;
function setPort(p) { defaultPort = p; }

/*
 * raw(opts) → Promise of the response ({status, headers, body, text, json})
 * or {status: 0, error} when the connection failed or closed without one.
 *   method, path (string: sent as latin1 bytes, so '\xff' is the byte 0xff;
 *   or a Buffer), headers (object or array of [k, v]), body (string,
 *   Buffer or object → JSON), cookie, csrf, port, localAddress,
 *   contentLength (a false Content-Length), rawRequest (Buffer: sent as
 *   is), auditExempt (['headers'] | ['json']), timeout (ms, default 60 s).
 */
function raw(opts) {
	const port = opts.port || defaultPort;
	let body = opts.body;
	const hdrs = [];
	if (body !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string') {
		body = JSON.stringify(body);
		hdrs.push(['Content-Type', 'application/json']);
	}
	if (typeof body === 'string') body = Buffer.from(body, 'utf8');
	let reqBuf;
	const method = opts.method || 'GET';
	const path = opts.path;
	if (opts.rawRequest) {
		reqBuf = opts.rawRequest;
	} else {
		const extra = Array.isArray(opts.headers) ? opts.headers : Object.entries(opts.headers || {});
		const names = new Set(extra.map(([k]) => k.toLowerCase()));
		const all = [['Host', '127.0.0.1:' + port], ['Connection', 'close']];
		for (const h of hdrs) if (!names.has(h[0].toLowerCase())) all.push(h);
		if (opts.cookie) all.push(['Cookie', opts.cookie]);
		if (opts.csrf) all.push(['X-CSRF-Token', opts.csrf]);
		all.push(...extra);
		if (opts.contentLength !== undefined) all.push(['Content-Length', String(opts.contentLength)]);
		else if (body !== undefined) all.push(['Content-Length', String(body.length)]);
		else if (method !== 'GET' && method !== 'HEAD') all.push(['Content-Length', '0']);
		const pathBuf = Buffer.isBuffer(path) ? path : Buffer.from(path, 'latin1');
		const head = Buffer.concat([Buffer.from(method + ' ', 'latin1'), pathBuf,
			Buffer.from(' HTTP/1.1\r\n' + all.map(([k, v]) => k + ': ' + v + '\r\n').join('') + '\r\n', 'latin1')]);
		reqBuf = body ? Buffer.concat([head, body]) : head;
	}
	return new Promise((resolve) => {
		const chunks = [];
		let done = false;
		const sock = net.connect({ host: '127.0.0.1', port, localAddress: opts.localAddress });
		const finish = (err) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			const res = parseResponse(Buffer.concat(chunks));
			if (!res) {
				resolve({ status: 0, headers: {}, body: Buffer.alloc(0), text: '', error: err ? String(err) : 'no response' });
				return;
			}
			audit({ method, path: Buffer.isBuffer(path) ? path.toString('latin1') : String(path || ''), auditExempt: opts.auditExempt }, res);
			resolve(res);
		};
		const timer = setTimeout(() => { sock.destroy(); finish('timeout'); }, opts.timeout || 60000);
		sock.on('connect', () => {
			/* A large body is written in pieces; the server may answer
			 * (413) and close before taking it all: that is not an error. */
			sock.write(reqBuf, () => {});
		});
		sock.on('data', (d) => chunks.push(d));
		sock.on('end', () => finish());
		sock.on('close', () => finish());
		sock.on('error', (e) => { if (e.code === 'EPIPE' || e.code === 'ECONNRESET') finish(); else finish(e); });
	});
}

/* A request sent in two parts on one connection: first, then (after
 * `between` resolved) second; resolves to the response like raw(). */
function rawTwoParts(port, first, second, between) {
	return new Promise((resolve) => {
		const chunks = [];
		let done = false;
		const sock = net.connect({ host: '127.0.0.1', port });
		const finish = (err) => {
			if (done) return;
			done = true;
			const res = parseResponse(Buffer.concat(chunks));
			if (!res) resolve({ status: 0, headers: {}, body: Buffer.alloc(0), text: '', error: err ? String(err) : 'no response' });
			else { audit({ method: 'POST', path: 'two parts' }, res); resolve(res); }
		};
		sock.on('connect', async () => {
			sock.write(first);
			await between();
			sock.write(second, () => {});
		});
		sock.on('data', (d) => chunks.push(d));
		sock.on('end', () => finish());
		sock.on('close', () => finish());
		sock.on('error', (e) => finish(e));
		setTimeout(() => { sock.destroy(); finish('timeout'); }, 60000);
	});
}

/* api(method, path, {session, body, ...}) — `session` is what signIn
 * returned ({cookie, csrf}); the CSRF token goes with every call that is
 * not GET unless noCsrf or csrf: '...' says otherwise. */
/* Every password sent and every session and CSRF token received: none
 * may ever be found in the database file or the server's output (the
 * runner looks at the end).  Only distinctive ones (10+ bytes, not one
 * repeated letter) are kept, so that a hostile "x" cannot match. */
const secrets = new Set();
const namesTried = new Set();
function noteSecret(v) {
	if (typeof v === 'string' && v.length >= 10 && v.length <= 256 && new Set(v).size > 3) secrets.add(v);
}

function api(method, path, o = {}) {
	const s = o.session;
	if (o.body && typeof o.body === 'object' && !Buffer.isBuffer(o.body)) {
		noteSecret(o.body.password);
		if (typeof o.body.username === 'string') namesTried.add(o.body.username);
	}
	const opts = Object.assign({}, o, { method, path: path.startsWith('/api/') ? path : '/api/v1' + path });
	if (s) {
		opts.cookie = o.cookie !== undefined ? o.cookie : s.cookie;
		if (method !== 'GET' && o.csrf === undefined && !o.noCsrf) opts.csrf = s.csrf;
	}
	return raw(opts);
}

async function signIn(name, password, o = {}) {
	const res = await api('POST', '/session', Object.assign({ body: { username: name, password } }, o));
	if (res.status !== 200) return { res, ok: false };
	const sc = res.rawHeaders.filter(([k]) => k === 'set-cookie').map(([, v]) => v);
	const c = sc.find((v) => v.startsWith('jh_session='));
	const cookie = c ? c.split(';')[0] : '';
	noteSecret(cookie.slice('jh_session='.length));
	noteSecret(res.json && res.json.csrf);
	return { res, ok: true, cookie, setCookie: c || '', csrf: res.json && res.json.csrf, user: res.json && res.json.user };
}

/* Every object with a string "code" anywhere inside v (tree or list). */
function objectsWithCode(v, out = []) {
	if (Array.isArray(v)) for (const x of v) objectsWithCode(x, out);
	else if (v && typeof v === 'object') {
		if (typeof v.code === 'string') out.push(v);
		for (const k of Object.keys(v)) if (v[k] && typeof v[k] === 'object') objectsWithCode(v[k], out);
	}
	return out;
}
/* The first array found in v (v itself, or the value of its first array field). */
function firstArray(v) {
	if (Array.isArray(v)) return v;
	if (v && typeof v === 'object') for (const k of Object.keys(v)) if (Array.isArray(v[k])) return v[k];
	return undefined;
}

/* The CLI, run synchronously; returns {status, stdout (Buffer), stderr}. */
function cli(bin, args, o = {}) {
	const r = spawnSync(bin, args, { input: o.input, cwd: o.cwd, env: Object.assign({}, process.env, o.env || {}), maxBuffer: 256 << 20 });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr ? r.stderr.toString() : '', text: r.stdout ? r.stdout.toString() : '' };
}

function startServer(bin, db, args = [], env = {}) {
	return new Promise((resolve) => {
		const p = spawn(bin, ['serve', db, '--listen', '127.0.0.1:0', ...args], {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: Object.assign({}, process.env, env),
		});
		const srv = { proc: p, port: 0, stdout: '', stderr: '', exited: null };
		const exitP = new Promise((r) => p.on('exit', (code, sig) => { srv.exited = { code, sig }; r(srv.exited); }));
		srv.stop = async (signal = 'SIGTERM', waitMs = 30000) => {
			if (srv.exited) return srv.exited;
			p.kill(signal);
			const t = new Promise((r) => setTimeout(() => r(null), waitMs));
			const got = await Promise.race([exitP, t]);
			if (!got) { p.kill('SIGKILL'); await exitP; return { code: null, sig: 'timeout' }; }
			return got;
		};
		srv.wait = () => exitP;
		let settled = false;
		const timer = setTimeout(() => { if (!settled) { settled = true; resolve(srv); } }, 30000);
		p.stdout.on('data', (d) => {
			srv.stdout += d.toString();
			const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(srv.stdout);
			if (m && !settled) {
				settled = true;
				clearTimeout(timer);
				srv.port = parseInt(m[1], 10);
				resolve(srv);
			}
		});
		p.stderr.on('data', (d) => { srv.stderr += d.toString(); });
		exitP.then(() => { if (!settled) { settled = true; clearTimeout(timer); resolve(srv); } });
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = {
	check, counts, raw, rawTwoParts, api, signIn, setPort, startServer, cli, sleep, forbid,
	objectsWithCode, firstArray, auditReport, printable, secrets, namesTried, noteSecret,
};
