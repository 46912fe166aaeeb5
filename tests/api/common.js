'use strict';
/*
 * common.js — what several sections share: the area tree of the fixture,
 * the request bodies of the write endpoints, readers of the server's JSON
 * shapes (docs/api.md), and "nothing changed" snapshots.
 */
const L = require('./lib.js');

/* The fixture's areas: code → parent ('' for the province). */
const PARENT = {
	'360000': '',
	'369900': '360000', '369800': '360000',
	'369901': '369900', '369902': '369900', '369903': '369900', '369904': '369900',
	'369905': '369900', '369906': '369900', '369907': '369900',
	'369801': '369800',
};
const NAME = {
	'360000': '示例省', '369900': '江州市', '369800': '北岭市', '369901': '江城区', '369902': '安平县',
	'369903': '清溪县', '369904': '云岭县', '369905': '柳河县', '369906': '梅山县', '369907': '新丰县',
	'369801': '北岭县',
};
function countyOfSchool(code) { return code === '2136980101' || code === '2136980102' ? '369801' : '3699' + code.slice(6, 8); }
function within(x, a) {
	if (x.length === 10) x = countyOfSchool(x);
	for (let c = x; c; c = PARENT[c]) if (c === a) return true;
	return false;
}
/* The relation of target t to an account bound to a, in words. */
function relation(t, a) {
	if (!a) return 'any (admin)';
	if (t === a) return t.length === 10 ? 'own school' : 'own area';
	if (t.length === 10) return within(t, a.length === 10 ? countyOfSchool(a) : a)
		? (a.length === 10 ? 'sibling school' : 'school inside') : 'school outside';
	if (a.length === 10) return within(countyOfSchool(a), t) ? 'ancestor of its school' : 'area outside';
	if (within(a, t)) return PARENT[a] === t ? 'parent' : 'ancestor';
	if (within(t, a)) return PARENT[t] === a ? 'child' : 'descendant';
	if (PARENT[t] === PARENT[a]) return 'sibling';
	return 'outside (cousin)';
}

/* One 2024 row of the sample as CSV with a field changed. */
function schoolCsv(ctx, code, changes = {}, header = ctx.SCHOOL_HEADER) {
	const keys = ctx.SCHOOL_HEADER.split(',');
	let line = ctx.fx.row(code);
	if (!line) {
		/* the two 北岭县 schools are copies of 2136990401 / 2136990408 */
		const src = code === '2136980101' ? '2136990401' : '2136990408';
		const name = code === '2136980101' ? '北岭县实验小学' : '北岭县第一小学';
		line = ctx.fx.row(src).split(',');
		line[0] = code; line[1] = name; line[2] = '369801';
		line = line.join(',');
	}
	const cells = line.split(',');
	for (const [k, v] of Object.entries(changes)) cells[keys.indexOf(k)] = String(v);
	return header + '\n' + cells.join(',') + '\n';
}
/* The 2024 sample value of a field of a school (a string, as in the file). */
function sampleValue(ctx, code, field) {
	const keys = ctx.SCHOOL_HEADER.split(',');
	return ctx.fx.row(code).split(',')[keys.indexOf(field)];
}

/* The stored row of GET /schools/{code}: the object that holds the fields. */
function schoolRow(j) {
	if (!j || typeof j !== 'object') return {};
	/* docs/api.md: "fields": [{"key","name_zh","name_en","value","required"}, ...] */
	if (Array.isArray(j.fields)) {
		const o = {};
		for (const f of j.fields) if (f && typeof f.key === 'string') o[f.key] = f.value;
		return o;
	}
	for (const k of ['row', 'fields', 'values', 'data', 'school'])
		if (j[k] && typeof j[k] === 'object' && !Array.isArray(j[k]) && ('students_primary' in j[k] || 'teachers_primary' in j[k])) return j[k];
	return j;
}
function schoolRevision(j) {
	if (!j) return undefined;
	for (const k of ['revision', 'base_revision', 'row_revision'])
		if (typeof j[k] === 'number') return j[k];
	return undefined;
}
/* The revision number in a PATCH or import answer. */
function revisionOf(j) {
	if (!j) return undefined;
	if (typeof j.revision === 'number') return j.revision;
	if (j.revision && typeof j.revision.revision === 'number') return j.revision.revision;
	return undefined;
}

async function readSchool(session, code, year = 2024) {
	const r = await L.api('GET', '/schools/' + code + '?year=' + year, { session });
	return { res: r, row: schoolRow(r.json), rev: schoolRevision(r.json) };
}

function patchBody(changes, base, why = '核实') {
	const b = { changes, why };
	if (base !== undefined) b.base_revision = base;
	return b;
}

/* What-if rows as the API takes them (the CLI's change-file columns). */
function whatifBody(rows) { return { changes: rows }; }
function whatifCsv(rows) {
	return 'action,school_code,field,value,target\n' +
		rows.map((r) => [r.action, r.school_code, r.field || '', r.value === undefined ? '' : r.value, r.target || ''].join(',')).join('\n') + '\n';
}

function importReq(session, name, body, o = {}) {
	const headers = Object.assign({ 'Content-Type': 'text/csv' }, name === null ? {} : { 'X-Filename': name }, o.headers || {});
	return L.api('POST', '/imports', Object.assign({ session, body, headers }, o));
}

/* The store as the CLI sees it: every revision, every account.  Equal
 * snapshots before and after a refused request = nothing written. */
function snapshot(ctx) {
	const revs = L.cli(ctx.FAST, ['history', ctx.db, '--revisions', '--format', 'json']);
	const users = L.cli(ctx.FAST, ['user', 'list', ctx.db]);
	return revs.text + '\n--\n' + users.text;
}
function lastRevision(ctx) {
	const r = L.cli(ctx.FAST, ['history', ctx.db, '--revisions', '--format', 'json']);
	try {
		const a = JSON.parse(r.text);
		return a.length ? a[a.length - 1].revision : 0;
	} catch (e) { return -1; }
}

module.exports = {
	PARENT, NAME, within, relation, countyOfSchool, schoolCsv, sampleValue, schoolRow, schoolRevision,
	revisionOf, readSchool, patchBody, whatifBody, whatifCsv, importReq, snapshot, lastRevision,
};
