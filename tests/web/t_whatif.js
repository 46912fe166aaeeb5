'use strict';
/*
 * t_whatif.js — the county office of 云岭县 builds a change list in the
 * what-if form (/counties/369904/whatif?year=2024) and sees the verdict
 * before and after side by side.  The change: close 2136990410 高坪乡乌石
 * 小学 (撤销学校), one of the eight failing schools.  Before: 未达到 with 10
 * failing items (`junheng verdict --county 369904 --year 2024`: "不达标 10
 * 项").  After: what POST /counties/369904/whatif answers for the same
 * change (the page draws, it does not judge): its failing items, counted
 * from the answer's items with status "fail".  Nothing is written (the
 * revisions are the same after).
 */
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const { check } = L;

/* Opens the el-select named `name` and picks the option whose text matches `re`. */
async function choose(page, name, re, typed) {
	const box = await C.firstVisible([page.getByRole('combobox', { name }), page.getByLabel(name, { exact: true })]);
	if (!box) return false;
	/* Element Plus lays its placeholder over the input: a click on it
	 * is what a reader does. */
	await box.click({ force: true });
	if (typed) await page.keyboard.type(typed);
	const opt = page.getByRole('option', { name: re }).filter({ visible: true }).first();
	try { await opt.waitFor({ state: 'visible', timeout: 5000 }); } catch (e) { return false; }
	await opt.click();
	await page.waitForTimeout(200);
	return true;
}

function failingItems(v) {
	return ((v && v.items) || []).filter((i) => i.status === 'fail').length;
}

module.exports = async function (ctx) {
	if (!ctx.ready('WhatIf')) return;
	const revs0 = await L.api('GET', '/revisions', { session: ctx.api.admin });
	const api = await L.api('POST', '/counties/369904/whatif?year=2024', { session: ctx.api.yunling,
		body: { changes: [{ action: 'close', school_code: '2136990410' }] } });
	const before = failingItems(api.json && api.json.before);
	const after = failingItems(api.json && api.json.after);
	check('what-if API: before 10 failing items (the CLI\'s verdict)', api.status === 200 && before === 10, api.status + ' ' + before);

	const w = await C.pageAs(ctx, 'yunling');
	if (!w) return;
	const page = w.page;
	await C.visit(w, '/counties/369904/whatif?year=2024');
	check('what-if page: its title (模拟)', await C.waitText(page, /模拟/), (await C.text(page)).slice(0, 300));
	const add = page.getByRole('button', { name: /添加一步/ });
	if (check('what-if page: a button adds a step (添加一步)', await add.count() > 0)) await add.first().click();
	check('what-if: the step\'s action is chosen (撤销学校)', await choose(page, '操作', /撤销学校/));
	check('what-if: the step\'s school is chosen (高坪乡乌石小学)', await choose(page, '学校', /高坪乡乌石小学/, '乌石'));
	await B.shot(w, 'whatif-form');
	const run = page.getByRole('button', { name: /开始模拟/ });
	if (check('what-if: a button runs it (开始模拟)', await run.count() > 0 && await run.first().isEnabled())) await run.first().click();
	const shown = await C.waitText(page, /变化前[\s\S]*未达标项\s*[:：]?\s*\d+[\s\S]*变化后[\s\S]*未达标项\s*[:：]?\s*\d+/, 60000);
	const text = await C.text(page);
	check('what-if: before and after side by side (变化前, 变化后)', shown, text.slice(0, 800));
	const counts = [...text.matchAll(/未达标项\s*[:：]?\s*(\d+)/g)].map((m) => Number(m[1]));
	check('what-if: failing items before ' + before + ' and after ' + after + ' (the API\'s answer)',
		counts.length >= 2 && counts[0] === before && counts[1] === after, 'on the page: ' + counts.join(', '));
	check('what-if: both verdicts shown (未达到 on both sides)', await C.waitText(page, /未达到[\s\S]*未达到/, 10000));
	await B.shot(w, 'whatif-result');
	C.clean(w, 'what-if page');
	const revs1 = await L.api('GET', '/revisions', { session: ctx.api.admin });
	check('what-if: nothing written', revs0.text === revs1.text);
	await w.close();
};
