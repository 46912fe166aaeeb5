// session.js — the caller.  session.user is GET /me's user (null when
// signed out); the CSRF token lives in api.js only (never in storage:
// after a reload GET /me gives it back).  can(what) says whether the
// caller's role may use a part of the interface — only to hide what would
// be refused anyway: the server checks every call.
//
//   import { session, can, signIn, signOut } from '../session.js';
//   session.user.role, session.user.area, session.user.name
//   can('import') …
import { reactive } from 'vue';
import { api, setCsrf, ApiError } from './api.js';

export const session = reactive({
  user: null,      // {name, role, role_name_zh, role_name_en, area, area_name, …}
  checked: false,  // GET /me answered once (signed in or not)
});

const OFFICES = ['admin', 'province', 'city', 'county'];

// Whether this browser signed in and has not signed out since: when it
// has not, the first page goes straight to the sign-in page instead of
// asking GET /me for a 401 (which the browser would log as an error).
// Only a hint: the HttpOnly cookie is what counts.
const HINT = 'junheng.signedIn';
function hint(on) {
  try {
    if (on) localStorage.setItem(HINT, '1');
    else localStorage.removeItem(HINT);
  } catch { /* no storage: always ask */ }
}
function hinted() {
  try {
    return !globalThis.localStorage || localStorage.getItem(HINT) !== null;
  } catch {
    return true;
  }
}

// What each part of the interface needs (lib/access's rules, docs/api.md
// "Roles"): inspectors read only; a school account sees its own school.
const RULES = {
  overview: r => r !== 'school',
  county: r => r !== 'school',
  school: () => true,
  revisions: r => r !== 'school',
  whatif: r => r !== 'school',
  import: r => r !== 'inspector',
  edit: r => r !== 'inspector',
  accounts: r => OFFICES.includes(r),
  // Issue 12's cycle (DESIGN12.md "Role rules"): plans and trends for
  // every reader but a school (a school reads its county's plan through
  // its items); the ledger for everyone (a school: its own items);
  // the workflow and notices not for schools.
  plans: r => r !== 'school',
  plan_edit: r => OFFICES.includes(r),
  ledger: () => true,
  cycle: r => r !== 'school',
  notices: r => r !== 'school',
  trends: r => r !== 'school',
};

export function can(what, user = session.user) {
  if (!user) return false;
  const rule = RULES[what];
  return rule ? rule(user.role) : false;
}

function accept(data) {
  session.user = (data && data.user) || null;
  if (data && data.csrf) setCsrf(data.csrf);
  session.checked = true;
  hint(!!session.user);
  return session.user;
}

// GET /me: the caller and the session's CSRF token.  Resolves with the
// user, or null when not signed in (401).
export async function loadMe({ force = false } = {}) {
  if (!force && !hinted()) {
    session.checked = true;
    return null;
  }
  try {
    return accept(await api.get('/me', null, { denied: false }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      dropSession();
      session.checked = true;
      return null;
    }
    throw e;
  }
}

// POST /session.  Throws the ApiError (401 wrong name or password, 429
// with retryAfter seconds).
export async function signIn(username, password) {
  return accept(await api.post('/session', { username, password }));
}

export async function signOut() {
  try {
    await api.del('/session');
  } catch { /* signed out anyway */ }
  dropSession();
}

// Forget the caller without asking the server (its 401 said it all).
export function dropSession() {
  session.user = null;
  setCsrf(null);
  hint(false);
}

// The start page of a role: a school account's own school, else the
// overview.
export function homeRoute(user = session.user) {
  if (user && user.role === 'school') return { name: 'school', params: { school: user.area } };
  return { name: 'overview' };
}
