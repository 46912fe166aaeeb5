'use strict';
/*
 * t_throttle.js — sign-in throttling, on a server of its own (its
 * counters are in memory): repeated bad passwords for one account → 429
 * with Retry-After (seconds), and then even the right password is refused
 * for a while; many failures from one address with different names → 429
 * for that address while another address may still sign in.  The limits
 * are the defaults of lib/access (5 per account, 20 per address in 15
 * minutes); the test asks only that the lock comes within a few more.
 */
const L = require('./lib.js');
const { check, api } = L;

module.exports = async function (ctx) {
	const srv = await L.startServer(ctx.BIN, ctx.db, []);
	ctx.servers.push(srv);
	if (!check('throttle: a server of its own', srv.port > 0, srv.stdout + srv.stderr)) return;
	const port = srv.port;

	const seen = [];
	let first429 = -1, r429;
	for (let i = 1; i <= 12; i++) {
		const r = await api('POST', '/session', { port, body: { username: 'throttled', password: 'wrong-password-' + i }, localAddress: '127.0.3.' + i });
		seen.push(r.status);
		if (r.status === 429) { first429 = i; r429 = r; break; }
	}
	check('throttle: bad passwords for one account → 401 first', seen[0] === 401 && seen.slice(0, first429 > 0 ? first429 - 1 : seen.length).every((s) => s === 401),
		seen.join(' '));
	check('throttle: then 429 (within 12 tries, from 12 addresses)', first429 > 1, seen.join(' '));
	if (r429) {
		const ra = r429.headers['retry-after'];
		check('throttle: 429 has Retry-After in seconds (> 0)', /^\d+$/.test(ra || '') && Number(ra) > 0, String(ra));
		check('throttle: 429 error body', r429.json && r429.json.error && r429.json.error.message_zh && r429.json.error.message_en, r429.text);
		const right = await api('POST', '/session', { port, body: { username: 'throttled', password: ctx.accounts.throttled.pw }, localAddress: '127.0.3.99' });
		check('throttle: while locked, even the right password → 429', right.status === 429, right.status);
		check('throttle: no session cookie while locked', !right.rawHeaders.some(([k, v]) => k === 'set-cookie' && /jh_session=[0-9a-f]/.test(v)));
	}
	const other = await L.signIn('county', ctx.accounts.county.pw, { port, localAddress: '127.0.3.100' });
	check('throttle: another account still signs in', other.ok, other.res.status);

	/* One address, many names. */
	const addr = '127.0.4.1';
	const st = [];
	let hit = -1, rh;
	for (let i = 1; i <= 30; i++) {
		const r = await api('POST', '/session', { port, body: { username: 'nobody' + i, password: 'wrong-password' }, localAddress: addr });
		st.push(r.status);
		if (r.status === 429) { hit = i; rh = r; break; }
	}
	check('throttle: one address, many names → 429 (within 30)', hit > 5, st.join(' '));
	if (rh) check('throttle: address 429 has Retry-After', /^\d+$/.test(rh.headers['retry-after'] || ''), rh.headers['retry-after']);
	const blocked = await L.signIn('county', ctx.accounts.county.pw, { port, localAddress: addr });
	check('throttle: the locked address cannot sign in a good account either', blocked.res.status === 429, blocked.res.status);
	const free = await L.signIn('county', ctx.accounts.county.pw, { port, localAddress: '127.0.4.2' });
	check('throttle: another address can', free.ok, free.res.status);
	/* Throttled answers are about sign-in only: a live session still works. */
	const me = await api('GET', '/me', { port, session: free, localAddress: addr });
	check('throttle: a signed-in session from the locked address still works', me.status === 200, me.status);

	/* The audit: sign-ins and failures recorded with the name (the CLI's
	 * user list is enough to see the accounts are intact). */
	const ex = await srv.stop('SIGTERM');
	check('throttle: its server exits 0 on SIGTERM', ex.code === 0, JSON.stringify(ex));
};
