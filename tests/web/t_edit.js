'use strict';
/*
 * t_edit.js — a school-year's values edited through the edit page
 * (/schools/2136990410/edit?year=2024) by the county office (yunling):
 *   1. students_primary 305 (data/sample/schools-2024.csv) → 310 without
 *      a reason: the page asks for one (请填写修改原因) and nothing is
 *      written;
 *   2. with the reason 核对学籍后更正在校生数: saved as a new revision
 *      (已保存为修订 N), the API reads 310, and the school's page shows the
 *      change in its history: the reason, who (yunling) and 305 → 310;
 *   3. a concurrent edit: the city office (jiangzhou) opened the page
 *      before yunling saved 311; its own save of 312 is a conflict (the
 *      API's 409): the page says so (保存未成功) with the other change; it
 *      keeps its own value for the clashing field (我的), re-bases (使用最新
 *      数据) and saves: 312 is stored.
 */
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const { check } = L;

const PATH = '/schools/2136990410/edit?year=2024';
const WHY = '核对学籍后更正在校生数';

async function field(page, name) {
	return C.firstVisible([page.getByLabel(name, { exact: true }), page.locator('#f-students_primary')]);
}
async function save(page) {
	const b = page.getByRole('button', { name: /保存修改/ }).first();
	await b.click();
	await page.waitForTimeout(300);
	await B.settle(page);
}
async function students(ctx) {
	const r = await L.api('GET', '/schools/2136990410?year=2024', { session: ctx.api.admin });
	const f = ((r.json && r.json.fields) || []).find((x) => x.key === 'students_primary');
	return f ? Number(f.value) : NaN;
}

module.exports = async function (ctx) {
	if (!ctx.ready('EditSchool')) return;
	const school = await L.api('GET', '/schools/2136990410?year=2024', { session: ctx.api.admin });
	const meta = ((school.json && school.json.fields) || []).find((x) => x.key === 'students_primary') || {};
	const label = meta.name_zh || '小学在校生数';
	check('the sample: 2136990410 has 305 primary pupils', await students(ctx) === 305);

	const w = await C.pageAs(ctx, 'yunling');
	if (!w) return;
	const other = await C.pageAs(ctx, 'jiangzhou');
	const page = w.page;
	await C.visit(w, PATH);
	if (other) await C.visit(other, PATH);
	const box = await field(page, label);
	if (!check('edit page: the field ' + label + ' (labelled)', !!box, (await C.text(page)).slice(0, 500))) return w.close();
	check('edit page: the field holds 305', (await box.inputValue()).replace(/,/g, '') === '305', await box.inputValue());
	/* The raw figures (issue 14) are a group of their own, shown last, and
	 * the yes/no conditions are 是/否 selects, not number boxes. */
	const legends = await page.locator('fieldset.ep-group legend').allInnerTexts();
	check('edit page: the raw figures are the last group (原始数据…)',
	      legends.length > 1 && /^原始数据/.test(legends[legends.length - 1]), legends.join(' | '));
	check('edit page: 是否乡村小规模学校 is a select',
	      await page.locator('.el-select #f-rural_small, #f-rural_small.el-select, .el-select:has(#f-rural_small)').count() > 0);
	const revs0 = await L.api('GET', '/revisions', { session: ctx.api.admin });

	await box.fill('310');
	await save(page);
	check('no reason: the page asks for one (请填写修改原因)', await C.waitText(page, /请填写修改原因/, 5000));
	const revs1 = await L.api('GET', '/revisions', { session: ctx.api.admin });
	check('no reason: nothing written', revs0.text === revs1.text && await students(ctx) === 305);
	await B.shot(w, 'edit-no-reason');

	const why = await C.firstVisible([page.getByLabel('修改原因'), page.locator('#f-why')]);
	if (!check('edit page: the reason field (修改原因)', !!why)) return w.close();
	await why.fill(WHY);
	await save(page);
	check('with a reason: saved (已保存为修订)', await C.waitText(page, /已保存为修订\s*\d+/, 15000), (await C.text(page)).slice(0, 600));
	check('with a reason: the API reads 310', await students(ctx) === 310);
	await B.shot(w, 'edit-saved');
	C.clean(w, 'edit page');

	if (ctx.ready('School')) {
		await C.visit(w, '/schools/2136990410?year=2024');
		const seen = await C.waitText(page, new RegExp(WHY));
		const t = await C.text(page);
		check('school page: the change in its history (the reason)', seen, t.slice(0, 800));
		check('school page: the change in its history (who: yunling)', /yunling/.test(t));
		/* The revision's row opens on its changes (old → new). */
		const row = page.locator('tr', { hasText: WHY }).first();
		const open = row.locator('.el-table__expand-icon, button[aria-expanded="false"]').first();
		if (await open.count()) { await open.click(); await page.waitForTimeout(500); }
		const t3 = await C.text(page);
		check('school page: the change in its history (305 → 310)', /305[\s\S]{0,80}310/.test(t3), t3.slice(t3.indexOf(WHY), t3.indexOf(WHY) + 400));
		await B.shot(w, 'school-history');
		C.clean(w, 'school page with its history');
	}

	/* The concurrent edit: jiangzhou read the row at the first revision. */
	await C.visit(w, PATH);
	const box2 = await field(page, label);
	await box2.fill('311');
	await (await C.firstVisible([page.getByLabel('修改原因'), page.locator('#f-why')])).fill('第二次核对');
	await save(page);
	check('yunling saves 311', await C.waitText(page, /已保存为修订/, 15000) && await students(ctx) === 311);
	if (other) {
		const p2 = other.page;
		other.expect(409, '/api/v1/schools/2136990410/years/2024');
		const b2 = await field(p2, label);
		await b2.fill('312');
		await (await C.firstVisible([p2.getByLabel('修改原因'), p2.locator('#f-why')])).fill('市里复核');
		await save(p2);
		const conflict = await C.waitText(p2, /保存未成功/, 15000);
		const t2 = await C.text(p2);
		check('concurrent edit: the conflict is shown (保存未成功)', conflict, t2.slice(0, 600));
		check('concurrent edit: the other change is shown (yunling, 311)', /yunling/.test(t2) && /311/.test(t2));
		check('concurrent edit: nothing of 312 written', await students(ctx) === 311);
		await B.shot(other, 'edit-conflict');
		const rebase = p2.getByRole('button', { name: /使用最新数据/ });
		/* Both changed the field: keep "mine" (我的), 312. */
		const mine = p2.getByText('我的', { exact: true }).filter({ visible: true });
		if (check('concurrent edit: the clash offers to keep mine (我的)', await mine.count() > 0)) await mine.first().click();
		if (check('concurrent edit: a button re-bases (使用最新数据)', await rebase.count() > 0)) {
			await rebase.first().click();
			await B.settle(p2);
			const r = await C.firstVisible([p2.getByLabel('修改原因'), p2.locator('#f-why')]);
			if (r && !(await r.inputValue())) await r.fill('市里复核');
			await save(p2);
			check('concurrent edit: saved after re-basing', await C.waitText(p2, /已保存为修订/, 15000), (await C.text(p2)).slice(0, 600));
			const v = await students(ctx);
			check('concurrent edit: mine kept, 312 stored', v === 312, String(v));
		}
		C.clean(other, 'edit page with a conflict');
		await other.close();
	}
	await w.close();
};
