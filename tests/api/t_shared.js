'use strict';
/*
 * t_shared.js — the server shares its database file with the CLI (the
 * issue's demo and the offices' scripts run `junheng import`/`user` on
 * the same file while it serves).  After requests have opened the store
 * on every request and worker thread (parallel reads, heavy reads), a
 * write through the API is seen by the CLI at once, a write by the CLI
 * is seen by the API at once, and the -wal/-shm files stay while the
 * server runs.  (A process that opens and closes another descriptor of
 * the database file drops SQLite's POSIX locks of its other connections;
 * another process then takes itself for the last user, checkpoints and
 * deletes the WAL, and the server goes on writing into an unlinked file:
 * writes lost.)
 */
const fs = require('node:fs');
const L = require('./lib.js');
const C = require('./common.js');
const { check, api } = L;

module.exports = async function (ctx) {
	const S = ctx.s;
	const files = () => fs.readdirSync(ctx.tmp).filter((f) => f.startsWith('api.db')).sort().join(' ');
	/* Every thread opens its store: many quick reads and heavy ones at once. */
	const par = [];
	for (let i = 0; i < 12; i++) par.push(api('GET', '/years', { session: S.admin }));
	for (const c of ['369901', '369902', '369903', '369905', '369906', '369907'])
		par.push(api('GET', '/counties/' + c + '/gaps?year=2022', { session: S.admin }));
	const rs = await Promise.all(par);
	check('shared: 18 parallel requests all 200', rs.every((r) => r.status === 200), rs.map((r) => r.status).join(' '));
	/* A CLI read in between: it closes its connection as the last step. */
	L.cli(ctx.FAST, ['user', 'list', ctx.db]);
	check('shared: the WAL and its index are still there while the server runs', files() === 'api.db api.db-shm api.db-wal', files());
	const add = await api('POST', '/users', { session: S.admin, body: { name: 'shared1', role: 'inspector', area: '369901', password: 'shared1-pass-01' } });
	check('shared: POST /users → 201', add.status === 201 || add.status === 200, add.status);
	const ul = L.cli(ctx.FAST, ['user', 'list', ctx.db]);
	check('shared: the CLI sees the account the API just added', /shared1/.test(ul.text), ul.stderr + files());
	const r1 = L.cli(ctx.FAST, ['user', 'add', ctx.db, 'shared2', '--role', 'inspector', '--area', '369901', '--password-stdin'], { input: 'shared2-pass-01\n' });
	check('shared: junheng user add while the server runs', r1.status === 0, r1.stderr);
	const g = await api('GET', '/users', { session: S.admin });
	check('shared: the API sees the account the CLI just added', /"shared2"/.test(g.text), files());
	const s2 = await L.signIn('shared2', 'shared2-pass-01');
	check('shared: and it signs in', s2.ok, s2.res.status);
	const last = C.lastRevision(ctx);
	const code = '2136990101';
	const cur = await C.readSchool(S.admin, code);
	const p = await api('PATCH', '/schools/' + code + '/years/2024', { session: S.admin, body: C.patchBody({ music_rooms: 9 }, cur.rev, 'shared') });
	check('shared: a PATCH → 200', p.status === 200, p.status + ' ' + p.text.slice(0, 200));
	check('shared: the CLI sees its revision at once', C.lastRevision(ctx) === last + 1 && C.revisionOf(p.json) === last + 1,
		C.lastRevision(ctx) + ' vs ' + (last + 1) + '; ' + files());
};
