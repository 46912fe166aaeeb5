'use strict';
/*
 * t_cycle.js — the creation cycle of issue 12 through the pages, on a
 * server of its own whose today is fixed (JUNHENG_TODAY=2025-02-20) and a
 * database of its own (the sample, as run.js builds it, plus a county
 * office of 江城区 369901, `jiangcheng`).
 *
 * 江城区 passes in 2024 in the sample.  Before the browser: its target
 * year is set to 2025 (PUT /counties/369901/plan as the city office), so
 * that the cycle of 2024 is the one that applies (the application by
 * March 31 of the target year uses the year before's statistics); and a
 * shortfall is made (as admin, through the API): 江城区实验小学
 * 2136990101 gets multimedia_rooms 60 → 0 in 2024, so that the school
 * stage fails (0 rooms per 100 pupils is under 85% of the 2.3 required)
 * and the county's verdict fails.  Then, in the browser:
 *   1. the county (jiangcheng) generates its ledger from the 2024 verdict
 *      (/ledger), opens the school's item and moves it open → in
 *      progress → awaiting sign-off;
 *   2. it submits its self-evaluation with an explanation
 *      (/counties/369901/cycle/2024): state 已上报, a snapshot listed;
 *   3. the city (jiangzhou) reviews it with one finding (deadline
 *      2025-06-30): state 已复核; the finding is a ledger item;
 *   4. the city tries to sign off the school's item: refused — the page
 *      shows 不能销号 and the figure the data still shows;
 *   5. the county asks for sign-off of the finding, the city signs it off
 *      (judged by people: a finding has no data check); the county
 *      marks the cycle rectified;
 *   6. the county applies: refused (the verdict of 2024 fails), the page
 *      says so;
 *   7. the county corrects its data on the edit page (multimedia_rooms
 *      0 → 60, with a reason);
 *   8. the city signs off the school's item: accepted, the data check
 *      shown (按 2024 年数据核查);
 *   9. the county applies again: 已申报, a second snapshot; its diff
 *      with today is shown;
 *  10. the city assesses (报省): 已评估.
 * Then the notice of 2025-02-20 (the city's page, its CSV download), the
 * plans' timeline, the plan, the trends; every new page at 1366×768 and
 * 375×812 (screenshots, no console error, no failed request, no page
 * wider than a phone); in English no Chinese label is left.
 *
 * While the API of a part is not on main (ledger, creation plans, the
 * workflow: helpers building them at the same time), the steps needing
 * it print "# not tested yet" and the rest runs.
 */
const fs = require('node:fs');
const path = require('node:path');
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const { check } = L;

const TODAY = '2025-02-20';
const COUNTY = '369901';
const SCHOOL = '2136990101';
const ROOMS = 60;   /* data/sample/schools-2024.csv: 江城区实验小学's multimedia_rooms */
const PW = { admin: 'cyc-admin-pass-01', jiangzhou: 'cyc-city-pass-01', jiangcheng: 'cyc-county-pass-01',
	jcduxue: 'cyc-insp-pass-01', shiyan: 'cyc-school-pass-01' };
const ROLES = { admin: ['admin', ''], jiangzhou: ['city', '369900'], jiangcheng: ['county', COUNTY],
	jcduxue: ['inspector', COUNTY], shiyan: ['school', SCHOOL] };

function setup(ctx) {
	const tmp = fs.mkdtempSync(path.join(ctx.tmp, 'cycle-'));
	const sample = path.join(B.top, 'data/sample');
	const files = fs.readdirSync(sample).filter((f) => f.endsWith('.csv')).sort();
	for (const f of files) fs.copyFileSync(path.join(sample, f), path.join(tmp, f));
	const db = path.join(tmp, 'cycle.db');
	const env = { JUNHENG_TODAY: TODAY };
	let r = L.cli(ctx.FAST, ['init', 'cycle.db'], { cwd: tmp, env });
	if (r.status !== 0) throw new Error('init: ' + r.stderr);
	r = L.cli(ctx.FAST, ['import', 'cycle.db', ...files, '--who', '演示', '--why', '示例数据'], { cwd: tmp, env });
	if (r.status !== 0) throw new Error('import: ' + r.stderr);
	for (const [name, [role, area]] of Object.entries(ROLES)) {
		const args = ['user', 'add', db, name, '--role', role];
		if (area) args.push('--area', area);
		args.push('--password-stdin');
		r = L.cli(ctx.FAST, args, { input: PW[name] + '\n', env });
		if (r.status !== 0) throw new Error('user add ' + name + ': ' + r.stderr);
	}
	return db;
}

