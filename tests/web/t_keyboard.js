'use strict';
/*
 * t_keyboard.js — the application used with the keyboard alone (issue
 * 11: "keyboard-navigable"): no click, no mouse, only Tab, Shift+Tab,
 * Enter, the arrows and Escape, as an official who cannot or will not
 * use a mouse would.  As the city office (jiangzhou) at 1366×768:
 *
 *   1. the sign-in page: Tab to the user name, type it, Tab to the
 *      password, type it, Enter signs in and lands on the overview;
 *   2. the overview: the new page has the focus; Shift+Tab back to the
 *      year picker, which opens with Enter and closes with Escape, the
 *      year unchanged (2024); Shift+Tab to the first stop, the link "skip
 *      to the content", whose Enter gives the focus to the page; Tab to
 *      云岭县 (369904, a county of the table or the grid: a link), Enter
 *      opens its page;
 *   3. the county page: Tab to the sort button of a column of its
 *      schools table, Enter sorts it (the header cell's aria-sort
 *      ascending or descending, the focus kept); Tab on to one
 *      of its schools (a link to /schools/CODE), Enter opens the
 *      school's page, which names it;
 *   4. the language switch: Tab to "English", Enter: the menu now reads
 *      "Overview" and no longer 总览;
 *   5. the user menu: Tab to it, Enter opens it, Escape closes it (focus
 *      back on its button), Enter opens it again, the arrows move to
 *      "Sign out", Enter signs out: the sign-in page again.
 * And on a phone (375×812) the menu button opens the side menu in its
 * drawer with Enter, Tab reaches a link inside it, Escape closes it.
 *
 * At every stop of Tab the focused element must show where it is: its
 * own outline (style not none, at least 1 px wide, its colour with a
 * contrast of at least 3:1 against the background behind it: WCAG's
 * focus-appearance ratio), or — for Element Plus's fields, which draw
 * their focus on the field's frame — a frame marked focused (is-focus,
 * is-focused) with a shadow.  Focus must never fall back to the page
 * itself (body) between two stops, and the element sought must be
 * reached within a bound of stops (a trap, or a control with no
 * keyboard equivalent, leaves it unreached: the stops seen are listed).
 */
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const { check } = L;

const MAX_STOPS = 150;

/*
 * What has the focus and whether it shows: {none} when nothing but the
 * page has it; else {desc, visible, why}.
 */
async function focused(page) {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body || el === document.documentElement) return { none: true };
		const rgba = (s) => {
			const m = /rgba?\(([^)]+)\)/.exec(s || '');
			if (!m) return null;
			const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
			return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
		};
		const lum = (c) => {
			const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
			return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
		};
		const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
		/* The colour behind the outline: the first ancestor with a background (outlines are drawn outside the box). */
		const behind = (e) => {
			for (let p = e.parentElement; p; p = p.parentElement) {
				const c = rgba(getComputedStyle(p).backgroundColor);
				if (c && c.a > 0.5) return c;
			}
			return { r: 255, g: 255, b: 255, a: 1 };
		};
		const text = (el.innerText || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 40);
		const desc = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : '') +
			(el.getAttribute('href') ? ' href=' + el.getAttribute('href') : '') +
			(el.getAttribute('aria-label') ? ' [' + el.getAttribute('aria-label') + ']' : '') + (text ? ' "' + text + '"' : '');
		/* A hidden input (radio buttons, checkboxes, switches: opacity 0)
		 * shows its focus on the box drawn after it. */
		let ring = el;
		if (el.tagName === 'INPUT' && getComputedStyle(el).opacity === '0' && el.nextElementSibling) ring = el.nextElementSibling;
		/* Element Plus eases its rings in (transition: all 0.3 s): read
		 * them as they end. */
		for (const a of ring.getAnimations()) a.finish();
		const cs = getComputedStyle(ring);
		if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1) {
			const oc = rgba(cs.outlineColor);
			const bg = behind(ring);
			const ratio = oc ? contrast(oc, bg) : 0;
			return { desc, visible: ratio >= 3, why: 'outline ' + cs.outlineWidth + ' ' + cs.outlineColor + ' on ' + JSON.stringify(bg) + ': contrast ' + ratio.toFixed(2) };
		}
		for (let p = el, i = 0; p && i < 5; p = p.parentElement, i++) {
			for (const a of p.getAnimations()) a.finish();
			if ((p.classList.contains('is-focus') || p.classList.contains('is-focused')) && getComputedStyle(p).boxShadow !== 'none')
				return { desc, visible: true, why: 'focused frame ' + p.className };
		}
		return { desc, visible: false, why: 'no outline, no focused frame' };
	});
}

