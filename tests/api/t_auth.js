'use strict';
/*
 * t_auth.js — sessions and CSRF on every endpoint: no session → 401 (and
 * a forged or malformed cookie, a token sent anywhere but the cookie);
 * a call that is not GET without the X-CSRF-Token header, with a wrong
 * one, or with another session's → 403, nothing written; a disabled
 * account (through the API and with the CLI while the server runs) →
 * 401 on its live session and at sign-in, with the bad-password message;
 * an idle session → 401 (a second server started with --session-idle 2).
 */
const L = require('./lib.js');
const C = require('./common.js');
const { check, api } = L;

/* Every endpoint but POST /session, with a body that would be accepted. */
function endpoints(ctx) {
	return [
		['GET', '/me'], ['DELETE', '/session'], ['GET', '/areas'], ['GET', '/years'],
		['GET', '/overview?year=2024'], ['GET', '/counties/369904/verdict?year=2024'],
		['GET', '/counties/369904/eval?year=2024'], ['GET', '/counties/369904/gaps?year=2024'],
		['POST', '/counties/369904/whatif?year=2024', C.whatifBody([{ action: 'add', school_code: '2136990409', field: 'teachers_junior', value: '2' }])],
		['GET', '/counties/369904/schools?year=2024'], ['GET', '/schools/2136990401?year=2024'],
		['PATCH', '/schools/2136990401/years/2024', C.patchBody({ multimedia_rooms: 77 }, undefined, 'csrf')],
		['POST', '/imports', C.schoolCsv(ctx, '2136990401', { multimedia_rooms: 78 }), { 'X-Filename': 'csrf.csv', 'Content-Type': 'text/csv' }],
		['GET', '/schools/2136990401/history'], ['GET', '/counties/369904/history'], ['GET', '/revisions?area=369904'],
		['GET', '/users'], ['POST', '/users', { name: 'csrf_user', role: 'inspector', area: '369904', password: 'csrf-pass-0001' }],
		['PATCH', '/users/t_insp904', { disabled: true }],
	];
}

