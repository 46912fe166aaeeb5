'use strict';
/*
 * pages.js — every page of the application with an address that shows
 * it with data of the sample (used for the screenshots and the English
 * check), and the account that sees it.  `page` is the file under
 * web/src/pages.
 */
module.exports = [
	{ name: 'overview', page: 'Overview', path: '/overview?year=2024&area=369900' },
	{ name: 'county', page: 'County', path: '/counties/369904?year=2024', wait: /7,935,187|Cheapest|最省/ },
	{ name: 'school', page: 'School', path: '/schools/2136990410?year=2024' },
	{ name: 'edit', page: 'EditSchool', path: '/schools/2136990410/edit?year=2024' },
	{ name: 'revisions', page: 'Revisions', path: '/revisions?year=2024&area=369900' },
	{ name: 'import', page: 'Import', path: '/import?year=2024&area=369900' },
	{ name: 'whatif', page: 'WhatIf', path: '/counties/369904/whatif?year=2024' },
	{ name: 'accounts', page: 'Accounts', path: '/accounts?year=2024&area=369900' },
	{ name: 'denied', page: 'Denied', path: '/denied' },
	{ name: 'notfound', page: 'NotFound', path: '/no/such/page' },
];