async function signInAs(base, browser, name, viewport = 'laptop') {
	const w = await B.open(browser, base, viewport);
	const ok = await C.signIn({ accounts: { [name]: { pw: PW[name] } } }, w, name);
	if (!check(name + ' (' + viewport + '): signs in on the cycle\'s server', ok, 'at ' + w.page.url())) {
		await w.close();
		return null;
	}
	return w;
}

/* Waits for the cycle page's state tag to read `name`. */
async function stateIs(page, name, ms = 15000) {
	const end = Date.now() + ms;
	for (;;) {
		const t = await page.locator('.cy-state-tag').first().textContent().catch(() => '');
		if ((t || '').trim() === name) return true;
		if (Date.now() > end) return false;
		await page.waitForTimeout(250);
	}
}

async function click(page, re) {
	const b = await C.firstVisible([page.getByRole('button', { name: re })]);
	if (!b) return false;
	await b.click();
	await page.waitForTimeout(300);
	await B.settle(page);
	return true;
}

async function fillLabel(page, label, value) {
	const f = await C.firstVisible([page.getByLabel(label, { exact: true }), page.getByPlaceholder(label, { exact: true })]);
	if (!f) return false;
	await f.fill(value);
	return true;
}

module.exports = async function (ctx) {
	let db;
	try {
		db = setup(ctx);
	} catch (e) {
		check('cycle: database of the sample with jiangcheng', false, String(e));
		return;
	}
	const srv = await L.startServer(ctx.BIN, db, ['--session-idle', '3600',
		...(process.env.WEB_STATIC ? ['--static', process.env.WEB_STATIC] : [])], { JUNHENG_TODAY: TODAY });
	if (!check('cycle: a server of its own, today ' + TODAY, srv.port > 0, srv.stdout + srv.stderr)) {
		await srv.stop('SIGKILL');
		return;
	}
	const oldPort = ctx.server.port;
	L.setPort(srv.port);
	const base = 'http://127.0.0.1:' + srv.port;
	const open = [];
	try {
		await run(ctx, base, open);
	} finally {
		for (const w of open) await w.close();
		L.setPort(oldPort);
		const ex = await srv.stop('SIGTERM');
		check('cycle: the server exits 0 on SIGTERM', ex.code === 0, JSON.stringify(ex) + '\n' + srv.stderr.slice(-2000));
		check('cycle: no sanitizer report', !/AddressSanitizer|LeakSanitizer|runtime error:/.test(srv.stderr), srv.stderr.slice(0, 3000));
	}
};

/* The data values the pages may show in any language (names of areas and
 * schools, as run.js's dataValues, read on this server). */
async function dataValues(s) {
	const v = new Set(Object.keys(PW));
	const add = (x) => { if (typeof x === 'string' && x.trim()) v.add(x.trim()); };
	const areas = await L.api('GET', '/areas', { session: s });
	for (const a of (areas.json && areas.json.areas) || []) add(a.name);
	const o = await L.api('GET', '/overview?year=2024', { session: s });
	for (const c of (o.json && o.json.counties) || []) { add(c.name); add(c.full_name); add(c.city_name); }
	for (const y of [2022, 2023, 2024]) {
		const r = await L.api('GET', `/counties/${COUNTY}/schools?year=` + y, { session: s });
		for (const x of (Array.isArray(r.json) ? r.json : [])) add(x.name);
	}
	return v;
}

