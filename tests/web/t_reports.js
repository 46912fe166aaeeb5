'use strict';
/*
 * t_reports.js — the download buttons of the documents (issue 13,
 * web/src/components/ReportDownload.vue) on the pages that offer them,
 * each pressed as its reader would:
 *
 *   yunling    /counties/369904 (2024): 申报表 (reached with Tab alone and
 *              pressed with Enter), 评估工作簿, 自评报告, 导入模板;
 *              /ledger of 369904: 台账; /counties/369904/cycle/2024, once
 *              the city has reviewed it (done here through the API):
 *              督导评估意见书
 *   jiangzhou  /notices of 369900: 通报, 市级汇总表
 *   gaoping    /schools/2136990409 (its own school): 学校概况
 *
 * Each download: the browser's file name is the server's
 * (AREA-YEAR-KIND.EXT, the school's code for a profile) and the file's
 * bytes start with the format's magic (PK\x03\x04, %PDF-).  A refusal is
 * shown on the page as the server words it (a 403 answered in place of
 * the document, through the page's request routing).  A kind whose
 * builder has not landed yet (tests/api/t_reports.js's kindState: its
 * lib/report file still the foundation's stub) answers 400 "没有…这种报表":
 * then that error, shown beside its button, is what is checked.
 */
const fs = require('node:fs');
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const R = require('../api/t_reports.js');
const { check } = L;

const MAX_STOPS = 120;
const MAGIC = { xlsx: Buffer.from('PK\x03\x04', 'latin1'), pdf: Buffer.from('%PDF-', 'latin1') };

/* The button of a document by what it says: the name, then its format. */
function button(page, label) {
	return page.getByRole('button', { name: new RegExp('^\\s*' + label + '\\s*(XLSX|PDF)\\s*$') }).first();
}

/* Tab from the top of the page until `loc` has the focus; true when it
 * was reached within MAX_STOPS. */
async function tabTo(page, loc) {
	await page.evaluate(() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); });
	for (let i = 0; i < MAX_STOPS; i++) {
		await page.keyboard.press('Tab');
		if (await loc.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return true;
	}
	return false;
}

/* Press the button (by key: Enter once focused with Tab) and check what
 * comes: the file, or (kind pending) the error beside the button. */
async function download(ctx, w, label, kind, file, byKey) {
	const page = w.page;
	const st = R.kindState(ctx.top, kind);
	const btn = button(page, label);
	if (!check(label + ' (' + kind + '): a button', await btn.count() > 0 && await btn.isVisible(), (await C.text(page)).slice(0, 600)))
		return;
	if (byKey && !check(label + ': reached with Tab', await tabTo(page, btn))) return;
	if (st === 'engine') {
		console.log('# ' + kind + ': the PDF engine is pending, the download not checked');
		return;
	}
	const press = () => (byKey ? page.keyboard.press('Enter') : btn.click());
	if (st === 'stub') {
		w.expect(400, '/reports/' + kind);
		await press();
		const box = btn.locator('xpath=..');
		let shown = false;
		for (let i = 0; i < 60 && !shown; i++) {
			shown = /这种报表/.test(await box.innerText().catch(() => ''));
			if (!shown) await page.waitForTimeout(250);
		}
		check(label + ': the pending builder\'s refusal is shown beside the button', shown, await box.innerText().catch(() => ''));
		return;
	}
	let dl = null;
	try {
		[dl] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), press()]);
	} catch (e) {
		check(label + ': a download starts', false, String(e).slice(0, 300) + '\n' + (await C.text(page)).slice(0, 400));
		return;
	}
	const ext = R.KINDS[kind].ext;
	check(label + ': the file is named ' + file, dl.suggestedFilename() === file, dl.suggestedFilename());
	const p = await dl.path().catch(() => null);
	const bytes = p ? fs.readFileSync(p) : Buffer.alloc(0);
	check(label + ': its bytes start with ' + (ext === 'xlsx' ? 'PK\\x03\\x04' : '%PDF-') + ' (' + bytes.length + ' bytes)',
		bytes.slice(0, MAGIC[ext].length).equals(MAGIC[ext]), bytes.slice(0, 8).toString('latin1'));
}

