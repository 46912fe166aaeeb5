// router.js — every page's address (history mode: the server answers
// index.html for any path outside /api without a file extension) and the
// guard in front of them:
//   - not signed in → /login?next=<where it was going>;
//   - a page the role may not use (meta.can, session.js's can()) or a
//     county outside the caller's areas (GET /areas) → /denied;
//   - "/" → the role's start page (a school account: its school);
//   - ?year= and ?area= of the address become state.year / state.area.
// A 403 `forbidden` from the API on a page's GET also ends on /denied
// (api.js → main.js).  Path parameters are passed to pages as props
// (County: county; School, EditSchool: school; WhatIf: county, may be
// undefined).
import { createRouter, createWebHistory } from 'vue-router';
import { session, loadMe, can, homeRoute } from './session.js';
import { state, readable, loadChoices, loadYears } from './state.js';

import Login from './pages/Login.vue';
import Denied from './pages/Denied.vue';
import NotFound from './pages/NotFound.vue';

const Overview = () => import('./pages/Overview.vue');
const County = () => import('./pages/County.vue');
const School = () => import('./pages/School.vue');
const EditSchool = () => import('./pages/EditSchool.vue');
const Revisions = () => import('./pages/Revisions.vue');
const Import = () => import('./pages/Import.vue');
const WhatIf = () => import('./pages/WhatIf.vue');
const Accounts = () => import('./pages/Accounts.vue');
const Plans = () => import('./pages/Plans.vue');
const PlanEdit = () => import('./pages/PlanEdit.vue');
const Ledger = () => import('./pages/Ledger.vue');
const LedgerItem = () => import('./pages/LedgerItem.vue');
const Cycle = () => import('./pages/Cycle.vue');
const Notices = () => import('./pages/Notices.vue');
const Trends = () => import('./pages/Trends.vue');

export const routes = [
  { path: '/login', name: 'login', component: Login, meta: { public: true, bare: true } },
  { path: '/', name: 'home', component: NotFound },
  { path: '/overview', name: 'overview', component: Overview, meta: { can: 'overview', menu: 'overview' } },
  { path: '/counties/:county(\\d{6})', name: 'county', component: County, props: true,
    meta: { can: 'county', menu: 'overview' } },
  { path: '/counties/:county(\\d{6})/whatif', name: 'whatif', component: WhatIf, props: true,
    meta: { can: 'whatif', menu: 'whatif' } },
  { path: '/whatif', name: 'whatif-pick', component: WhatIf, meta: { can: 'whatif', menu: 'whatif' } },
  { path: '/schools/:school([0-9A-Za-z_-]{1,32})', name: 'school', component: School, props: true,
    meta: { can: 'school', menu: 'school' } },
  { path: '/schools/:school([0-9A-Za-z_-]{1,32})/edit', name: 'edit', component: EditSchool, props: true,
    meta: { can: 'edit', menu: 'edit' } },
  { path: '/revisions', name: 'revisions', component: Revisions, meta: { can: 'revisions', menu: 'revisions' } },
  { path: '/import', name: 'import', component: Import, meta: { can: 'import', menu: 'import' } },
  { path: '/accounts', name: 'accounts', component: Accounts, meta: { can: 'accounts', menu: 'accounts' } },
  // Issue 12: creation plans, ledgers, the yearly workflow, notices, trends.
  { path: '/plans', name: 'plans', component: Plans, meta: { can: 'plans', menu: 'plans' } },
  { path: '/counties/:county(\\d{6})/plan', name: 'plan', component: PlanEdit, props: true,
    meta: { can: 'plans', menu: 'plans' } },
  { path: '/ledger', name: 'ledger', component: Ledger, meta: { can: 'ledger', menu: 'ledger' } },
  { path: '/ledger/:id(\\d{1,9})', name: 'ledger-item', component: LedgerItem, props: true,
    meta: { can: 'ledger', menu: 'ledger' } },
  { path: '/cycle', name: 'cycle-pick', component: Cycle, meta: { can: 'cycle', menu: 'cycle' } },
  { path: '/counties/:county(\\d{6})/cycle/:year(\\d{4})', name: 'cycle', component: Cycle, props: true,
    meta: { can: 'cycle', menu: 'cycle' } },
  { path: '/notices', name: 'notices', component: Notices, meta: { can: 'notices', menu: 'notices' } },
  { path: '/trends', name: 'trends', component: Trends, meta: { can: 'trends', menu: 'trends' } },
  { path: '/counties/:county(\\d{6})/trends', name: 'county-trends', component: Trends, props: true,
    meta: { can: 'trends', menu: 'trends' } },
  { path: '/denied', name: 'denied', component: Denied, meta: { public: true } },
  { path: '/:pathMatch(.*)*', name: 'notfound', component: NotFound, meta: { public: true } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (to, from, saved) => saved || { top: 0 },
});

// next=… of the sign-in page: only a path of this site.
export function safeNext(v) {
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/\\')
    && !v.startsWith('/login') ? v : null;
}

router.beforeEach(async to => {
  if (!session.checked) {
    try {
      await loadMe();
    } catch {
      /* the server cannot be reached: the sign-in page says so */
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.user)
      return safeNext(to.query.next) || homeRoute();
    return true;
  }
  if (!session.user)
    return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  if (!state.loaded) {
    try {
      await loadChoices(session.user, to.query);
    } catch {
      /* pages show their own errors; the pickers stay empty */
    }
  }
  if (to.name === 'home') {
    const h = homeRoute();
    const q = {};
    if (state.year) q.year = String(state.year);
    if (state.area && h.name !== 'school') q.area = state.area;
    return { ...h, query: q };
  }
  if (to.meta.can && !can(to.meta.can))
    return { name: 'denied', query: { from: to.fullPath } };
  if (to.params.county && state.loaded && !readable.value.some(a => a.code === to.params.county))
    return { name: 'denied', query: { from: to.fullPath } };
  // The address's year and area become the chosen ones.
  const area = typeof to.query.area === 'string' ? to.query.area : null;
  if (area && area !== state.area && readable.value.some(a => a.code === area)) {
    state.area = area;
    try { await loadYears(to.query.year); } catch { /* keep the old years */ }
  }
  const year = parseInt(to.query.year, 10);
  if (year && year !== state.year && state.years.includes(year)) state.year = year;
  return true;
});

export default router;
