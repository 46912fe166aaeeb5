'use strict';
/*
 * t_matrix.js — the authorization matrix, table-driven, against the live
 * server: every endpoint × every role × every area relation → allowed
 * (2xx) or denied (403), as in DESIGN10.md's table:
 *
 *   READ area X        admin; office or inspector of A when X within A
 *   READ school T      admin; office or inspector of A when T within A; school T itself
 *   WRITE school T     admin; office of A when T within A; school T itself
 *   WRITE county X     admin; office of A when X within A
 *   MANAGE (r, B)      admin; office of A when rank(r) < rank(office) and B within A
 *
 * The tables below are written out by hand (Y allowed, · denied) rather
 * than computed from those rules, so that a wrong rule in the server and
 * a wrong rule here cannot agree by construction; each case's name says
 * the relation (own area, sibling, parent, child, school inside/outside).
 * Reads run first; then the writes, each allowed one really writing (a
 * PATCH of a field, an import of one row, a new account), each denied one
 * checked to have written nothing.
 */
const L = require('./lib.js');
const C = require('./common.js');
const { check, api } = L;

const AREAS = ['360000', '369900', '369800', '369904', '369903', '369801'];
const COUNTIES = ['369904', '369903', '369801'];
const SCHOOLS = ['2136990401', '2136990402', '2136990301', '2136980101'];

/* READ area X: columns AREAS. */
const READ_AREA = {
	//          360000 369900 369800 369904 369903 369801
	admin:    'Y      Y      Y      Y      Y      Y',
	prov:     'Y      Y      Y      Y      Y      Y',
	city:     '·      Y      ·      Y      Y      ·',
	city2:    '·      ·      Y      ·      ·      Y',
	county:   '·      ·      ·      Y      ·      ·',
	county2:  '·      ·      ·      ·      ·      Y',
	insp:     '·      ·      ·      Y      ·      ·',
	inspcity: '·      Y      ·      Y      Y      ·',
	school:   '·      ·      ·      ·      ·      ·',
	school2:  '·      ·      ·      ·      ·      ·',
};
/* READ school T: columns SCHOOLS. */
const READ_SCHOOL = {
	//          0401 0402 0301 980101
	admin:    'Y    Y    Y    Y',
	prov:     'Y    Y    Y    Y',
	city:     'Y    Y    Y    ·',
	city2:    '·    ·    ·    Y',
	county:   'Y    Y    ·    ·',
	county2:  '·    ·    ·    Y',
	insp:     'Y    Y    ·    ·',
	inspcity: 'Y    Y    Y    ·',
	school:   'Y    ·    ·    ·',
	school2:  '·    ·    ·    Y',
};
/* WRITE school-year of T (PATCH, an import of its row): columns SCHOOLS. */
const WRITE_SCHOOL = {
	admin:    'Y    Y    Y    Y',
	prov:     'Y    Y    Y    Y',
	city:     'Y    Y    Y    ·',
	city2:    '·    ·    ·    Y',
	county:   'Y    Y    ·    ·',
	county2:  '·    ·    ·    Y',
	insp:     '·    ·    ·    ·',
	inspcity: '·    ·    ·    ·',
	school:   'Y    ·    ·    ·',
	school2:  '·    ·    ·    Y',
};
/* WRITE county-year records of X (an import of one county-2024 line): columns COUNTIES. */
const WRITE_COUNTY = {
	//          369904 369903 369801
	admin:    'Y      Y      Y',
	prov:     'Y      Y      Y',
	city:     'Y      Y      ·',
	city2:    '·      ·      Y',
	county:   'Y      ·      ·',
	county2:  '·      ·      Y',
	insp:     '·      ·      ·',
	inspcity: '·      ·      ·',
	school:   '·      ·      ·',
	school2:  '·      ·      ·',
};
/* MANAGE: create an account (role, area).  Columns: */
const NEW_ACCOUNTS = [
	['school', '2136990402'], ['inspector', '369904'], ['county', '369904'], ['county', '369903'],
	['city', '369900'], ['inspector', '369801'], ['county', '369801'], ['inspector', '369900'], ['province', '360000'],
];
const MANAGE = {
	//          sch0402 insp904 cnty904 cnty903 city900 insp801 cnty801 insp900 prov
	admin:    'Y       Y       Y       Y       Y       Y       Y       Y       Y',
	prov:     'Y       Y       Y       Y       Y       Y       Y       Y       ·',
	city:     'Y       Y       Y       Y       ·       ·       ·       Y       ·',
	city2:    '·       ·       ·       ·       ·       Y       Y       ·       ·',
	county:   'Y       Y       ·       ·       ·       ·       ·       ·       ·',
	county2:  '·       ·       ·       ·       ·       Y       ·       ·       ·',
	insp:     '·       ·       ·       ·       ·       ·       ·       ·       ·',
	inspcity: '·       ·       ·       ·       ·       ·       ·       ·       ·',
	school:   '·       ·       ·       ·       ·       ·       ·       ·       ·',
	school2:  '·       ·       ·       ·       ·       ·       ·       ·       ·',
};
/* MANAGE an existing account (PATCH /users/NAME {"disabled": false}):
 * its role and area decide, as for a new one. */