/*
 * Presses `key` (Tab or Shift+Tab) until `want(page)` holds for the
 * focused element (evaluated in the page: want receives the element),
 * checking every stop.  Returns {ok, stops, bad} — bad: stops without a
 * visible focus; stops: the descriptions of every stop.
 */
async function tabTo(page, want, arg, key = 'Tab') {
	const stops = [];
	const bad = [];
	let lost = 0;
	for (let i = 0; i < MAX_STOPS; i++) {
		await page.keyboard.press(key);
		const f = await focused(page);
		if (f.none) { lost++; stops.push('(the page itself)'); if (lost > 2) break; continue; }
		stops.push(f.desc);
		if (!f.visible) bad.push(f.desc + ': ' + f.why);
		if (await page.evaluate(want, arg)) return { ok: true, stops, bad };
	}
	return { ok: false, stops, bad };
}

/* Checks one walk of tabTo: reached, and every stop visible. */
function walked(label, r) {
	check(label + ': reached with the keyboard (' + r.stops.length + ' stops)', r.ok, 'stops: ' + r.stops.slice(-25).join(' | '));
	check(label + ': the focus is visible at every stop', r.bad.length === 0, [...new Set(r.bad)].slice(0, 10).join('\n'));
	return r.ok;
}

async function waitURL(page, re, ms = 15000) {
	try { await page.waitForURL(re, { timeout: ms }); } catch (e) { /* judged by the caller */ }
	await B.settle(page);
	return re.test(page.url());
}