async function run(ctx, base, open) {
	const api = {};
	for (const name of Object.keys(PW)) {
		const s = await L.signIn(name, PW[name]);
		if (!check('cycle: API sign-in of ' + name, s.ok, s.res.status)) return;
		api[name] = s;
	}
	/* Which parts of the API are there. */
	const has = {
		workflow: (await L.api('GET', `/counties/${COUNTY}/cycle/2024`, { session: api.admin })).status === 200,
		ledger: (await L.api('GET', `/ledger?area=${COUNTY}`, { session: api.admin })).status === 200,
		plans: (await L.api('GET', `/counties/${COUNTY}/plan`, { session: api.admin })).status === 200,
		notices: (await L.api('GET', '/notices?area=369900', { session: api.admin })).status === 200,
		trends: (await L.api('GET', `/counties/${COUNTY}/trends`, { session: api.admin })).status === 200,
	};
	for (const [k, v] of Object.entries(has)) if (!v) console.log('# not tested yet: the ' + k + ' API is not on this server');

	/* The target year (the city sets it) and the shortfall. */
	if (has.plans) {
		const r = await L.api('PUT', `/counties/${COUNTY}/plan`, { session: api.jiangzhou,
			body: { version: 0, why: '市级确定创建目标年度', target_year: 2025, responsible: { zh: '江城区教育局' },
				milestones: [{ year: 2024, targets: [{ measure: 'large_schools', max: 0 }] }] } });
		check('setup: the city sets 江城区\'s target year 2025 (PUT plan)', r.status === 200, r.status + ' ' + r.text.slice(0, 500));
	}
	const school = await L.api('GET', `/schools/${SCHOOL}?year=2024`, { session: api.admin });
	const field = ((school.json && school.json.fields) || []).find((x) => x.key === 'multimedia_rooms') || {};
	check('the sample: 江城区实验小学 has 60 multimedia rooms in 2024', Number(field.value) === ROOMS, JSON.stringify(field));
	const rev = (school.json && (school.json.revision || school.json.base_revision)) || 1;
	const broke = await L.api('PATCH', `/schools/${SCHOOL}/years/2024`, { session: api.admin,
		body: { changes: { multimedia_rooms: 0 }, why: '测试:多媒体教室清零', base_revision: rev } });
	check('setup: multimedia_rooms 60 → 0 (PATCH as admin)', broke.status === 200, broke.status + ' ' + broke.text.slice(0, 300));
	const v0 = await L.api('GET', `/counties/${COUNTY}/verdict?year=2024`, { session: api.admin });
	check('setup: 江城区 fails in 2024 now', v0.json && v0.json.verdict === 'fail', v0.text.slice(0, 200));

	const county = await signInAs(base, ctx.browser, 'jiangcheng');
	const city = await signInAs(base, ctx.browser, 'jiangzhou');
	if (!county || !city) return;
	open.push(county, city);
	const cp = county.page, tp = city.page;
	const CYCLE = `/counties/${COUNTY}/cycle/2024?year=2024`;
	const items = async () => {
		const r = await L.api('GET', `/ledger?area=${COUNTY}`, { session: api.admin });
		return (r.json && r.json.items) || [];
	};
	const cycleState = async () => {
		const r = await L.api('GET', `/counties/${COUNTY}/cycle/2024`, { session: api.admin });
		return r.json ? r.json.state : null;
	};
	let item = null;

	/* The plan: the city's timeline shows 江城区 to 2025, its 2024
	 * milestone (no large school: 江城区's largest, 江州市第六中学, has
	 * 1,948 compulsory-stage pupils in 2024, under the 2,000 limit) met; the county edits its plan (responsible
	 * units, a reason) and saves a second version. */
	if (has.plans) {
		await C.visit(city, '/plans?area=369900');
		check('plans page: 江城区 with its target year and its 2024 milestone met (已完成)',
			await C.waitText(tp, /江城区/) && await C.waitText(tp, /已完成/), (await C.text(tp)).slice(0, 600));
		C.clean(city, 'plans page (city)');
		await C.visit(county, `/counties/${COUNTY}/plan`);
		check('plan page: version 1 read', await C.waitText(cp, /版本 1/));
		await fillLabel(cp, '责任单位', '江城区教育局、区发改局');
		await fillLabel(cp, '修改原因', '补充责任单位');
		check('plan page (county): save', await click(cp, /保存方案/));
		check('plan page (county): saved as version 2', await C.waitText(cp, /已保存为第 2 版|版本 2/), (await C.text(cp)).slice(0, 600));
		const pl = await L.api('GET', `/counties/${COUNTY}/plan`, { session: api.admin });
		check('API: the plan\'s version 2 holds the new responsible units and the target year 2025',
			pl.json && pl.json.version === 2 && pl.json.plan && pl.json.plan.responsible && pl.json.plan.responsible.zh === '江城区教育局、区发改局'
			&& pl.json.plan.target_year === 2025, pl.text.slice(0, 400));
		await B.shot(county, 'cycle-plan-saved');
		C.clean(county, 'plan page (county)');
	}

	/* 1. The ledger generated, the school's item moved to awaiting sign-off. */
	if (has.ledger) {
		await C.visit(county, `/ledger?area=${COUNTY}&year=2024`);
		check('ledger page: the county may generate from the 2024 verdict', await click(cp, /从 2024 年评估结果生成台账/));
		check('ledger page: generation reported (新增 N 项)', await C.waitText(cp, /新增 \d+ 项/, 10000));
		const all = await items();
		item = all.find((x) => x.school === SCHOOL && x.source !== 'finding');
		check('ledger: an item for 江城区实验小学 generated', !!item, JSON.stringify(all.slice(0, 5)));
		check('ledger page: the items listed', await C.waitText(cp, new RegExp('共 ' + all.length + ' 项')), (await C.text(cp)).slice(0, 600));
		await B.shot(county, 'cycle-ledger');
		if (item) {
			await C.visit(county, `/ledger/${item.id}`);
			check('item page: the shortfall and its figure', await C.waitText(cp, /台账事项 \d+/));
			check('item page: open → in progress (开始整改)', await click(cp, /^开始整改$/));
			/* Evidence: a file uploaded, listed with its SHA-256 (the
			 * digest of the bytes sent, computed here), downloadable. */
			const bytes = Buffer.from('江城区实验小学新增多媒体教室 60 间,验收单见附件。\n');
			const sha = require('node:crypto').createHash('sha256').update(bytes).digest('hex');
			await cp.locator('input[type=file]').first().setInputFiles({ name: 'evidence-rooms.txt', mimeType: 'text/plain', buffer: bytes });
			await B.settle(cp);
			check('item page: the evidence listed with its SHA-256', await C.waitText(cp, new RegExp(sha)), (await C.text(cp)).slice(0, 800));
			const link = cp.getByRole('link', { name: 'evidence-rooms.txt' }).first();
			if (check('item page: the evidence is a download link', await link.count() > 0)) {
				const [dl] = await Promise.all([cp.waitForEvent('download', { timeout: 15000 }).catch(() => null), link.click()]);
				const p = dl ? await dl.path().catch(() => null) : null;
				check('item page: the download is the file uploaded', !!p && fs.readFileSync(p).equals(bytes));
			}
			check('item page: in progress → awaiting sign-off (申请销号)', await click(cp, /^申请销号$/));
			check('item page: the status is 待销号', await C.waitText(cp, /待销号/));
			await B.shot(county, 'cycle-item-awaiting');
			/* The list filtered by status: as many rows as the API's
			 * items awaiting sign-off (the one moved above). */
			await C.visit(county, `/ledger?area=${COUNTY}&status=awaiting_signoff`);
			const r = await L.api('GET', `/ledger?area=${COUNTY}&status=awaiting_signoff`, { session: api.admin });
			const n = ((r.json && r.json.items) || []).length;
			check('ledger page: filtered by status 待销号, ' + n + ' item (the API\'s count)', n === 1 &&
				await C.waitText(cp, new RegExp('共 ' + n + ' 项')), (await C.text(cp)).slice(0, 400));
			await C.visit(county, `/ledger?area=${COUNTY}&overdue=1`);
			check('ledger page: none overdue (no deadline set yet)', await C.waitText(cp, /共 0 项/), (await C.text(cp)).slice(0, 400));
		}
		C.clean(county, 'ledger pages (county)');
	}

	/* 2. Submission. */
	if (has.workflow) {
		await C.visit(county, CYCLE);
		check('cycle page: state 自评中', await stateIs(cp, '自评中'));
		const ok = await fillLabel(cp, '未完成事项及原因、已采取的措施', '江城区实验小学多媒体教室不足,已列入台账整改。');
		check('cycle page: the explanation field', ok);
		check('cycle page: submit (上报自评)', await click(cp, /上报自评/));
		check('cycle page: state 已上报', await stateIs(cp, '已上报'));
		check('API: the cycle is submitted', await cycleState() === 'submitted');
		check('cycle page: the submission\'s snapshot listed', await C.waitText(cp, /快照 \d+ · 上报/));
		await B.shot(county, 'cycle-submitted');
		C.clean(county, 'cycle page (county, submit)');

		/* 3. The city's review with a finding. */
		await C.visit(city, CYCLE);
		check('cycle page (city): the review form', await fillLabel(tp, '督导评估意见', '多媒体教室配置不足,限期整改。'));
		await click(tp, /添加问题/);
		await fillLabel(tp, '问题(中文)', '江城区实验小学多媒体教室不足');
		await fillLabel(tp, '学校代码(可选)', SCHOOL);
		const dp = await C.firstVisible([tp.getByPlaceholder('整改时限')]);
		if (dp) { await dp.fill('2025-06-30'); await dp.press('Enter'); }
		check('cycle page (city): send the review (提交复核意见)', await click(tp, /提交复核意见/));
		check('cycle page (city): state 已复核', await stateIs(tp, '已复核'));
		check('API: the cycle is reviewed', await cycleState() === 'reviewed');
		await B.shot(city, 'cycle-reviewed');
		C.clean(city, 'cycle page (city, review)');
	}

	let finding = null;
	if (has.ledger) {
		finding = (await items()).find((x) => x.source === 'finding');
		if (!has.workflow) { /* no review: no finding */ } else if (!finding)
			console.log('# not tested yet: the review\'s finding as a ledger item (the workflow does not add it yet)');
		else check('ledger: the finding is an item (source finding, deadline 2025-06-30)', finding.deadline === '2025-06-30',
			JSON.stringify(finding));
		/* 4. The city's sign-off refused while the data shows the shortfall. */
		if (item) {
			await C.visit(city, `/ledger/${item.id}`);
			city.expect(409, `/ledger/${item.id}/signoff`);
			check('item page (city): sign off (销号)', await click(tp, /^销号$/));
			check('item page (city): refused (不能销号) with the current figure', await C.waitText(tp, /不能销号/), (await C.text(tp)).slice(0, 800));
			const it = (await items()).find((x) => x.id === item.id);
			check('API: the item is still awaiting sign-off', it && it.status === 'awaiting_signoff', JSON.stringify(it));
			await B.shot(city, 'cycle-signoff-refused');
			C.clean(city, 'item page (city, refused)');
		}
		/* 5. The finding: asked, signed off by the city (judged by people). */
		if (finding) {
			await C.visit(county, `/ledger/${finding.id}`);
			await click(cp, /^开始整改$/);
			check('finding (county): awaiting sign-off', await click(cp, /^申请销号$/) && await C.waitText(cp, /待销号/));
			await C.visit(city, `/ledger/${finding.id}`);
			check('finding (city): sign off', await click(tp, /^销号$/));
			check('finding (city): signed off (已销号), judged by people', await C.waitText(tp, /人工认定/), (await C.text(tp)).slice(0, 600));
			C.clean(county, 'finding (county)');
			C.clean(city, 'finding (city)');
		}
	}

	if (has.workflow) {
		await C.visit(county, CYCLE);
		const rect = await click(cp, /^整改完成$/);
		check('cycle page: rectified (整改完成 → 已整改)', rect && await stateIs(cp, '已整改'), (await C.text(cp)).slice(0, 600));
	}
	/* The application needs the target year (the creation plans' API). */
	const cy = await L.api('GET', `/counties/${COUNTY}/cycle/2024`, { session: api.admin });
	const applies = has.workflow && has.plans && cy.json && cy.json.target_year === 2025;
	if (has.workflow && !applies)
		console.log('# not tested yet: apply and assess (the workflow does not read the target year yet: ' + (cy.json && cy.json.target_year) + ')');
	if (applies) {
		/* 6. The application refused while the verdict fails. */
		county.expect(409, `/cycle/2024/apply`);
		check('cycle page: apply (申报评估)', await click(cp, /申报评估/));
		check('cycle page: refused while the verdict fails (未达到)', await C.waitText(cp, /未达到|不达标/), (await C.text(cp)).slice(0, 800));
		check('API: the cycle is not applied', await cycleState() !== 'applied');
		await B.shot(county, 'cycle-apply-refused');
		C.clean(county, 'cycle page (apply refused)');
	}

	/* 7. The county corrects its data. */
	await C.visit(county, `/schools/${SCHOOL}/edit?year=2024`);
	const label = field.name_zh || '网络多媒体教室数';
	const box = await C.firstVisible([cp.getByLabel(label, { exact: true }), cp.locator('#f-multimedia_rooms')]);
	if (check('edit page: the field ' + label, !!box)) {
		await box.fill(String(ROOMS));
		await fillLabel(cp, '修改原因', '核实后更正多媒体教室数');
		await click(cp, /保存修改/);
		check('edit page: saved (已保存为修订)', await C.waitText(cp, /已保存为修订\s*\d+/));
	}
	const v1 = await L.api('GET', `/counties/${COUNTY}/verdict?year=2024`, { session: api.admin });
	check('API: 江城区 passes in 2024 again', v1.json && v1.json.verdict === 'pass', v1.text.slice(0, 200));
	C.clean(county, 'edit page (county)');

	/* The submission's snapshot against today: the corrected field. */
	if (has.workflow) {
		await C.visit(county, CYCLE);
		const diffBtn = cp.getByRole('button', { name: /与当前数据比较/ }).first();
		if (check('cycle page: a snapshot to compare with today', await diffBtn.count() > 0)) {
			await diffBtn.click();
			await B.settle(cp);
			check('cycle page: the snapshot\'s diff shows the school\'s change (multimedia_rooms)', await C.waitText(cp, /multimedia_rooms/),
				(await C.text(cp)).slice(0, 1200));
			await B.shot(county, 'cycle-diff');
		}
		C.clean(county, 'cycle page (diff)');
	}

	/* 8. The city signs off the school's item: the data shows it closed. */
	if (has.ledger && item) {
		await C.visit(city, `/ledger/${item.id}`);
		check('item page (city): sign off again', await click(tp, /^销号$/));
		check('item page (city): signed off with the data check (按 2024 年数据核查)', await C.waitText(tp, /按 2024 年数据核查/),
			(await C.text(tp)).slice(0, 800));
		const it = (await items()).find((x) => x.id === item.id);
		check('API: the item is signed off', it && it.status === 'signed_off', JSON.stringify(it));
		await B.shot(city, 'cycle-signed-off');
		C.clean(city, 'item page (city, signed off)');
	}

	/* The city's own tools on another generated item: named supervision
	 * (挂牌督办) with a note, then a sign-off by decision with a reason
	 * while the data may still show the shortfall. */
	let other = null;
	if (has.ledger) {
		/* An item added by hand by the county (the ledger page's form). */
		await C.visit(county, `/ledger?area=${COUNTY}&year=2024`);
		await click(cp, /手工添加事项/);
		await fillLabel(cp, '问题(中文)', '江城区第一小学运动场地面积不足');
		await fillLabel(cp, '学校代码(可选,县级事项留空)', '2136990102');
		await fillLabel(cp, '责任单位', '江城区教育局');
		const save = cp.locator('.el-dialog button', { hasText: '保存' }).first();
		await save.click();
		await B.settle(cp);
		check('ledger page (county): an item added by hand (已添加事项)', await C.waitText(cp, /已添加事项 \d+/), (await C.text(cp)).slice(0, 400));
		other = (await items()).find((x) => x.source === 'manual');
		check('API: the manual item (school 2136990102, year 2024, unit 江城区教育局, open)', other && other.school === '2136990102' &&
			other.year === 2024 && other.unit === '江城区教育局' && other.status === 'open', JSON.stringify(other));
		C.clean(county, 'ledger page (county, add by hand)');
	}
	if (other) {
		await C.visit(city, `/ledger/${other.id}`);
		await tp.locator('.li-city .el-collapse-item__header', { hasText: '挂牌督办' }).first().click();
		await fillLabel(tp, '督办说明', '限 6 月底前完成');
		await tp.locator('.li-city .el-collapse-item__content button', { hasText: '挂牌督办' }).first().click();
		await B.settle(tp);
		let it = (await items()).find((x) => x.id === other.id);
		check('item page (city): put under named supervision with its note', it && it.supervised === true &&
			it.supervised_note === '限 6 月底前完成', JSON.stringify(it));
		await tp.locator('.li-city .el-collapse-item__header', { hasText: '认定销号' }).first().click();
		await fillLabel(tp, '认定销号理由', '经实地核查已整改到位');
		await tp.locator('.li-city .el-collapse-item__content button', { hasText: '认定销号' }).first().click();
		await B.settle(tp);
		it = (await items()).find((x) => x.id === other.id);
		check('item page (city): signed off by decision, the reason kept', it && it.status === 'signed_off' &&
			it.override_reason === '经实地核查已整改到位', JSON.stringify(it));
		check('item page (city): the reason shown', await C.waitText(tp, /经实地核查已整改到位/));
		await B.shot(city, 'cycle-override');
		C.clean(city, 'item page (city, supervision and override)');
	}

	if (applies) {
		/* 9. The application accepted. */
		await C.visit(county, CYCLE);
		check('cycle page: apply again', await click(cp, /申报评估/));
		check('cycle page: state 已申报', await stateIs(cp, '已申报'), (await C.text(cp)).slice(0, 800));
		check('API: the cycle is applied', await cycleState() === 'applied');
		check('cycle page: the application\'s snapshot listed', await C.waitText(cp, /快照 \d+ · 申报/));
		await B.shot(county, 'cycle-applied');
		C.clean(county, 'cycle page (applied)');

		/* 10. The city's assessment. */
		await C.visit(city, CYCLE);
		check('cycle page (city): send the decision (提交评估结论)', await click(tp, /提交评估结论/));
		check('cycle page (city): state 已评估', await stateIs(tp, '已评估'));
		check('API: the cycle is assessed', await cycleState() === 'assessed');
		await B.shot(city, 'cycle-assessed');
		C.clean(city, 'cycle page (city, assessed)');
	}

	/* The notice of the day, and its CSV. */
	if (has.notices) {
		await C.visit(city, `/notices?area=369900&date=${TODAY}`);
		check('notices page: the counties listed', await C.waitText(tp, /江城区/) && await C.waitText(tp, /云岭县/));
		const link = tp.getByRole('link', { name: /下载 CSV/ }).first();
		if (check('notices page: a CSV download', await link.count() > 0)) {
			const [dl] = await Promise.all([tp.waitForEvent('download', { timeout: 15000 }).catch(() => null), link.click()]);
			let body = '';
			if (dl) { const p = await dl.path().catch(() => null); if (p) body = fs.readFileSync(p, 'utf8'); }
			check('notices page: the CSV holds the counties', /江城区/.test(body) && body.split('\n').length > 7, body.slice(0, 400));
		}
		C.clean(city, 'notices page');
	}

	/* The menu and the pages by role: an inspector reads everything and
	 * is offered no step; a school account has the ledger only, and sees
	 * its own school's items (as many as the API gives it). */
	const MENU = ['创建方案', '工作台账', '年度流程', '通报', '趋势'];
	const menuOf = async (page) => (await page.locator('nav.menu .menu-item').allTextContents()).map((x) => x.trim());
	const insp = await signInAs(base, ctx.browser, 'jcduxue');
	if (insp) {
		open.push(insp);
		const m = await menuOf(insp.page);
		check('inspector: the menu holds the five cycle pages', MENU.every((x) => m.includes(x)), m.join(', '));
		if (has.workflow) {
			await C.visit(insp, CYCLE);
			check('inspector: the workflow offers no step (您目前没有可执行的步骤)', await C.waitText(insp.page, /您目前没有可执行的步骤/));
		}
		if (has.ledger) {
			await C.visit(insp, `/ledger?area=${COUNTY}`);
			check('inspector: the ledger offers neither generation nor adding',
				!/生成台账|手工添加事项/.test(await C.text(insp.page)));
		}
		C.clean(insp, 'inspector\'s pages');
	}
	const sch = await signInAs(base, ctx.browser, 'shiyan');
	if (sch) {
		open.push(sch);
		const m = await menuOf(sch.page);
		check('school account: the ledger in its menu, not plans, workflow, notices, trends',
			m.includes('工作台账') && !['创建方案', '年度流程', '通报', '趋势'].some((x) => m.includes(x)), m.join(', '));
		if (has.ledger) {
			const mine = await L.signIn('shiyan', PW.shiyan);
			const r = mine.ok ? await L.api('GET', '/ledger', { session: mine }) : { json: null };
			const n = ((r.json && r.json.items) || []).length;
			const all = (await items()).filter((x) => x.school === SCHOOL).length;
			check('school account: the API gives its own school\'s items only (' + n + ' of the county\'s)', n > 0 && n === all,
				n + ' vs ' + all);
			await C.visit(sch, '/ledger');
			check('school account: the ledger page lists them (共 ' + n + ' 项)', await C.waitText(sch.page, new RegExp('共 ' + n + ' 项')),
				(await C.text(sch.page)).slice(0, 400));
		}
		C.clean(sch, 'school account\'s ledger');
	}

	/* Every new page at both sizes; then in English. */
	const pages = [
		{ name: 'plans', path: '/plans?area=369900', need: has.plans },
		{ name: 'plan', path: `/counties/${COUNTY}/plan`, need: has.plans },
		{ name: 'ledger', path: `/ledger?area=${COUNTY}`, need: has.ledger },
		{ name: 'ledger-item', path: item ? `/ledger/${item.id}` : null, need: has.ledger },
		{ name: 'cycle', path: CYCLE, need: has.workflow },
		{ name: 'cycle-pick', path: '/cycle?area=369900&year=2024', need: true },
		{ name: 'notices', path: `/notices?area=369900&date=${TODAY}`, need: has.notices },
		{ name: 'trends-county', path: `/counties/${COUNTY}/trends`, need: has.trends },
		{ name: 'trends-city', path: '/trends?area=369900', need: has.trends },
	].filter((p) => p.need && p.path);
	for (const vp of ['laptop', 'phone']) {
		const w = vp === 'laptop' ? city : await signInAs(base, ctx.browser, 'jiangzhou', vp);
		if (!w) continue;
		if (w !== city) open.push(w);
		for (const p of pages) {
			await C.visit(w, p.path);
			await B.shot(w, 'page-' + p.name);
			C.clean(w, p.name + ' page ' + vp);
			if (vp === 'phone') {
				const o = await B.overflowX(w.page);
				check(p.name + ' page at 375 px: not wider than the screen', o.scroll <= o.client + 1, o.scroll + ' px wide in ' + o.client);
			}
		}
	}
	/* English: no Chinese label left (data values — names, what was
	 * entered — are taken out as t_english does). */
	const values = await dataValues(api.admin);
	for (const x of await items()) for (const k of ['what_zh', 'measure', 'unit', 'person', 'figure', 'requirement']) if (x[k]) values.add(x[k]);
	for (const v of ['江城区第一小学运动场地面积不足', '限 6 月底前完成', '经实地核查已整改到位', '江城区教育局', '江城区教育局、区发改局', '补充责任单位', '市级确定创建目标年度', '演示', '示例数据', '测试:多媒体教室清零', '核实后更正多媒体教室数',
		'江城区实验小学多媒体教室不足,已列入台账整改。', '多媒体教室配置不足,限期整改。', 'jiangcheng']) values.add(v);
	const eb = tp.getByRole('button', { name: /^\s*English\s*$/ }).first();
	if (check('English switch (city)', await eb.count() > 0)) {
		await eb.click();
		await tp.waitForTimeout(300);
		for (const p of pages) {
			await C.visit(city, p.path);
			const left = C.chineseLeft((await B.visibleTexts(tp)).filter((t) => t.attr !== 'document.title'), values);
			check(p.name + ' page in English: no Chinese label', left.length === 0, left.slice(0, 20).join(' | '));
			await B.shot(city, 'en-' + p.name);
			C.clean(city, p.name + ' page in English');
		}
	}
}
