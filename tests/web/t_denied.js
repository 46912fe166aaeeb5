'use strict';
/*
 * t_denied.js — pages show only what the caller may see, and an address
 * typed by hand does not get around it: the county office of 云岭县
 * (yunling) opening 江城区's page (/counties/369901) gets the refusal page
 * (无权访问) and not one figure of 江城区; so does a school of another
 * county (/schools/2136990101, whose API answer is 403); the school
 * account (gaoping) opening the overview gets it too; an unknown address
 * gets the not-found page.  The server's 403 is expected there and only
 * there.
 */
const L = require('../api/lib.js');
const B = require('./browser.js');
const C = require('./common.js');
const { check } = L;

async function refused(w, path, label, o = {}) {
	const page = w.page;
	await C.visit(w, path);
	const shown = await C.waitText(page, /无权访问/);
	const text = await C.text(page);
	check(label + ': the refusal page (无权访问)', shown && /\/denied/.test(new URL(page.url()).pathname), page.url() + '\n' + text.slice(0, 400));
	if (o.hidden) check(label + ': nothing of ' + o.hidden + ' on the page', !text.includes(o.hidden), text.slice(0, 400));
	return text;
}

module.exports = async function (ctx) {
	const w = await C.pageAs(ctx, 'yunling');
	if (w) {
		await refused(w, '/counties/369901?year=2024', 'yunling opens /counties/369901', { hidden: '江城区' });
		await B.shot(w, 'denied');
		C.clean(w, 'refusal page (county of another county)');
		if (ctx.ready('School')) {
			w.expect(403, '/api/v1/schools/2136990101');
			await refused(w, '/schools/2136990101?year=2024', 'yunling opens /schools/2136990101 (江城区)', { hidden: '江城区实验小学' });
			C.clean(w, 'refusal page (school of another county)');
		}
		await C.visit(w, '/no/such/page');
		check('an unknown address: the not-found page (页面不存在)', await C.waitText(w.page, /页面不存在/), await C.text(w.page));
		await B.shot(w, 'notfound');
		C.clean(w, 'not-found page');
		await w.close();
	}
	const s = await C.pageAs(ctx, 'gaoping');
	if (s) {
		await refused(s, '/overview?year=2024', 'the school account opens /overview');
		C.clean(s, 'refusal page (school account)');
		await s.close();
	}
};
