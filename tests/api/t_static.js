'use strict';
/*
 * t_static.js — static files from one directory (`serve --static DIR`),
 * on a server of its own: files inside are served with their type and
 * the security headers; nothing outside DIR is reachable whatever the
 * encoding — "..", "%2e%2e", "%2f", "%252e", backslashes, NUL — nor
 * through a symbolic link out of DIR (to a file, to a directory, or to a
 * sibling directory whose name starts like DIR's); dot-files are not
 * served; a directory is its index.html or a 404, never a listing.
 */
const fs = require('node:fs');
const path = require('node:path');
const L = require('./lib.js');
const { check } = L;

module.exports = async function (ctx) {
	const base = path.join(ctx.tmp, 'static');
	const www = path.join(base, 'www');
	fs.mkdirSync(path.join(www, 'sub'), { recursive: true });
	fs.mkdirSync(path.join(www, 'empty'), { recursive: true });
	fs.mkdirSync(path.join(base, 'www2'), { recursive: true });
	fs.writeFileSync(path.join(www, 'index.html'), '<!DOCTYPE html><title>front</title><script src="/app.js"></script>\n');
	fs.writeFileSync(path.join(www, 'app.js'), 'console.log("front-end");\n');
	fs.writeFileSync(path.join(www, 'sub', 'index.html'), '<!DOCTYPE html><title>sub</title>\n');
	fs.writeFileSync(path.join(www, 'sub', 'x.css'), 'body { color: #123; }\n');
	fs.writeFileSync(path.join(www, '.hidden'), 'HIDDEN-DOTFILE\n');
	fs.writeFileSync(path.join(base, 'secret.txt'), 'TOPSECRET-OUTSIDE\n');
	fs.writeFileSync(path.join(base, 'www2', 's.txt'), 'TOPSECRET-SIBLING\n');
	fs.symlinkSync('../secret.txt', path.join(www, 'link'));
	fs.symlinkSync('..', path.join(www, 'dirlink'));
	fs.symlinkSync('../www2/s.txt', path.join(www, 'sibling'));

	const srv = await L.startServer(ctx.BIN, ctx.db, ['--static', www]);
	ctx.servers.push(srv);
	if (!check('static: a server with --static DIR', srv.port > 0, srv.stdout + srv.stderr)) return;
	const get = (p) => L.raw({ path: p, port: srv.port });

	const root = await get('/');
	check('static: / is DIR/index.html, text/html', root.status === 200 && root.text.includes('<title>front</title>') &&
		/^text\/html/.test(root.headers['content-type'] || ''), root.status + ' ' + root.text.slice(0, 80));
	const js = await get('/app.js');
	check('static: /app.js, text/javascript', js.status === 200 && js.text === 'console.log("front-end");\n' &&
		/^(text|application)\/javascript/.test(js.headers['content-type'] || ''), js.status + ' ' + js.headers['content-type']);
	const css = await get('/sub/x.css');
	check('static: /sub/x.css, text/css', css.status === 200 && /^text\/css/.test(css.headers['content-type'] || ''), css.status + ' ' + css.headers['content-type']);
	const sub = await get('/sub/');
	check('static: /sub/ is sub/index.html', sub.status === 200 && sub.text.includes('<title>sub</title>'), sub.status);
	const empty = await get('/empty/');
	check('static: a directory without index.html → 404, no listing', empty.status === 404 && !/Index of|<a href/i.test(empty.text), empty.status);
	const api = await L.api('GET', '/years', { port: srv.port });
	check('static: /api/ is still the API (401 without a session)', api.status === 401, api.status);

	const outside = [
		'/.hidden', '/%2ehidden', '/link', '/sibling', '/dirlink/secret.txt', '/dirlink/www2/s.txt',
		'/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt',
		'/sub/../../secret.txt', '/sub/%2e%2e/%2e%2e/secret.txt', '/%252e%252e/secret.txt', '/..%5csecret.txt',
		'/sub%2f..%2f..%2fsecret.txt', '/./../secret.txt', '/.%2e/secret.txt', '/%c0%ae%c0%ae/secret.txt',
		'/../www2/s.txt', '/..%2fwww2%2fs.txt', '/sub/..%5c..%5csecret.txt', '/app.js%00.html', '/app.js/..',
		'/' + encodeURIComponent(path.join(base, 'secret.txt')), '//' + path.join(base, 'secret.txt').slice(1),
	];
	for (const p of outside) {
		const r = await get(p);
		const bad = /TOPSECRET|HIDDEN-DOTFILE/.test(r.text);
		check('static ' + L.printable(p) + ' → 404, nothing of outside DIR', (r.status === 404 || r.status === 400 && /%00|%c0/.test(p)) && !bad,
			r.status + ' ' + r.text.slice(0, 80));
	}
	const post = await L.raw({ method: 'POST', path: '/app.js', port: srv.port, body: 'x' });
	check('static: POST /app.js → 404 or 405', post.status === 404 || post.status === 405, post.status);
	const ex = await srv.stop('SIGTERM');
	check('static: its server exits 0 on SIGTERM', ex.code === 0, JSON.stringify(ex));
};
