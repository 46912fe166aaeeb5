// state.js — the year and the area chosen in the header, shared by every
// page and kept in the URL's query (?year=2024&area=369900) so that a link
// or a reload shows the same thing.
//
//   import { state } from '../state.js';
//   watch(() => [state.year, state.area], load, { immediate: true });
//
// state.areas: GET /areas (what the caller may see; ancestors flagged);
// state.readable: those not ancestors (what the pickers offer);
// state.years: GET /years for the chosen area, ascending;
// state.school: a school account's {code, county}.
// state.area is null for "every area" (admin) and for a school account.
import { reactive, computed } from 'vue';
import { api } from './api.js';

export const state = reactive({
  year: null,
  area: null,
  areas: [],
  years: [],
  school: null,
  loaded: false,
});

export const readable = computed(() => state.areas.filter(a => !a.ancestor));

export function areaByCode(code) {
  return state.areas.find(a => a.code === code) || null;
}

// Called once signed in (and again after a sign-in as someone else).
export async function loadChoices(user, query = {}) {
  const a = await api.get('/areas');
  state.areas = (a && a.areas) || [];
  state.school = (a && a.school) || null;
  const mine = user && user.role !== 'admin' && user.role !== 'school' ? user.area : null;
  const asked = /^\d{6}$/.test(query.area || '') && readable.value.some(x => x.code === query.area)
    ? query.area : null;
  state.area = asked || mine;
  await loadYears(query.year);
  state.loaded = true;
}

export async function loadYears(wanted) {
  const y = await api.get('/years', state.area ? { area: state.area } : null);
  state.years = ((y && y.years) || []).slice().sort((p, q) => p - q);
  const w = parseInt(wanted, 10);
  if (state.years.includes(w)) state.year = w;
  else if (!state.years.includes(state.year)) state.year = state.years.length ? state.years[state.years.length - 1] : null;
}

export function clearChoices() {
  Object.assign(state, { year: null, area: null, areas: [], years: [], school: null, loaded: false });
}

// The query to keep in the URL.
export function stateQuery() {
  const q = {};
  if (state.year) q.year = String(state.year);
  if (state.area) q.area = state.area;
  return q;
}
