'use strict';
/*
 * t_concurrent.js — two PATCHes of the same school-year based on the same
 * revision, sent at once on two connections: exactly one 200 and one
 * 409; the winner's value is stored, in one new revision, and nothing is
 * lost (a PATCH of another field made before them is still there).
 * Repeated a few times with different pairs of accounts.
 */
const L = require('./lib.js');
const C = require('./common.js');
const { check, api } = L;

module.exports = async function (ctx) {
	const S = ctx.s;
	const code = '2136990405';
	/* A first, unopposed change that must survive the race. */
	const first = await C.readSchool(S.admin, code);
	const p0 = await api('PATCH', '/schools/' + code + '/years/2024', { session: S.county, body: C.patchBody({ art_rooms: 9 }, first.rev, 'before the race') });
	check('race: a change of art_rooms first: 200', p0.status === 200, p0.status + ' ' + p0.text.slice(0, 200));
	const pairs = [['county', 'city'], ['admin', 'prov'], ['county', 'county'], ['school', 'county']];
	let round = 0;
	for (const [a, b] of pairs) {
		round++;
		/* 2136990405 is not the school account's school: for that pair use its own. */
		const t = a === 'school' ? '2136990401' : code;
		const base = await C.readSchool(S.admin, t);
		const lastBefore = C.lastRevision(ctx);
		const va = 200 + round * 2, vb = 201 + round * 2;
		const [ra, rb] = await Promise.all([
			api('PATCH', '/schools/' + t + '/years/2024', { session: S[a], body: C.patchBody({ multimedia_rooms: va }, base.rev, 'race ' + a) }),
			api('PATCH', '/schools/' + t + '/years/2024', { session: S[b], body: C.patchBody({ multimedia_rooms: vb }, base.rev, 'race ' + b) }),
		]);
		const st = [ra.status, rb.status].sort().join(',');
		check('race ' + round + ' (' + a + ' vs ' + b + ' on ' + t + '): one 200, one 409', st === '200,409', ra.status + ' ' + rb.status + ' ' + ra.text.slice(0, 150) + ' ' + rb.text.slice(0, 150));
		const win = ra.status === 200 ? [a, va, ra] : [b, vb, rb];
		const after = await C.readSchool(S.admin, t);
		check('race ' + round + ': the winner\'s value ' + win[1] + ' is stored', Number(after.row.multimedia_rooms) === win[1], JSON.stringify(after.row.multimedia_rooms));
		check('race ' + round + ': exactly one new revision', C.lastRevision(ctx) === lastBefore + 1, C.lastRevision(ctx) + ' vs ' + lastBefore);
		const h = L.cli(ctx.FAST, ['history', ctx.db, '--school', t, '--format', 'json']);
		let e; try { e = JSON.parse(h.text).filter((x) => x.field === 'multimedia_rooms').pop(); } catch (x) { e = null; }
		check('race ' + round + ': history has it by ' + win[0], e && e.who === win[0] && Number(e.new) === win[1] && e.revision === C.revisionOf(win[2].json),
			JSON.stringify(e));
		const loser = ra.status === 409 ? ra : rb;
		check('race ' + round + ': the 409 says conflict in both languages', loser.json && loser.json.error && loser.json.error.message_zh && loser.json.error.message_en);
	}
	const end = await C.readSchool(S.admin, code);
	check('race: the earlier art_rooms = 9 is not lost', Number(end.row.art_rooms) === 9, JSON.stringify(end.row.art_rooms));

	/* Many at once: ten PATCHes on one base → one 200, nine 409. */
	const base = await C.readSchool(S.admin, code);
	const names = ['admin', 'prov', 'city', 'county', 'admin', 'prov', 'city', 'county', 'admin', 'city'];
	const rs = await Promise.all(names.map((n, i) => api('PATCH', '/schools/' + code + '/years/2024',
		{ session: S[n], body: C.patchBody({ multimedia_rooms: 300 + i }, base.rev, 'race of ten') })));
	const ok = rs.filter((r) => r.status === 200).length, conflict = rs.filter((r) => r.status === 409).length;
	check('race of ten: one 200, nine 409', ok === 1 && conflict === 9, rs.map((r) => r.status).join(' '));
	const w = rs.findIndex((r) => r.status === 200);
	const fin = await C.readSchool(S.admin, code);
	check('race of ten: the winner\'s value is stored', w >= 0 && Number(fin.row.multimedia_rooms) === 300 + w, JSON.stringify(fin.row.multimedia_rooms));
};
