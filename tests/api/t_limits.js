'use strict';
/*
 * t_limits.js — connection limits per address: one address holding more
 * idle connections than the server allows one address (server/http.c:
 * MHD_OPTION_PER_IP_CONNECTION_LIMIT 128) gets no more, while another
 * address is served; when they close, the first is served again.  And
 * after all the writes of the other sections, the overview (cached under
 * the store's last revision) still agrees with the CLI's verdicts.
 */
const net = require('node:net');
const L = require('./lib.js');
const { check, api } = L;

module.exports = async function (ctx) {
	const S = ctx.s;
	const port = ctx.server.port;
	const hold = [];
	const open = (addr) => new Promise((res) => {
		const s = net.connect({ host: '127.0.0.1', port, localAddress: addr });
		s.on('connect', () => res(s));
		s.on('error', () => res(s));
	});
	for (let i = 0; i < 140; i++) hold.push(await open('127.0.5.1'));
	await L.sleep(300);
	const over = await api('GET', '/years', { session: S.admin, localAddress: '127.0.5.1', timeout: 10000 });
	check('140 idle connections from 127.0.5.1: one more from it is not served', over.status === 0 || over.status === 503, over.status + ' ' + (over.error || ''));
	const other = await api('GET', '/years', { session: S.admin, localAddress: '127.0.5.2' });
	check('meanwhile another address is served', other.status === 200, other.status);
	for (const s of hold) s.destroy();
	await L.sleep(500);
	const again = await api('GET', '/years', { session: S.admin, localAddress: '127.0.5.1' });
	check('once they are closed, 127.0.5.1 is served again', again.status === 200, again.status);

	/* The overview after every write so far = the CLI's verdicts now. */
	const r = await api('GET', '/overview?year=2024&area=369900', { session: S.city });
	const list = (r.json && r.json.counties) || [];
	check('overview after the writes: 7 counties', r.status === 200 && list.length === 7, r.status);
	for (const c of list) {
		const v = L.cli(ctx.FAST, ['verdict', ctx.db, '--county', c.code, '--year', '2024', '--format', 'json']);
		let j = {};
		try { j = JSON.parse(v.text); } catch (e) { /* checked below */ }
		const fails = (j.items || []).filter((x) => x.status === 'fail').length;
		check('overview after the writes: ' + c.code + ' verdict and failing items = the CLI\'s (' + j.verdict + ', ' + fails + ')',
			c.verdict === j.verdict && c.failing_items === fails, c.verdict + ' ' + c.failing_items);
	}
};
