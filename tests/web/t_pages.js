'use strict';
/*
 * t_pages.js — every page (pages.js, plus the sign-in page and a school
 * account's start page) at 1366×768 and at 375×812: a screenshot of the
 * whole page under tests/out/screenshots/, no console error and no failed
 * request, and on the phone no page wider than the screen (tables and
 * charts scroll inside their own boxes; the page itself must not scroll
 * sideways).
 */
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const PAGES = require('./pages.js');
const { check } = L;

async function narrow(w, label) {
	if (w.viewport !== 'phone') return;
	const o = await B.overflowX(w.page);
	check(label + ' at 375 px: not wider than the screen', o.scroll <= o.client + 1, o.scroll + ' px wide in ' + o.client);
}

module.exports = async function (ctx) {
	for (const vp of ['laptop', 'phone']) {
		const v = B.VIEWPORTS[vp];
		const size = v.width + '×' + v.height;
		{
			const w = await B.open(ctx.browser, ctx.base, vp);
			await C.visit(w, '/login');
			await B.shot(w, 'page-login');
			C.clean(w, 'sign-in page ' + size);
			await narrow(w, 'sign-in page');
			await w.close();
		}
		const w = await C.pageAs(ctx, 'jiangzhou', vp);
		if (w) {
			for (const p of PAGES) {
				await C.visit(w, p.path);
				if (p.wait) await C.waitText(w.page, p.wait, 30000);
				await B.shot(w, 'page-' + p.name);
				C.clean(w, p.name + ' page ' + size);
				await narrow(w, p.name + ' page');
			}
			await w.close();
		}
		const s = await C.pageAs(ctx, 'gaoping', vp);
		if (s) {
			await B.shot(s, 'page-school-account');
			C.clean(s, 'school account\'s start page ' + size);
			await narrow(s, 'school account\'s start page');
			await s.close();
		}
	}
};
