'use strict';
/*
 * t_english.js — the English switch changes every label: signed in as the
 * city office, the switch in the header (English) is pressed once, then
 * every page (pages.js) is opened and its visible text (text nodes,
 * placeholders, aria-labels, titles, the document's title) is searched
 * for Chinese.  Data values may stay Chinese — names of areas and
 * schools, who and why of revisions, file names (run.js's dataValues,
 * read from the API) and anything inside an element marked data-value —
 * and are taken out first; whatever Chinese is left is a label that was
 * not translated, and is named in the failure.  The document's title
 * (the browser's tab) is one check for all pages.  The sign-in page is
 * checked the same way with its own switch, and the choice is kept
 * across a reload.
 */
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const PAGES = require('./pages.js');
const { check } = L;

async function english(page) {
	const b = page.getByRole('button', { name: /^\s*English\s*$/ }).first();
	if (!(await b.count())) return false;
	await b.click();
	await page.waitForTimeout(300);
	return true;
}

module.exports = async function (ctx) {
	const values = await ctx.dataValues();

	/* The sign-in page. */
	{
		const w = await B.open(ctx.browser, ctx.base);
		await C.visit(w, '/login');
		check('sign-in page: an English switch', await english(w.page));
		const left = C.chineseLeft((await B.visibleTexts(w.page)).filter((t) => t.attr !== 'document.title'), values);
		check('sign-in page in English: no Chinese label', left.length === 0, left.slice(0, 20).join(' | '));
		await B.shot(w, 'en-login');
		C.clean(w, 'sign-in page in English');
		await w.close();
	}

	const w = await C.pageAs(ctx, 'jiangzhou');
	if (!w) return;
	const page = w.page;
	check('header: an English switch', await english(page));
	await page.reload();
	await B.settle(page);
	check('English is kept across a reload (the switch now offers 中文)',
		await page.getByRole('button', { name: /^\s*中文\s*$/ }).count() > 0);
	const titles = new Set();
	for (const p of PAGES) {
		await C.visit(w, p.path);
		if (p.wait) await C.waitText(page, p.wait, 30000);
		const texts = await B.visibleTexts(page);
		/* The document's title is judged once, below, for every page. */
		for (const t of texts) if (t.attr === 'document.title') titles.add(t.text);
		const left = C.chineseLeft(texts.filter((t) => t.attr !== 'document.title'), values);
		check(p.name + ' page in English: no Chinese label' + (ctx.ready(p.page) ? '' : ' (the shell\'s placeholder)'),
			left.length === 0, left.slice(0, 20).join(' | '));
		await B.shot(w, 'en-' + p.name);
		C.clean(w, p.name + ' page in English');
	}
	const zhTitles = [...titles].filter((t) => C.chineseLeft([{ text: t }], values).length);
	check('the document\'s title (the browser\'s tab) in English on every page', zhTitles.length === 0, zhTitles.join(' | '));
	await w.close();
};
