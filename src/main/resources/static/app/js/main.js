// The page shell: who is using it, which map, the period controls, and which view fills the main area. Every
// control writes the URL (state.js); a change of URL redraws the view, so back/forward and bookmarks just work.

import { api, ApiError } from './api.js';
import * as state from './state.js';
import { esc } from './format.js';
import { identity, renderUser } from './user.js';

const VIEWS = {
  map: () => import('./views/map.js'),
  compare: () => import('./views/compare.js'),
  replay: () => import('./views/replay.js'),
  draft: () => import('./views/draft.js'),
  definitions: () => import('./views/definitions.js'),
  session: () => import('./views/session.js'),
  loop: () => import('./views/loop.js'),
  scorecard: () => import('./views/scorecard.js'),
  revenue: () => import('./views/revenue.js'),
  docs: () => import('./views/docs.js'),
};

const main = document.getElementById('main');
const status = document.getElementById('status');
let maps = [];
let generation = 0;

export function say(message, kind = 'info') {
  status.textContent = message || '';
  status.className = 'status ' + kind;
}

async function start() {
  const me = await identity();
  renderUser(document.getElementById('user'), me);
  wireControls();
  window.addEventListener('popstate', render);
  window.addEventListener('statechange', render);
  await render();
}

function wireControls() {
  document.querySelectorAll('.tabs button').forEach(button =>
    button.addEventListener('click', () => state.update({ view: button.dataset.view, stage: null, transition: null,
      journey: null, figure: null })));
  const select = document.getElementById('map-select');
  select.addEventListener('change', () => state.update({ map: select.value, stage: null, transition: null,
    journey: null }));
  const quarter = document.getElementById('quarter');
  quarter.addEventListener('change', () => state.update({ quarter: quarter.value, from: null, to: null }));
  document.getElementById('q-prev').addEventListener('click', () => shift(-1));
  document.getElementById('q-next').addEventListener('click', () => shift(1));
  for (const id of ['from', 'to']) {
    document.getElementById(id).addEventListener('change', event =>
      state.update({ [id]: event.target.value || null, quarter: null }));
  }
  for (const id of ['asOf', 'knownAt', 'definitions', 'channel', 'segment', 'campaign', 'groupBy']) {
    document.getElementById(id).addEventListener('change', event => state.update({ [id]: event.target.value || null }));
  }
  document.getElementById('period').addEventListener('submit', event => event.preventDefault());
}

function shift(by) {
  const s = state.current();
  state.update({ quarter: state.shiftQuarter(s.quarter || state.quarterOf(new Date()), by), from: null, to: null });
}

function syncControls(s) {
  const select = document.getElementById('map-select');
  select.innerHTML = maps.map(m => `<option value="${esc(m.mapId)}">${esc(m.name)} (${esc(m.mapId)}, v${m.version})`
      + '</option>').join('') || '<option value="">no map yet</option>';
  select.value = s.map || '';
  const quarter = document.getElementById('quarter');
  const around = s.quarter || state.quarterOf(new Date());
  const options = [];
  for (let i = -8; i <= 4; i++) options.push(state.shiftQuarter(around, i));
  quarter.innerHTML = (s.quarter ? '' : '<option value="">free period</option>')
      + options.map(q => `<option>${q}</option>`).join('');
  quarter.value = s.quarter || '';
  for (const id of ['from', 'to', 'asOf', 'knownAt', 'definitions', 'groupBy']) {
    document.getElementById(id).value = s[id] || '';
  }
  for (const id of ['channel', 'segment', 'campaign']) {
    const input = document.getElementById(id);
    if (s[id] && ![...input.options].some(o => o.value === s[id])) {
      input.insertAdjacentHTML('beforeend', `<option>${esc(s[id])}</option>`);
    }
    input.value = s[id] || '';
  }
  document.querySelectorAll('.tabs button').forEach(button =>
    button.setAttribute('aria-current', button.dataset.view === s.view ? 'page' : 'false'));
}

async function render() {
  const run = ++generation;
  const s = state.current();
  // The list names each map's version, which a write in any view may have moved on.
  try {
    maps = await api('/api/maps');
  } catch (e) {
    say(e.message, 'error');
  }
  if (run !== generation) return;
  if (!s.map && maps.length) {
    state.update({ map: maps[0].mapId }, { replace: true });
    return;
  }
  syncControls(s);
  document.body.dataset.view = s.view;
  const loader = VIEWS[s.view] || VIEWS.map;
  say('');
  try {
    const view = await loader();
    if (run !== generation) return;
    await view.render(main, { state: s, maps, isCurrent: () => run === generation, refreshMaps, say });
  } catch (e) {
    if (run !== generation) return;
    if (e instanceof ApiError && e.status === 404 && s.view !== 'draft') {
      say(e.message, 'error');
    } else {
      say(e.message || String(e), 'error');
      console.error(e);
    }
  }
}

async function refreshMaps() {
  maps = await api('/api/maps');
  syncControls(state.current());
}

start();