module.exports = async function (ctx) {
	if (!ctx.ready('County', 'Ledger', 'Cycle', 'Notices', 'School')) return;
	const api = ctx.api;

	/* 369904/2024 submitted by its county and reviewed by the city: the
	 * review opinion's record. */
	const cy = await L.api('GET', '/counties/369904/cycle/2024', { session: api.admin });
	const sub = await L.api('POST', '/counties/369904/cycle/2024/submit', { session: api.yunling,
		body: { version: cy.json && cy.json.version, explanation: '八所学校资源配置未达标,已列入整改' } });
	const rv = await L.api('POST', '/counties/369904/cycle/2024/review', { session: api.jiangzhou,
		body: { version: sub.json && sub.json.version, opinion: '资源配置仍有短板,限期整改' } });
	check('API: 369904/2024 submitted and reviewed', sub.status === 200 && rv.status === 200, sub.status + ' ' + rv.status + ' ' + rv.text.slice(0, 200));

	let w = await C.pageAs(ctx, 'yunling');
	if (!w) return;
	await C.visit(w, '/counties/369904?year=2024');
	await C.waitText(w.page, /申报表/);
	await download(ctx, w, '申报表', 'application', '369904-2024-application.xlsx', true);
	await download(ctx, w, '评估工作簿', 'county', '369904-2024-county.xlsx');
	await download(ctx, w, '自评报告', 'self-evaluation', '369904-2024-self-evaluation.pdf');
	await download(ctx, w, '导入模板', 'template', '369904-2024-template.xlsx');
	await B.shot(w, 'reports-county-369904');
	/* The buttons as they sit under the title (the first screen). */
	await w.page.evaluate(() => window.scrollTo(0, 0));
	await w.page.screenshot({ path: require('node:path').join(B.SHOTS, 'reports-county-369904-top.png') });
	C.clean(w, 'county page: the documents');

	await C.visit(w, '/ledger?area=369904&year=2024');
	await download(ctx, w, '台账', 'ledger', '369904-2024-ledger.xlsx');
	C.clean(w, 'ledger page: the ledger workbook');

	await C.visit(w, '/counties/369904/cycle/2024');
	await C.waitText(w.page, /督导评估意见书/);
	await download(ctx, w, '督导评估意见书', 'review', '369904-2024-review.pdf');
	C.clean(w, 'cycle page: the review opinion');
	await w.close();

	w = await C.pageAs(ctx, 'jiangzhou');
	if (!w) return;
	await C.visit(w, '/notices?area=369900');
	await C.waitText(w.page, /通报/);
	await download(ctx, w, '通报', 'notice', '369900-2024-notice.pdf');
	await download(ctx, w, '市级汇总表', 'city', '369900-2024-city.xlsx');
	C.clean(w, 'notices page: the notice and the city summary');
	await C.visit(w, '/counties/369905/cycle/2024');
	await C.waitText(w.page, /柳河县/);
	check('cycle page of a county-year never reviewed (369905/2024): no review opinion button',
		await button(w.page, '督导评估意见书').count() === 0 && /柳河县/.test(await C.text(w.page)));
	C.clean(w, 'cycle page 369905/2024');

	/* A refusal shown in place: the server's 403 for the document. */
	await C.visit(w, '/counties/369904?year=2024');
	await w.page.route('**/api/v1/counties/*/reports/**', (route) => route.fulfill({ status: 403, contentType: 'application/json; charset=utf-8',
		body: JSON.stringify({ error: { code: 'forbidden', message_zh: '无权访问该地区或学校的数据', message_en: 'you may not access this area or school' } }) }));
	w.expect(403, '/reports/county');
	const btn = button(w.page, '评估工作簿');
	if (check('county page as the city: 评估工作簿 offered', await btn.count() > 0)) {
		await btn.click();
		const box = btn.locator('xpath=..');
		let t = '';
		for (let i = 0; i < 40 && !/无权访问/.test(t); i++) { await w.page.waitForTimeout(250); t = await box.innerText().catch(() => ''); }
		check('a refused document: the server\'s message shown beside its button (无权访问该地区或学校的数据), the page stays',
			/无权访问该地区或学校的数据/.test(t) && /\/counties\/369904/.test(w.page.url()), t + ' ' + w.page.url());
	}
	await w.page.unroute('**/api/v1/counties/*/reports/**');
	C.clean(w, 'county page: a refused document');
	await w.close();

	w = await C.pageAs(ctx, 'gaoping');
	if (!w) return;
	await C.visit(w, '/schools/2136990409?year=2024');
	await C.waitText(w.page, /高坪乡中学/);
	await download(ctx, w, '学校概况', 'school', '2136990409-2024-school.pdf');
	C.clean(w, 'school page: the school profile');
	await w.close();
};
