'use strict';
/*
 * t_import.js — the city office (jiangzhou) imports through the import
 * page (/import):
 *   1. a bad file (bad.csv: no header row of any template) — refused
 *      whole (the API's 422): the page lists the problem in a table with
 *      the file's name and the message 找不到表头行; nothing is written;
 *   2. two files at once, one good and one bad (anping-fix.csv below and
 *      bad-county.csv, a county-year record of an item the standard does
 *      not have): one import, so refused whole — the problem names
 *      bad-county.csv, the good file is not written either;
 *   3. two good files at once, one import (one revision): anping-fix.csv
 *      (one row, 2136990212 石桥镇中心小学's 2024 equipment 1,023,000 →
 *      1,054,000 yuan) and anping-county.csv (安平县 369902's 2024
 *      layout_plan, 是 kept, a new note).  The one thing that keeps 安平县
 *      from passing in 2024 is that school's equipment (`junheng gaps
 *      --county 369902 --year 2024`: "教学仪器设备 31,000 元"; 1,023,000 +
 *      31,000 = 1,054,000 = 620 pupils × 1,700 yuan), so after it the
 *      overview's 安平县 goes from 未达到 to 达到.  The page shows the
 *      revision made and both files; the revision's sources name both.
 */
const fs = require('node:fs');
const path = require('node:path');
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const { check } = L;

async function verdictRow(page, name) {
	const r = page.locator('tr', { hasText: name }).first();
	return (await r.count()) ? (await r.innerText()).replace(/\s+/g, ' ') : '';
}

/* Picks the file (or files, an array) into the page's file input and
 * starts the import. */
async function upload(page, file) {
	const input = page.locator('input[type=file]').first();
	if (!(await input.count())) return false;
	await input.setInputFiles(file);
	await page.waitForTimeout(300);
	const start = page.getByRole('button', { name: /开始导入/ }).filter({ visible: true });
	for (let i = 0; i < await start.count(); i++) {
		const b = start.nth(i);
		if (await b.isEnabled()) { await b.click(); break; }
	}
	return true;
}

module.exports = async function (ctx) {
	if (!ctx.ready('Import')) return;
	const sample = fs.readFileSync(path.join(ctx.top, 'data/sample/schools-2024.csv'), 'utf8').split('\n');
	const row = sample.find((l) => l.startsWith('2136990212,'));
	const bad = path.join(ctx.tmp, 'bad.csv');
	fs.writeFileSync(bad, 'foo,bar\n1,2\n');
	const good = path.join(ctx.tmp, 'anping-fix.csv');
	check('the sample: 2136990212\'s equipment is 1,023,000', row && row.includes(',1023000,'), row);
	fs.writeFileSync(good, sample[0] + '\n' + row.replace(',1023000,', ',1054000,') + '\n');
	const county = path.join(ctx.tmp, 'anping-county.csv');
	fs.writeFileSync(county, 'county_code,year,item,value,note\n369902,2024,layout_plan,是,规划已复核(浏览器测试)\n');
	const badCounty = path.join(ctx.tmp, 'bad-county.csv');
	fs.writeFileSync(badCounty, 'county_code,year,item,value,note\n369902,2024,no_such_item,1,x\n');

	const w = await C.pageAs(ctx, 'jiangzhou');
	if (!w) return;
	const page = w.page;
	if (ctx.ready('Overview')) {
		await C.visit(w, '/overview?year=2024&area=369900');
		await C.waitText(page, /安平县/);
		const r = await verdictRow(page, '安平县');
		check('before the import: 安平县 未达到 on the overview', /未达到/.test(r), r);
	}
	const revs0 = await L.api('GET', '/revisions', { session: ctx.api.admin });

	await C.visit(w, '/import');
	w.expect(422, '/api/v1/imports');
	check('import page: a file input', await upload(page, bad));
	const listed = await C.waitText(page, /找不到表头行/, 30000);
	const t1 = await C.text(page);
	check('bad file: the problem is listed (找不到表头行)', listed, t1.slice(0, 800));
	check('bad file: the problem names the file (bad.csv)', /bad\.csv/.test(t1));
	const prow = page.locator('tr', { hasText: '找不到表头行' });
	check('bad file: the problems are a table', await prow.count() > 0);
	await B.shot(w, 'import-problems');
	C.clean(w, 'import page, bad file');
	const revs1 = await L.api('GET', '/revisions', { session: ctx.api.admin });
	check('bad file: nothing written', revs0.text === revs1.text);

	/* A good file and a bad one: one import, refused whole. */
	await C.visit(w, '/import');
	w.expect(422, '/api/v1/imports');
	check('import page: two files picked (good + bad)', await upload(page, [good, badCounty]));
	await C.waitText(page, /导入未执行/, 30000);
	const tb = await C.text(page);
	const brow = page.locator('tr', { hasText: 'bad-county.csv' });
	check('good + bad file: refused, the problem table names bad-county.csv', /导入未执行/.test(tb) && await brow.count() > 0,
		tb.slice(0, 800));
	check('good + bad file: the title says 2 个文件', /2 个文件/.test(tb));
	C.clean(w, 'import page, good and bad file');
	const revsB = await L.api('GET', '/revisions', { session: ctx.api.admin });
	check('good + bad file: nothing written (not even the good file)', revs0.text === revsB.text);

	await C.visit(w, '/import');
	check('import page: the two good files are picked', await upload(page, [good, county]));
	const ok = await C.waitText(page, /导入成功/, 60000);
	const t2 = await C.text(page);
	check('two good files: the page says they went in (导入成功)', ok, t2.slice(0, 800));
	const revs2 = await L.api('GET', '/revisions', { session: ctx.api.admin });
	const last = Array.isArray(revs2.json) && revs2.json.length ? revs2.json[revs2.json.length - 1] : {};
	check('two good files: one new revision, by jiangzhou', Array.isArray(revs2.json) && revs2.json.length === revs1.json.length + 1 && last.who === 'jiangzhou',
		JSON.stringify(last));
	check('two good files: the revision\'s sources name both files', /^anping-fix\.csv [0-9a-f]{64}; anping-county\.csv [0-9a-f]{64}$/.test(last.sources || ''),
		last.sources);
	check('two good files: the page shows the revision number ' + last.revision, new RegExp('\\b' + last.revision + '\\b').test(t2));
	check('two good files: the page lists both files', /anping-fix\.csv/.test(t2) && /anping-county\.csv/.test(t2));
	/* One school-year row (equipment) and one record changed. */
	const rv = await L.api('GET', '/revisions/' + last.revision, { session: ctx.api.admin });
	check('two good files: the revision holds the equipment 1023000 → 1054000 and the record\'s note',
		rv.json && rv.json.counts.school_years === 1 && rv.json.changes.some((c) => c.field === 'equipment_value_yuan' &&
			c.old === '1023000' && c.new === '1054000') && rv.json.changes.some((c) => c.field === 'layout_plan.note'),
		rv.text.slice(0, 600));
	await B.shot(w, 'import-done');
	C.clean(w, 'import page, good files');

	if (ctx.ready('Overview')) {
		await C.visit(w, '/overview?year=2024&area=369900');
		await C.waitText(page, /安平县/);
		const r = await verdictRow(page, '安平县');
		check('after the import: 安平县 达到 on the overview', /达到/.test(r) && !/未达到/.test(r), r);
		await B.shot(w, 'overview-after-import');
		C.clean(w, 'overview after the import');
	}
	await w.close();
};
