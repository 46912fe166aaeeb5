'use strict';
/*
 * browser.js — the browser side of the web tests (issue 11): finding
 * playwright-core and Chromium, one watched page per account and viewport,
 * screenshots, the visible text of a page.
 *
 * playwright-core is the one in web/node_modules (installed by `npm ci`,
 * which `make` runs); the browser is Debian's chromium (/usr/bin/chromium,
 * installed by scripts/install-deps.sh; CHROMIUM overrides the path),
 * launched headless, with --no-sandbox when the tests run as root (the
 * sandbox needs an unprivileged user).  Neither is downloaded here: when
 * one is missing the runner counts a failure and says how to get it.
 *
 * Every page opened through `open()` is watched from its first request:
 * console errors, unresolved components (watchUnresolved), uncaught exceptions, requests that failed at the network
 * level and responses of status 400 or more are recorded, with the URL.
 * A test that provokes an error on purpose (the refusal page's 403) says
 * which statuses and URLs it expects (`expect(status, urlPart)`); anything
 * else is reported by `clean()` as one failed check naming the page.
 * Chromium logs every 4xx/5xx response as a console error "Failed to load
 * resource …" too: those follow the response's verdict and are not counted
 * twice.  Requests aborted by a navigation (net::ERR_ABORTED: the app
 * left a page while a fetch was in flight, which it may) are not failures.
 */
const fs = require('node:fs');
const path = require('node:path');

const top = path.resolve(__dirname, '..', '..');
const VIEWPORTS = { laptop: { width: 1366, height: 768 }, phone: { width: 375, height: 812 } };
const SHOTS = path.join(top, 'tests/out/screenshots');

/* playwright-core from web/node_modules, or an error saying what is missing. */
function loadPlaywright() {
	const dir = path.join(top, 'web/node_modules/playwright-core');
	if (!fs.existsSync(path.join(dir, 'package.json')))
		return { error: 'web/node_modules/playwright-core is missing (make runs `npm ci` in web/)' };
	try {
		const pw = require(dir);
		return { pw, version: require(path.join(dir, 'package.json')).version };
	} catch (e) {
		return { error: 'playwright-core does not load: ' + e.message };
	}
}

function chromiumPath() {
	const c = process.env.CHROMIUM || '/usr/bin/chromium';
	try {
		fs.accessSync(c, fs.constants.X_OK);
		return { path: c };
	} catch (e) {
		return { error: c + ' is missing (scripts/install-deps.sh installs Debian\'s chromium)' };
	}
}

async function launch(pw, exe) {
	const args = ['--disable-gpu', '--disable-dev-shm-usage', '--lang=zh-CN'];
	if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
	return pw.chromium.launch({ executablePath: exe, headless: true, args, timeout: 60000 });
}

/*
 * Runs in every page before its own scripts (an init script: not subject
 * to the page's CSP).  A built application renders a component it cannot
 * resolve — an Element Plus component used in a template but not
 * registered in web/src/elements.js — as an unknown <el-…> element,
 * without a word on the console (Vue warns only in development; Element
 * Plus itself never renders <el-…> elements).  Each such element added to
 * the document is reported once per name as a console error, which the
 * page's watch below counts as a problem.
 */
function watchUnresolved() {
	const seen = new Set();
	const look = (el) => {
		const all = [el, ...el.getElementsByTagName('*')];
		for (const e of all) {
			const n = e.localName;
			if (n.startsWith('el-') && !seen.has(n)) {
				seen.add(n);
				console.error('unresolved component: <' + n + '> (not registered in web/src/elements.js)');
			}
		}
	};
	new MutationObserver((records) => {
		for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) look(n);
	}).observe(document, { childList: true, subtree: true });
}

/*
 * A watched page.  base: the server's http://127.0.0.1:PORT.  viewport:
 * 'laptop' | 'phone'.  A new browser context each time, so that cookies,
 * the language kept in localStorage and the session are its own.
 */