module.exports = async function (ctx) {
	if (!ctx.ready('Overview', 'County', 'School')) return;
	const name = 'jiangzhou';
	const w = await B.open(ctx.browser, ctx.base, 'laptop');
	const page = w.page;
	try {
		/* 1. Sign in. */
		w.expect(401, '/api/v1/me');
		await page.goto('/');
		await B.settle(page);
		check('keyboard: the app opens on the sign-in page', /\/login/.test(page.url()), page.url());
		let r;
		if (await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('autocomplete') === 'username'))
			r = { ok: true, stops: ['(autofocus)'], bad: [] };
		else
			r = await tabTo(page, () => document.activeElement.getAttribute('autocomplete') === 'username');
		if (!walked('sign-in: the user name field', r)) return;
		await page.keyboard.type(name);
		r = await tabTo(page, () => document.activeElement.type === 'password');
		if (!walked('sign-in: Tab to the password field', r)) return;
		await page.keyboard.type(ctx.accounts[name].pw);
		await page.keyboard.press('Enter');
		check('sign-in: Enter in the password field signs in (the overview)', await waitURL(page, /\/overview/, 20000), page.url());
		await C.waitText(page, /云岭县/);
		C.clean(w, 'keyboard: sign-in');

		/* 2. The overview: the page has the focus (App.vue gives it to the
		 * new page); back up to the year picker, then to the skip link, then
		 * a county. */
		check('overview: the new page has the focus (its main region)',
			await page.evaluate(() => document.activeElement && document.activeElement.id === 'main'), (await focused(page)).desc);
		r = await tabTo(page, () => !!document.activeElement.closest('.year-pick'), null, 'Shift+Tab');
		if (walked('overview: the year picker', r)) {
			const yearBefore = new URL(page.url()).searchParams.get('year');
			await page.keyboard.press('Enter');
			const open = await page.waitForFunction(() => Array.from(document.querySelectorAll('.el-select-dropdown'))
				.some((d) => d.offsetParent !== null && d.getClientRects().length > 0), null, { timeout: 3000 }).then(() => true, () => false);
			check('overview: Enter opens the year picker', open);
			await page.keyboard.press('Escape');
			const closed = await page.waitForFunction(() => !Array.from(document.querySelectorAll('.el-select-dropdown'))
				.some((d) => d.offsetParent !== null && d.getClientRects().length > 0), null, { timeout: 3000 }).then(() => true, () => false);
			check('overview: Escape closes it, the year unchanged', closed && new URL(page.url()).searchParams.get('year') === yearBefore,
				page.url() + ' (was year=' + yearBefore + ')');
			check('overview: the focus stays on the year picker after Escape',
				await page.evaluate(() => !!document.activeElement.closest('.year-pick')), (await focused(page)).desc);
		}
		r = await tabTo(page, () => document.activeElement.classList.contains('skip-link'), null, 'Shift+Tab');
		if (walked('overview: the link "skip to the content" (跳到正文), first of the page', r)) {
			const box = await page.evaluate(() => { const b = document.activeElement.getBoundingClientRect(); return { top: b.top, bottom: b.bottom }; });
			check('the skip link is on the screen when it has the focus', box.top >= 0 && box.bottom <= 768, JSON.stringify(box));
			await page.keyboard.press('Enter');
			check('Enter on the skip link gives the focus to the page',
				await page.evaluate(() => document.activeElement && document.activeElement.id === 'main'), (await focused(page)).desc);
		}
		r = await tabTo(page, () => { const a = document.activeElement; return a.tagName === 'A' && /\/counties\/369904(\?|$)/.test(a.getAttribute('href') || ''); });
		if (!walked('overview: a link to 云岭县', r)) return;
		await page.keyboard.press('Enter');
		check('overview: Enter on the link opens 云岭县 (/counties/369904)', await waitURL(page, /\/counties\/369904/), page.url());
		check('county page: 云岭县', await C.waitText(page, /云岭县/), (await C.text(page)).slice(0, 300));
		C.clean(w, 'keyboard: overview');

		/* 3. The schools table sorts from the keyboard (the sort button
		 * of a header cell: Element Plus's, labelled "按 … 排序"; the cell
		 * says its order in aria-sort), then a school of the county. */
		r = await tabTo(page, () => { const a = document.activeElement; return a.matches('th button.caret-wrapper') && !!a.closest('#sec-schools'); });
		if (walked('county page: the sort button of a column of the schools table', r)) {
			const state = () => page.evaluate(() => {
				const th = document.activeElement.closest('th');
				return { sort: th.getAttribute('aria-sort') || 'none', head: th.innerText.trim(), focus: document.activeElement.matches('button.caret-wrapper') };
			});
			const before = await state();
			await page.keyboard.press('Enter');
			await page.waitForTimeout(300);
			const after = await state();
			check('county page: Enter on the header "' + before.head + '" sorts the schools (aria-sort ' + before.sort + ' → ' + after.sort + ')',
				before.head === after.head && after.focus && ['ascending', 'descending'].includes(after.sort) && after.sort !== before.sort,
				JSON.stringify({ before, after }));
		}
		/* A school of the county. */
		r = await tabTo(page, () => { const a = document.activeElement; return a.tagName === 'A' && /\/schools\/\d{10}(\?|$)/.test(a.getAttribute('href') || ''); });
		if (!walked('county page: a link to one of its schools', r)) return;
		const school = await page.evaluate(() => ({ href: document.activeElement.getAttribute('href'), name: document.activeElement.innerText.trim() }));
		await page.keyboard.press('Enter');
		const code = /\/schools\/(\d{10})/.exec(school.href)[1];
		check('county page: Enter opens the school (' + code + ' ' + school.name + ')', await waitURL(page, new RegExp('/schools/' + code)), page.url());
		check('school page: names the school', await C.waitText(page, new RegExp(school.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))), (await C.text(page)).slice(0, 300));
		C.clean(w, 'keyboard: county page');

		/* 4. English: back up to the header (the new page has the focus). */
		r = await tabTo(page, () => { const a = document.activeElement; return a.tagName === 'BUTTON' && a.innerText.trim() === 'English'; }, null, 'Shift+Tab');
		if (walked('school page: the language switch', r)) {
			await page.keyboard.press('Enter');
			check('Enter on "English": the menu reads Overview', await C.waitText(page, /\bOverview\b/), (await C.text(page)).slice(0, 300));
			check('English: 总览 is gone', !/总览/.test(await C.text(page)));
			check('the language switch keeps the focus (now 中文)',
				await page.evaluate(() => document.activeElement.tagName === 'BUTTON' && document.activeElement.innerText.trim() === '中文'),
				(await focused(page)).desc);
		}
		C.clean(w, 'keyboard: language');

		/* 5. The user menu: Escape, then sign out. */
		const onUser = () => { const a = document.activeElement; return a.tagName === 'BUTTON' && a.classList.contains('user-btn'); };
		r = await tabTo(page, onUser);
		if (!walked('the user menu\'s button', r)) return;
		/* Open: shown, and the focus in it (Element Plus moves it there
		 * once the menu has appeared), as a reader of the keyboard needs. */
		const menuShown = () => page.waitForFunction(() => Array.from(document.querySelectorAll('.el-dropdown-menu'))
			.some((d) => d.getClientRects().length > 0 && getComputedStyle(d.closest('.el-popper') || d).display !== 'none' &&
				d.contains(document.activeElement)), null, { timeout: 3000 })
			.then(() => true, () => false);
		const menuHidden = () => page.waitForFunction(() => !Array.from(document.querySelectorAll('.el-dropdown-menu'))
			.some((d) => d.getClientRects().length > 0 && getComputedStyle(d.closest('.el-popper') || d).display !== 'none'), null, { timeout: 3000 })
			.then(() => true, () => false);
		await page.keyboard.press('Enter');
		check('Enter opens the user menu (the focus in it)', await menuShown());
		await page.keyboard.press('Escape');
		check('Escape closes the user menu', await menuHidden());
		check('after Escape the focus is back on the user menu\'s button', await page.evaluate(onUser), (await focused(page)).desc);
		await page.keyboard.press('Enter');
		check('Enter opens the user menu again (the focus in it)', await menuShown());
		let out = false;
		const seen = [];
		for (let i = 0; i < 6 && !out; i++) {
			await page.keyboard.press('ArrowDown');
			const f = await focused(page);
			seen.push(f.desc || '(the page itself)');
			out = await page.evaluate(() => /^sign out$/i.test((document.activeElement.innerText || '').trim()));
			if (out && !f.visible) check('the menu item "Sign out" shows the focus', false, f.why);
		}
		check('the arrows reach "Sign out" in the user menu', out, seen.join(' | '));
		if (out) {
			await page.keyboard.press('Enter');
			check('Enter on "Sign out": the sign-in page again', await waitURL(page, /\/login/), page.url());
			w.expect(401, '/api/v1/me');
		}
		C.clean(w, 'keyboard: sign out');
		await B.shot(w, 'keyboard-signed-out');
	} finally {
		await w.close();
	}

	/* The phone: the menu in its drawer. */
	const p = await C.pageAs(ctx, name, 'phone');
	if (!p) return;
	try {
		const pg = p.page;
		await pg.evaluate(() => document.activeElement && document.activeElement.blur());
		const onMenuBtn = () => document.activeElement.classList.contains('menu-btn');
		let r = await tabTo(pg, onMenuBtn);
		if (!walked('phone: the menu button', r)) return;
		await pg.keyboard.press('Enter');
		const drawerOpen = await pg.waitForFunction(() => Array.from(document.querySelectorAll('.el-drawer'))
			.some((d) => d.getClientRects().length > 0), null, { timeout: 3000 }).then(() => true, () => false);
		check('phone: Enter on the menu button opens the drawer', drawerOpen);
		r = await tabTo(pg, () => { const a = document.activeElement; return a.tagName === 'A' && !!a.closest('.el-drawer') && a.classList.contains('menu-item'); });
		walked('phone: a link of the side menu inside the drawer', r);
		await B.shot(p, 'keyboard-drawer');
		await pg.keyboard.press('Escape');
		const drawerClosed = await pg.waitForFunction(() => !Array.from(document.querySelectorAll('.el-drawer'))
			.some((d) => d.getClientRects().length > 0), null, { timeout: 3000 }).then(() => true, () => false);
		check('phone: Escape closes the drawer', drawerClosed);
		check('phone: the focus is back on the menu button', await pg.evaluate(onMenuBtn), (await focused(pg)).desc);
		C.clean(p, 'keyboard: phone');
	} finally {
		await p.close();
	}
};
