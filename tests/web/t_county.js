'use strict';
/*
 * t_county.js — the question of the issue, asked as the city office
 * (jiangzhou) would: from the overview, open a failing county (云岭县
 * 369904, 未达到 in 2024), find the schools that keep it from passing and
 * what each lacks, and the county's cheapest plan.
 *
 * What the page must show, from `junheng gaps --county 369904 --year
 * 2024` (the API's gaps is the CLI's JSON):
 *   - the eight failing schools, among them 2136990410 高坪乡乌石小学,
 *     whose shortfall alone is 1 qualified + 1 PE/art teacher (2 teachers
 *     × 120,000 yuan) = 240,000 yuan, and 2136990409 高坪乡中学
 *     (1,383,000 yuan: 12 teachers 1,140,000 + 3 multimedia rooms 180,000
 *     + 18 m² of art room × 3,500 = 63,000);
 *   - the county plan: 7,935,187 yuan, its proven lower bound the same
 *     (gap 0).
 * Money is formatted as the CLI does, with thousands separators.
 * Every failing item other than the schools' is named (the verdict's).
 * Then the schools table filters by name (乌石 leaves 高坪乡乌石小学 and
 * not 云岭县实验小学), and a click on the failing school opens its page,
 * which shows its name and the 85% floor of its indicators.
 */
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const { check } = L;

module.exports = async function (ctx) {
	if (!ctx.ready('Overview', 'County')) return;
	const w = await C.pageAs(ctx, 'jiangzhou');
	if (!w) return;
	const page = w.page;
	await C.waitText(page, /云岭县/);
	const link = page.getByRole('link', { name: '云岭县', exact: true }).first();
	if (!check('overview: 云岭县 is a link', await link.count() > 0, (await C.text(page)).slice(0, 600))) return w.close();
	await link.click();
	try { await page.waitForURL(/\/counties\/369904/, { timeout: 15000 }); } catch (e) { /* checked below */ }
	check('a click on 云岭县 opens /counties/369904', /\/counties\/369904(\?|$)/.test(page.url()), page.url());
	check('the county page keeps the year (?year=2024)', /[?&]year=2024/.test(page.url()), page.url());
	await B.settle(page);
	check('county page: 云岭县 and its verdict 未达到', await C.waitText(page, /云岭县[\s\S]*未达到|未达到[\s\S]*云岭县/), (await C.text(page)).slice(0, 600));

	/* The gap plan may take a while (GLPK on the worker pool). */
	const planShown = await C.waitText(page, /7,935,187/, 60000);
	const text = await C.text(page);
	check('county page: the county plan\'s cost 7,935,187', planShown, text.slice(0, 1500));
	const gaps = await L.api('GET', '/counties/369904/gaps?year=2024', { session: ctx.api.jiangzhou });
	const failing = ((gaps.json && gaps.json.schools) || []).map((s) => s.school_name);
	check('gaps: eight failing schools', failing.length === 8, failing.join(' '));
	const missing = failing.filter((n) => !text.includes(n));
	check('county page: every failing school is named (' + failing.length + ')', failing.length && !missing.length, 'missing: ' + missing.join(' '));
	check('county page: 高坪乡乌石小学\'s shortfall 240,000 yuan is shown', /240,000/.test(text));
	check('county page: 高坪乡中学\'s shortfall 1,383,000 yuan is shown', /1,383,000/.test(text));
	/* Every item that fails, by its name or its short label (the
	 * verdict's items with status "fail" other than the schools': the
	 * junior key-teacher coefficient, the music/art rooms, class size). */
	const verdict = await L.api('GET', '/counties/369904/verdict?year=2024', { session: ctx.api.jiangzhou });
	const items = ((verdict.json && verdict.json.items) || []).filter((i) => i.status === 'fail' && !/^resource\.school\./.test(i.id));
	const unnamed = items.filter((i) => !text.includes(i.name_zh) && !(i.label_zh && text.includes(i.label_zh)));
	check('county page: every failing item is named (' + items.length + ')', items.length === 3 && !unnamed.length,
		unnamed.map((i) => i.id + ' ' + i.name_zh).join('; '));
	check('county page: social recognition against 85%', /85(\.0+)?\s*%/.test(text));
	await B.shot(w, 'county-369904');
	C.clean(w, 'county page 369904');

	/* The schools table's filter. */
	let filtered = false;
	const boxes = page.locator('input[placeholder]');
	for (let i = 0; i < await boxes.count(); i++) {
		const box = boxes.nth(i);
		const ph = (await box.getAttribute('placeholder')) || '';
		if (!/筛选|搜索|查找|名称|代码/.test(ph) || !(await box.isVisible())) continue;
		/* The table the filter belongs to: the nearest block around it
		 * that holds a table (the items' table lists schools too). */
		const block = box.locator('xpath=ancestor::*[.//table][1]');
		if (!(await block.count())) continue;
		const before = await block.locator('tr', { hasText: '云岭县实验小学' }).count();
		await box.fill('乌石');
		await page.waitForTimeout(600);
		const own = await block.locator('tr', { hasText: '高坪乡乌石小学' }).count();
		const rows = await block.locator('tr', { hasText: '云岭县实验小学' }).count();
		await box.fill('');
		if (before > 0 && own > 0 && rows === 0) { filtered = true; break; }
	}
	check('county page: the schools table filters by name (乌石 → 高坪乡乌石小学, not 云岭县实验小学)', filtered);

	const school = page.getByRole('link', { name: '高坪乡乌石小学' }).first();
	if (ctx.ready('School') && check('county page: 高坪乡乌石小学 is a link', await school.count() > 0)) {
		await school.click();
		try { await page.waitForURL(/\/schools\/2136990410/, { timeout: 15000 }); } catch (e) { /* checked below */ }
		check('a click on the school opens /schools/2136990410', /\/schools\/2136990410/.test(page.url()), page.url());
		await B.settle(page);
		const st = await C.waitText(page, /高坪乡乌石小学/) ? await C.text(page) : '';
		check('school page: its name 高坪乡乌石小学', st.includes('高坪乡乌石小学'), (await C.text(page)).slice(0, 500));
		check('school page: the 85% floor', /85(\.0+)?\s*%/.test(st), st.slice(0, 800));
		await B.shot(w, 'school-2136990410');
		C.clean(w, 'school page 2136990410');
	}
	await w.close();
};
