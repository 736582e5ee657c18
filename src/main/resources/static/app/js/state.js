// The whole view state lives in the URL's query string, so any view can be bookmarked and shared.

const KEYS = ['map', 'view', 'quarter', 'from', 'to', 'asOf', 'knownAt', 'definitions', 'channel', 'segment',
  'campaign', 'groupBy', 'edge', 'detail', 'vs', 'cmode', 'stage', 'figure', 'transition', 'journey', 'session',
  'frame', 'speed', 'print'];

/** The window and cut parameters every map read shares (docs/api.md, "Parameters"). */
export const READ_KEYS = ['quarter', 'from', 'to', 'asOf', 'knownAt', 'definitions', 'channel', 'segment',
  'campaign'];

export function current() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') state[key] = value;
  }
  if (!state.view) state.view = 'map';
  if (!state.quarter && !state.from && !state.to) state.quarter = quarterOf(new Date());
  return state;
}

/** Changes some keys (null removes) and records the new state in the browser history. */
export function update(changes, { replace = false, silent = false } = {}) {
  const next = { ...current(), ...changes };
  const params = new URLSearchParams();
  for (const key of KEYS) {
    if (next[key] !== undefined && next[key] !== null && next[key] !== '') params.set(key, next[key]);
  }
  const url = location.pathname + '?' + params.toString() + location.hash;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  if (!silent) window.dispatchEvent(new Event('statechange'));
}

/** Query string for an API read under the state; `extra` adds or overrides (null removes). */
export function readQuery(state, extra = {}) {
  const params = new URLSearchParams();
  for (const key of READ_KEYS) if (state[key]) params.set(key, apiValue(key, state[key]));
  for (const [key, value] of Object.entries(extra)) {
    if (value === null || value === undefined) params.delete(key); else params.set(key, value);
  }
  return params.toString();
}

/** datetime-local inputs give local wall time without offset; the API takes UTC instants. */
function apiValue(key, value) {
  if ((key === 'asOf' || key === 'knownAt') && value.length <= 19) return value + (value.length === 16 ? ':00Z' : 'Z');
  return value;
}

export function quarterOf(date) {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export function shiftQuarter(quarter, by) {
  const [, year, q] = /^(\d{4})-Q([1-4])$/.exec(quarter) || [null, new Date().getUTCFullYear(), 1];
  const index = Number(year) * 4 + Number(q) - 1 + by;
  return `${Math.floor(index / 4)}-Q${index % 4 + 1}`;
}

/** The period in words, for headings and file names. */
export function periodLabel(state) {
  if (state.quarter) return state.quarter;
  return `${state.from || '…'} to ${state.to || '…'}`;
}