module.exports = async function (ctx) {
	const S = ctx.s;
	const eps = endpoints(ctx);

	/* No session, and cookies that are not a live session. */
	const fakes = [
		['no cookie', undefined],
		['an empty jh_session', 'jh_session='],
		['a random token', 'jh_session=' + '0123456789abcdef'.repeat(4)],
		['a token of 63 hex', 'jh_session=' + S.admin.cookie.slice(11, 74)],
		['the token upper-cased', 'jh_session=' + S.admin.cookie.slice(11).toUpperCase()],
		['the CSRF token as the session', 'jh_session=' + S.admin.csrf],
		['another cookie name', 'session=' + S.admin.cookie.slice(11)],
		['SQL in the cookie', "jh_session=' OR '1'='1"],
	];
	const before = C.snapshot(ctx);
	for (const [m, p, body, headers] of eps) {
		for (const [what, cookie] of fakes) {
			const r = await api(m, p, { cookie, body, headers, csrf: m === 'GET' ? undefined : S.admin.csrf });
			check('401: ' + m + ' ' + p + ' with ' + what, r.status === 401, r.status + ' ' + r.text.slice(0, 150));
		}
		const bearer = await api(m, p, { body, headers: Object.assign({ Authorization: 'Bearer ' + S.admin.cookie.slice(11) }, headers || {}) });
		check('401: ' + m + ' ' + p + ' with the token as a Bearer header', bearer.status === 401, bearer.status);
	}
	check('401s wrote nothing', C.snapshot(ctx) === before);

	/* CSRF on every call that is not GET. */
	for (const [m, p, body, headers] of eps) {
		if (m === 'GET') continue;
		const s = m === 'DELETE' ? S.county : S.admin;
		const cases = [
			['no X-CSRF-Token', { noCsrf: true }],
			['an empty X-CSRF-Token', { csrf: '' , headers: Object.assign({ 'X-CSRF-Token': '' }, headers || {}) }],
			['a wrong X-CSRF-Token', { csrf: 'f'.repeat(64) }],
			['another session\'s X-CSRF-Token', { csrf: S.prov.csrf }],
			['the session token as X-CSRF-Token', { csrf: s.cookie.slice(11) }],
			['the CSRF token in the query', { noCsrf: true, path: p + (p.includes('?') ? '&' : '?') + 'csrf=' + s.csrf }],
			['X-CSRF-Token twice, one wrong', { noCsrf: true, headers: [['X-CSRF-Token', 'f'.repeat(64)], ['X-CSRF-Token', s.csrf], ...Object.entries(headers || {})] }],
		];
		for (const [what, o] of cases) {
			const snap = C.snapshot(ctx);
			const r = await api(m, o.path || p, Object.assign({ session: s, body, headers }, o));
			/* A CSRF token in the query is an unknown parameter on most
			 * routes: 400 or 403 both refuse it. */
			const ok = what === 'the CSRF token in the query' ? r.status === 403 || r.status === 400 : r.status === 403;
			check('403: ' + m + ' ' + p + ' with ' + what, ok, r.status + ' ' + r.text.slice(0, 150));
			check('403: ' + m + ' ' + p + ' with ' + what + ': nothing written', C.snapshot(ctx) === snap);
		}
	}
	const still = await api('GET', '/me', { session: S.county });
	check('the county session survived the refused sign-out', still.status === 200, still.status);

	/* Disabled through the API: the live session dies, sign-in says what a
	 * bad password says. */
	{
		const v = S.victim;
		const ok = await api('GET', '/me', { session: v });
		check('disabled: victim is signed in first', ok.status === 200);
		const d = await api('PATCH', '/users/victim', { session: S.admin, body: { disabled: true } });
		check('disabled: PATCH /users/victim {"disabled":true} → 200', d.status === 200, d.status + ' ' + d.text.slice(0, 200));
		const me = await api('GET', '/me', { session: v });
		check('disabled: its live session → 401', me.status === 401, me.status);
		const w = await api('PATCH', '/schools/2136990401/years/2024', { session: v, body: C.patchBody({ multimedia_rooms: 79 }) });
		check('disabled: a write with its session and CSRF → 401', w.status === 401, w.status);
		const si = await L.signIn('victim', ctx.accounts.victim.pw, { localAddress: '127.0.0.2' });
		const bad = await L.signIn('victim', 'wrong-password-x', { localAddress: '127.0.0.2' });
		check('disabled: sign-in with the right password → 401', si.res.status === 401, si.res.status);
		const e1 = si.res.json && si.res.json.error, e2 = bad.res.json && bad.res.json.error;
		check('disabled: the same answer as a wrong password', e1 && e2 && e1.message_zh === e2.message_zh && e1.message_en === e2.message_en && e1.code === e2.code,
			JSON.stringify([e1, e2]));
		const users = await api('GET', '/users', { session: S.admin });
		const u = (L.firstArray(users.json && (users.json.users || users.json)) || []).find((x) => x.name === 'victim') || {};
		check('disabled: GET /users shows victim disabled', u.disabled === true || u.disabled === 1, JSON.stringify(u));
	}
	/* Disabled with the CLI while the server runs. */
	{
		const v = S.victim2;
		const ok = await api('GET', '/me', { session: v });
		check('disabled (CLI): victim2 is signed in first', ok.status === 200);
		const r = L.cli(ctx.FAST, ['user', 'disable', ctx.db, 'victim2']);
		check('disabled (CLI): junheng user disable exits 0', r.status === 0, r.stderr);
		const me = await api('GET', '/me', { session: v });
		check('disabled (CLI): its live session → 401', me.status === 401, me.status);
		const si = await L.signIn('victim2', ctx.accounts.victim2.pw, { localAddress: '127.0.0.2' });
		check('disabled (CLI): sign-in → 401', si.res.status === 401, si.res.status);
	}

	/* An idle session expires: a server of its own with --session-idle 2. */
	{
		const srv = await L.startServer(ctx.BIN, ctx.db, ['--session-idle', '2']);
		ctx.servers.push(srv);
		if (check('idle: a second server on the same database', srv.port > 0, srv.stdout + srv.stderr)) {
			const s = await L.signIn('idle', ctx.accounts.idle.pw, { port: srv.port });
			check('idle: signed in', s.ok, s.res.status);
			const a = await api('GET', '/me', { session: s, port: srv.port });
			check('idle: /me right away → 200', a.status === 200, a.status);
			await L.sleep(3500);
			const b = await api('GET', '/me', { session: s, port: srv.port });
			check('idle: /me after 3.5 s idle (limit 2 s) → 401', b.status === 401, b.status);
			const c = await api('GET', '/me', { session: s, port: srv.port });
			check('idle: and it stays dead', c.status === 401, c.status);
			const s2 = await L.signIn('idle', ctx.accounts.idle.pw, { port: srv.port });
			check('idle: signing in again works', s2.ok, s2.res.status);
			const ex = await srv.stop('SIGTERM');
			check('idle: the second server exits 0 on SIGTERM', ex.code === 0, JSON.stringify(ex));
		}
	}
};