const TARGETS = ['t_sch402', 't_insp904', 't_cnty903', 't_insp801', 't_city900'];
const MANAGE_EXISTING = {
	//          sch402 insp904 cnty903 insp801 city900
	admin:    'Y      Y       Y       Y       Y',
	prov:     'Y      Y       Y       Y       Y',
	city:     'Y      Y       Y       ·       ·',
	city2:    '·      ·       ·       Y       ·',
	county:   'Y      Y       ·       ·       ·',
	county2:  '·      ·       ·       Y       ·',
	insp:     '·      ·       ·       ·       ·',
	inspcity: '·      ·       ·       ·       ·',
	school:   '·      ·       ·       ·       ·',
	school2:  '·      ·       ·       ·       ·',
};
/* Endpoints that are not about an area: every role may call them. */
const EVERYONE = [['GET', '/me'], ['GET', '/areas'], ['GET', '/years']];
/* GET /users: the offices and admin. */
const LIST_USERS = { admin: 'Y', prov: 'Y', city: 'Y', city2: 'Y', county: 'Y', county2: 'Y', insp: '·', inspcity: '·', school: '·', school2: '·' };

function cells(row) { return row.trim().split(/\s+/).map((c) => c === 'Y'); }

module.exports = async function (ctx) {
	const S = ctx.s;
	const acc = (n) => ctx.accounts[n];
	const who = (n) => n + ' (' + acc(n).role + (acc(n).area ? ' ' + acc(n).area : '') + ')';
	let cases = 0;
	const expect = async (name, allowed, req, okStatus = [200]) => {
		cases++;
		const r = await req();
		const good = allowed ? okStatus.includes(r.status) : r.status === 403;
		check('matrix: ' + name + ' → ' + (allowed ? okStatus.join('/') : '403'), good, r.status + ' ' + r.text.slice(0, 200));
		return r;
	};

	/* ---- reads ---- */
	for (const [n, row] of Object.entries(READ_AREA)) {
		const allow = cells(row);
		AREAS.forEach((x, i) => { allow[x] = allow[i]; });
		for (const x of AREAS) {
			const rel = C.relation(x, acc(n).area);
			await expect(who(n) + ' GET /overview?area=' + x + ' [' + rel + ']', allow[x],
				() => api('GET', '/overview?year=2024&area=' + x, { session: S[n] }));
			await expect(who(n) + ' GET /revisions?area=' + x + ' [' + rel + ']', allow[x],
				() => api('GET', '/revisions?area=' + x, { session: S[n] }));
			await expect(who(n) + ' GET /revisions/1?area=' + x + ' [' + rel + ']', allow[x],
				() => api('GET', '/revisions/1?area=' + x, { session: S[n] }));
		}
		for (const x of COUNTIES) {
			const rel = C.relation(x, acc(n).area);
			for (const kind of ['verdict', 'eval', 'gaps', 'schools', 'history']) {
				const q = kind === 'history' ? '' : '?year=2024';
				await expect(who(n) + ' GET /counties/' + x + '/' + kind + ' [' + rel + ']', allow[x],
					() => api('GET', '/counties/' + x + '/' + kind + q, { session: S[n] }));
			}
			const school = x === '369904' ? '2136990409' : x === '369903' ? '2136990301' : '2136980101';
			await expect(who(n) + ' POST /counties/' + x + '/whatif [' + rel + ']', allow[x],
				() => api('POST', '/counties/' + x + '/whatif?year=2024', { session: S[n],
					body: C.whatifBody([{ action: 'add', school_code: school, field: 'teachers_primary', value: '1' }]) }));
		}
	}
	for (const [n, row] of Object.entries(READ_SCHOOL)) {
		const allow = cells(row);
		for (let i = 0; i < SCHOOLS.length; i++) {
			const t = SCHOOLS[i];
			const rel = C.relation(t, acc(n).area);
			await expect(who(n) + ' GET /schools/' + t + ' [' + rel + ']', allow[i],
				() => api('GET', '/schools/' + t + '?year=2024', { session: S[n] }));
			await expect(who(n) + ' GET /schools/' + t + '/history [' + rel + ']', allow[i],
				() => api('GET', '/schools/' + t + '/history', { session: S[n] }));
			await expect(who(n) + ' GET /schools/' + t + '/guarantee [' + rel + ']', allow[i],
				() => api('GET', '/schools/' + t + '/guarantee?year=2024', { session: S[n] }));
		}
	}
	for (const n of Object.keys(READ_AREA))
		for (const [m, p] of EVERYONE)
			await expect(who(n) + ' ' + m + ' ' + p, true, () => api(m, p, { session: S[n] }));
	for (const [n, y] of Object.entries(LIST_USERS))
		await expect(who(n) + ' GET /users', y === 'Y', () => api('GET', '/users', { session: S[n] }));

	/* ---- writes ---- */
	let k = 0;
	for (const [n, row] of Object.entries(WRITE_SCHOOL)) {
		const allow = cells(row);
		for (let i = 0; i < SCHOOLS.length; i++) {
			const t = SCHOOLS[i];
			const rel = C.relation(t, acc(n).area);
			const cur = await C.readSchool(S.admin, t);
			const before = C.snapshot(ctx);
			/* music_room_min_area_m2 does not move any verdict item the
			 * other sections read; each write sets a value of its own. */
			const v = 130 + (++k);
			const r = await expect(who(n) + ' PATCH /schools/' + t + '/years/2024 [' + rel + ']', allow[i],
				() => api('PATCH', '/schools/' + t + '/years/2024', { session: S[n], body: C.patchBody({ music_room_min_area_m2: v }, cur.rev, 'matrix') }));
			if (allow[i] && r.status === 200) {
				const h = L.cli(ctx.FAST, ['history', ctx.db, '--school', t, '--format', 'json']);
				let e; try { e = JSON.parse(h.text).filter((x) => x.field === 'music_room_min_area_m2').pop(); } catch (x) { e = null; }
				check('matrix: ' + who(n) + ' PATCH ' + t + ' stored ' + v + ' by ' + n, e && Number(e.new) === v && e.who === n, JSON.stringify(e));
			} else if (!allow[i]) {
				check('matrix: ' + who(n) + ' PATCH ' + t + ' denied wrote nothing', C.snapshot(ctx) === before);
			}
			const v2 = 130 + (++k);
			const ri = await expect(who(n) + ' POST /imports of a row of ' + t + ' [' + rel + ']', allow[i],
				() => C.importReq(S[n], 'row-' + t + '.csv', C.schoolCsv(ctx, t, { music_room_min_area_m2: v2 })));
			if (!allow[i]) {
				check('matrix: ' + who(n) + ' import of ' + t + ' denied wrote nothing', C.snapshot(ctx) === before);
				const pr = ri.json && (ri.json.error && ri.json.error.problems || ri.json.problems);
				check('matrix: ' + who(n) + ' import of ' + t + ' denied names line 2', Array.isArray(pr) && pr.some((p) => p.line === 2),
					JSON.stringify(pr || ri.text).slice(0, 300));
			}
		}
	}
	const county24 = require('node:fs').readFileSync(require('node:path').join(ctx.top, 'data/sample/county-2024.csv'), 'utf8').split('\n');
	for (const [n, row] of Object.entries(WRITE_COUNTY)) {
		const allow = cells(row);
		for (let i = 0; i < COUNTIES.length; i++) {
			const x = COUNTIES[i];
			const rel = C.relation(x, acc(n).area);
			/* The 369904 line of an item, under county x, with a note of its own
			 * so that the allowed imports change something. */
			const line = county24.find((l) => l.startsWith('369904,2024,unified_standards,'));
			const body = county24[0] + '\n' + line.replace(/^369904,2024,unified_standards,是,.*$/, x + ',2024,unified_standards,是,matrix ' + n + ' ' + (++k)) + '\n';
			const before = C.snapshot(ctx);
			await expect(who(n) + ' POST /imports of a county-year record of ' + x + ' [' + rel + ']', allow[i],
				() => C.importReq(S[n], 'county-' + x + '.csv', body));
			if (!allow[i]) check('matrix: ' + who(n) + ' county record import of ' + x + ' denied wrote nothing', C.snapshot(ctx) === before);
		}
	}
	for (const [n, row] of Object.entries(MANAGE)) {
		const allow = cells(row);
		for (let i = 0; i < NEW_ACCOUNTS.length; i++) {
			const [role, area] = NEW_ACCOUNTS[i];
			const rel = C.relation(area, acc(n).area);
			const name = 'm' + (++k) + '_' + n;
			const before = C.snapshot(ctx);
			await expect(who(n) + ' POST /users ' + role + ' of ' + area + ' [' + rel + ']', allow[i],
				() => api('POST', '/users', { session: S[n], body: { name, role, area, password: 'matrix-pass-' + k } }), [200, 201]);
			if (!allow[i]) check('matrix: ' + who(n) + ' POST /users ' + role + ' of ' + area + ' denied wrote nothing', C.snapshot(ctx) === before);
		}
	}
	for (const [n, row] of Object.entries(MANAGE_EXISTING)) {
		const allow = cells(row);
		for (let i = 0; i < TARGETS.length; i++) {
			const t = TARGETS[i];
			const rel = C.relation(acc(t).area, acc(n).area);
			await expect(who(n) + ' PATCH /users/' + t + ' (' + acc(t).role + ' ' + acc(t).area + ') [' + rel + ']', allow[i],
				() => api('PATCH', '/users/' + t, { session: S[n], body: { disabled: false } }));
		}
	}
	/* Raising an account above oneself, or moving it out of one's area. */
	await expect(who('county') + ' PATCH /users/t_insp904 role → city', false,
		() => api('PATCH', '/users/t_insp904', { session: S.county, body: { role: 'city', area: '369900' } }));
	await expect(who('county') + ' PATCH /users/t_insp904 area → 369903', false,
		() => api('PATCH', '/users/t_insp904', { session: S.county, body: { area: '369903' } }));
	await expect(who('city') + ' PATCH /users/city (itself) role → province', false,
		() => api('PATCH', '/users/city', { session: S.city, body: { role: 'province', area: '360000' } }));
	check('matrix: ' + cases + ' cases run', cases > 400, String(cases));
};
