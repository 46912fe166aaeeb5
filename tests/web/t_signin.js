'use strict';
/*
 * t_signin.js — each demo account signs in through the sign-in page and
 * lands where its role starts: the offices and the inspector on the
 * overview of their area, the school on its own school.  The overview
 * lists exactly the counties the API gives the caller: admin and the city
 * office all seven of 江州市, the county office and the inspector of
 * 369904 only 云岭县 — and no other county's name anywhere on the page.
 * Each county's verdict is shown as the API gives it (2024: 江城区 达到,
 * the six others 未达到).  A wrong password is refused with a message and
 * the page stays on /login.
 */
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const { check } = L;

/* The sample's counties (data/sample/areas.csv). */
const COUNTY_NAMES = { '369901': '江城区', '369902': '安平县', '369903': '清溪县', '369904': '云岭县',
	'369905': '柳河县', '369906': '梅山县', '369907': '新丰县' };

module.exports = async function (ctx) {
	/* A wrong password: refused, a message, still on /login. */
	{
		const w = await B.open(ctx.browser, ctx.base);
		w.expect(401, '/api/v1/me');
		w.expect(401, '/api/v1/session');
		const ok = await C.signIn(ctx, w, 'yunling', { password: 'not-the-password' });
		check('a wrong password does not sign in', !ok && /\/login/.test(w.page.url()), w.page.url());
		check('a wrong password: the page says so (用户名或密码错误)', await C.waitText(w.page, /用户名或密码错误/), await C.text(w.page));
		C.clean(w, 'sign-in page with a wrong password');
		await B.shot(w, 'login-wrong-password');
		await w.close();
	}

	for (const name of Object.keys(ctx.accounts)) {
		const a = ctx.accounts[name];
		const w = await C.pageAs(ctx, name);
		if (!w) continue;
		const page = w.page;
		const url = new URL(page.url());
		if (a.role === 'school' && !ctx.ready('School')) { await w.close(); continue; }
		if (a.role !== 'school' && !ctx.ready('Overview')) { await w.close(); continue; }
		if (a.role === 'school') {
			check(name + ': lands on its school /schools/' + a.area, url.pathname === '/schools/' + a.area, page.url());
			check(name + ': its school\'s name (高坪乡中学) is shown', await C.waitText(page, /高坪乡中学/), (await C.text(page)).slice(0, 500));
			await B.shot(w, 'home-' + name);
			C.clean(w, name + ' home');
			await w.close();
			continue;
		}
		check(name + ': lands on the overview', url.pathname === '/overview', page.url());
		const ov = await L.api('GET', '/overview?year=2024' + (a.area ? '&area=' + a.area : ''), { session: ctx.api[name] });
		const want = ((ov.json && ov.json.counties) || []).map((c) => c.code);
		const expected = a.role === 'admin' || a.role === 'city' ? Object.keys(COUNTY_NAMES) : ['369904'];
		check(name + ': the API gives the expected counties (' + expected.join(' ') + ')',
			want.slice().sort().join(' ') === expected.join(' '), want.join(' '));
		await C.waitText(page, new RegExp(COUNTY_NAMES[expected[0]]));
		const text = await C.text(page);
		const shown = Object.keys(COUNTY_NAMES).filter((c) => text.includes(COUNTY_NAMES[c]));
		check(name + ': the overview names exactly its counties (' + expected.map((c) => COUNTY_NAMES[c]).join(' ') + ')',
			shown.join(' ') === expected.join(' '), 'shown: ' + shown.map((c) => COUNTY_NAMES[c]).join(' '));
		/* Verdicts as tags: 江城区 passes in 2024, the others fail. */
		const row = async (code) => {
			const r = page.locator('tr', { hasText: COUNTY_NAMES[code] }).first();
			return (await r.count()) ? (await r.innerText()).replace(/\s+/g, ' ') : '';
		};
		if (expected.includes('369901')) {
			const r1 = await row('369901');
			check(name + ': 江城区\'s row says 达到', /达到/.test(r1) && !/未达到/.test(r1), r1);
		}
		const r4 = await row('369904');
		check(name + ': 云岭县\'s row says 未达到', /未达到/.test(r4), r4);
		await B.shot(w, 'overview-' + name);
		C.clean(w, name + ' overview');
		await w.close();
	}
};