async function open(browser, base, viewport = 'laptop', o = {}) {
	const context = await browser.newContext({
		viewport: VIEWPORTS[viewport],
		baseURL: base,
		locale: o.locale || 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		acceptDownloads: true,
	});
	context.setDefaultTimeout(o.timeout || 20000);
	await context.addInitScript(watchUnresolved);
	const page = await context.newPage();
	const w = { page, context, viewport, problems: [], expected: [], notes: [] };
	const isExpected = (status, url) => w.expected.some((e) => e.status === status && url.includes(e.url));
	page.on('console', (m) => {
		const text = m.text();
		/* A development build (WEB_STATIC of `vite build --mode development`)
		 * warns about a component or directive it cannot resolve. */
		if (m.type() === 'warning' && /Failed to resolve (component|directive)/.test(text)) {
			w.problems.push('console warning: ' + text.slice(0, 400));
			return;
		}
		if (m.type() !== 'error') return;
		const loc = (m.location() && m.location().url) || '';
		/* "Failed to load resource: … status of 403 (Forbidden)": judged with its response. */
		const st = /Failed to load resource: the server responded with a status of (\d+)/.exec(text);
		if (st) return;
		w.problems.push('console error: ' + text.slice(0, 400) + (loc ? ' (' + loc + ')' : ''));
	});
	page.on('pageerror', (e) => w.problems.push('uncaught exception: ' + String(e && e.stack || e).slice(0, 600)));
	page.on('requestfailed', (r) => {
		const f = r.failure() ? r.failure().errorText : '';
		if (/ERR_ABORTED/.test(f)) { w.notes.push('aborted: ' + r.url()); return; }
		w.problems.push('request failed: ' + r.method() + ' ' + r.url() + ' ' + f);
	});
	page.on('response', (r) => {
		const s = r.status();
		if (s < 400) return;
		if (isExpected(s, r.url())) return;
		w.problems.push('HTTP ' + s + ': ' + r.request().method() + ' ' + r.url());
	});
	w.expect = (status, url) => { w.expected.push({ status, url }); };
	/* The problems seen since the last call, and forget them. */
	w.take = () => { const p = w.problems; w.problems = []; return p; };
	w.close = () => context.close().catch(() => {});
	return w;
}

/* Waits until the page has settled: no request for 500 ms, no loading mask. */
async function settle(page, ms = 15000) {
	try { await page.waitForLoadState('networkidle', { timeout: ms }); } catch (e) { /* judged by the caller */ }
	try {
		await page.waitForFunction(() => !Array.from(document.querySelectorAll('.el-loading-mask'))
			.some((m) => m.offsetParent !== null && getComputedStyle(m).display !== 'none'), null, { timeout: ms });
	} catch (e) { /* a mask that stays is seen in the screenshot */ }
	await page.waitForTimeout(150);
}

/* A screenshot of the whole page under tests/out/screenshots/NAME-WxH.png. */
async function shot(w, name) {
	fs.mkdirSync(SHOTS, { recursive: true });
	const v = VIEWPORTS[w.viewport];
	const file = path.join(SHOTS, name + '-' + v.width + 'x' + v.height + '.png');
	await w.page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
	return file;
}

/*
 * The text a reader sees: every text node that is rendered (its element
 * has a box, is not visibility:hidden, and is not inside aria-hidden
 * decoration), plus placeholders, aria-labels, titles and the document's
 * title.  One string per node, trimmed, flagged `data` inside an element
 * marked as data (data-value, data-test-data) or as Chinese on purpose
 * (lang="zh…" below the root, as the language switch's 中文).  ECharts
 * draws on a canvas, which holds no text nodes.
 */
async function visibleTexts(page) {
	return page.evaluate(() => {
		const out = [];
		const shown = (el) => {
			for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
				const cs = getComputedStyle(e);
				if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return false;
			}
			return el.getClientRects().length > 0;
		};
		/* Text marked as Chinese on purpose below the root (lang="zh…"):
		 * the language switch's own name, 中文, offered in English. */
		const zh = (el) => {
			const m = el.closest('[lang]');
			return !!m && m !== document.documentElement && /^zh/i.test(m.getAttribute('lang'));
		};
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const t = n.nodeValue.replace(/\s+/g, ' ').trim();
			if (!t) continue;
			const el = n.parentElement;
			if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
			if (!shown(el)) continue;
			out.push({ text: t, data: !!el.closest('[data-value],[data-test-data]') || zh(el) });
		}
		for (const el of document.querySelectorAll('[placeholder],[aria-label],[title]')) {
			if (!shown(el)) continue;
			for (const a of ['placeholder', 'aria-label', 'title']) {
				const v = el.getAttribute(a);
				if (v && v.trim()) out.push({ text: v.trim(), data: zh(el), attr: a });
			}
		}
		if (document.title) out.push({ text: document.title, data: false, attr: 'document.title' });
		return out;
	});
}

/* Whether the page is wider than the viewport (a phone must not scroll sideways). */
async function overflowX(page) {
	return page.evaluate(() => {
		const d = document.documentElement;
		return { scroll: Math.max(d.scrollWidth, document.body ? document.body.scrollWidth : 0), client: d.clientWidth };
	});
}

module.exports = { top, VIEWPORTS, SHOTS, loadPlaywright, chromiumPath, launch, open, settle, shot, visibleTexts, overflowX };
