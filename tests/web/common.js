'use strict';
/*
 * common.js — what the sections share: signing in through the page,
 * visiting a page (settled, screenshot, checked for console errors and
 * failed requests), and the search for Chinese left in an English page.
 *
 * Selectors are what a reader sees — roles, labels and visible text —
 * so that the tests do not depend on how a page is built; where a page
 * offers no label, the field's type (input[type=password]) or the
 * autocomplete attribute the sign-in form must carry.
 */
const L = require('../api/lib.js');
const B = require('./browser.js');
const { check } = L;

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;
const CJK_LETTERS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/* The first locator of `list` that finds a visible element, or null. */
async function firstVisible(list) {
	for (const loc of list) {
		try {
			const n = await loc.count();
			for (let i = 0; i < n; i++) if (await loc.nth(i).isVisible()) return loc.nth(i);
		} catch (e) { /* try the next */ }
	}
	return null;
}

/*
 * Signs `name` in through the sign-in page of a fresh watched page w and
 * waits until the app has left /login.  Before signing in the app asks
 * GET /me, which is a 401: expected.  Returns true when it got in.
 */
async function signIn(ctx, w, name, o = {}) {
	const page = w.page;
	w.expect(401, '/api/v1/me');
	await page.goto(o.path || '/');
	await B.settle(page);
	const user = await firstVisible([page.getByLabel(/用户名|user ?name/i), page.locator('input[autocomplete=username]'),
		page.locator('input[type=text]')]);
	const pass = await firstVisible([page.locator('input[type=password]')]);
	if (!user || !pass) return false;
	await user.fill(name);
	await pass.fill(o.password || ctx.accounts[name].pw);
	const btn = await firstVisible([page.getByRole('button', { name: /^\s*(登\s*录|sign in)\s*$/i }), page.locator('button[type=submit]')]);
	if (!btn) return false;
	await btn.click();
	try {
		await page.waitForURL((u) => !/\/login/.test(u.pathname), { timeout: 20000 });
	} catch (e) {
		return false;
	}
	await B.settle(page);
	return true;
}

/* A fresh page signed in as `name` (checked), or null. */
async function pageAs(ctx, name, viewport = 'laptop') {
	const w = await B.open(ctx.browser, ctx.base, viewport);
	const ok = await signIn(ctx, w, name);
	if (!check(name + ' (' + viewport + '): signs in through the sign-in page', ok, 'at ' + w.page.url())) {
		await w.close();
		return null;
	}
	return w;
}

/* Goes to `path` and waits for the page to settle. */
async function visit(w, path) {
	await w.page.goto(path);
	await B.settle(w.page);
}

/* One check: nothing went wrong on the page since the last check. */
function clean(w, label) {
	const p = w.take();
	return check(label + ': no console error, no failed request', p.length === 0, p.slice(0, 10).join('\n'));
}

/* The page's visible text as one string. */
async function text(page) {
	return (await B.visibleTexts(page)).filter((t) => !t.attr).map((t) => t.text).join('\n');
}

/* Waits up to ms for the page's visible text to match re; true if it did. */
async function waitText(page, re, ms = 15000) {
	const end = Date.now() + ms;
	for (;;) {
		const t = await text(page);
		if (re.test(t)) return true;
		if (Date.now() > end) return false;
		await page.waitForTimeout(250);
	}
}

/*
 * The Chinese left in an English page: every visible string with Chinese
 * characters once the data values (names of areas, schools, who and why
 * of revisions …: ctx.dataValues()) and elements marked as data
 * (data-value, data-test-data) are taken out.  Longest values first, so
 * that 江州市云岭县 goes before 云岭县.
 */
function chineseLeft(texts, values) {
	const vals = [...values].filter((v) => CJK.test(v)).sort((a, b) => b.length - a.length);
	const left = [];
	for (const t of texts) {
		if (t.data || !CJK.test(t.text)) continue;
		let s = t.text;
		for (const v of vals) if (s.includes(v)) s = s.split(v).join(' ');
		if (CJK_LETTERS.test(s)) left.push((t.attr ? t.attr + ': ' : '') + t.text);
	}
	return [...new Set(left)];
}

module.exports = { CJK, firstVisible, signIn, pageAs, visit, clean, text, waitText, chineseLeft };
