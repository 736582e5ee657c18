// Running the session: open it, record decisions linked to the map versions they caused, assign action items
// (owner, function, due date) and complete them; overdue items stand out; a printable summary with the map
// picture, the period's figures, the decisions and the action items.

import { api, submit } from '../api.js';
import * as state from '../state.js';
import { currentUser, actingAs } from '../user.js';
import { drawMap } from '../mapdraw.js';
import { flowNodes, flowEdges } from '../figures.js';
import { date, dateTime, esc } from '../format.js';
import { table } from '../tables.js';
import { stageColumns } from './map.js';
import { closeDrill } from './drill.js';

const FUNCTIONS = ['MARKETING', 'SALES', 'SERVICE', 'JOINT'];

export async function render(main, ctx) {
  const s = ctx.state;
  closeDrill();
  if (!s.session) {
    const sessions = s.map ? await api(`/api/sessions?mapId=${encodeURIComponent(s.map)}`) : [];
    if (!ctx.isCurrent()) return;
    main.innerHTML = start(s, sessions);
    wireStart(main, s);
    return;
  }
  const session = await api(`/api/sessions/${encodeURIComponent(s.session)}`);
  const base = `/api/maps/${encodeURIComponent(session.mapId)}`;
  const versions = await api(`${base}/versions`);
  if (!ctx.isCurrent()) return;
  if (s.print) {
    await summary(main, ctx, session, versions);
    return;
  }
  const open = session.status === 'OPEN';
  const overdue = new Set(session.overdueActionItems);
  main.innerHTML = `<section class="view-session">
    <div class="toolbar">
      <h1>${esc(session.title)} <small>${esc(session.status)} · map ${esc(session.mapId)}</small></h1>
      <a class="button" id="print-link" href="?${new URLSearchParams({ ...s, print: '1' })}">Printable summary</a>
      ${open ? '<button type="button" id="close-session">Close session</button>' : ''}</div>
    <p>Facilitator ${esc(session.facilitator)} · opened ${esc(dateTime(session.openedAt))} · participants:
      ${session.participants.map(p => `${esc(p.name)} (${esc(p.function)})`).join(', ')}</p>
    <div id="session-errors" class="errors" role="alert"></div>
    <div class="columns">
      <div><h2>Decisions</h2>
        <ol id="decisions">${session.decisions.map(d => `<li data-decision="${esc(d.decisionId)}">${esc(d.text)}
          ${d.mapVersions.length ? `<small>→ map ${d.mapVersions.map(v => `v${v}`).join(', ')}</small>` : ''}</li>`)
            .join('') || '<li class="none">No decision yet.</li>'}</ol>
        ${open ? `<form id="decide"><label class="wide">decision <input name="text" required size="50"></label>
          <fieldset><legend>caused map versions</legend>${versions.slice(-6).map(v => `<label><input type="checkbox"
            name="version" value="${v.version}"> v${v.version}: ${esc(v.changes[0] || v.event)}</label>`).join('<br>')}
          </fieldset><button type="submit">Record decision</button></form>` : ''}</div>
      <div><h2>Action items</h2>
        ${table(session.actionItems, [
    { key: 'itemId', label: 'id' }, { key: 'text', label: 'what' }, { key: 'owner', label: 'owner' },
    { key: 'function', label: 'function' }, { key: 'due', label: 'due', format: date },
    { key: 'status', label: 'status', html: i => i.status === 'DONE'
      ? `done ${esc(date(i.completedAt))}${i.completedLate ? ' (late)' : ''}`
      : overdue.has(i.itemId) ? '<span class="overdue">⚠ OVERDUE</span>' : 'open' },
    { key: 'itemId', label: '', html: i => (i.status === 'DONE' ? '' : completeButton(i)) },
  ], { id: 'action-items', rowAttrs: i => `data-item="${esc(i.itemId)}" class="${overdue.has(i.itemId) ? 'overdue-row'
      : ''}"` })}
        ${open ? `<form id="assign"><label class="wide">what <input name="text" required size="40"></label>
          <label>owner <select name="owner">${session.participants.map(p => `<option value="${esc(p.name)}"
            data-function="${esc(p.function)}">${esc(p.name)} (${esc(p.function)})</option>`).join('')}</select></label>
          <label>function <select name="function"><option value="">owner's</option>${FUNCTIONS.map(f =>
            `<option>${f}</option>`).join('')}</select></label>
          <label>due <input type="date" name="due" required></label>
          <button type="submit">Assign</button></form>` : ''}</div>
    </div></section>`;
  const path = `/api/sessions/${encodeURIComponent(session.sessionId)}`;
  const errors = main.querySelector('#session-errors');
  main.querySelector('#decide')?.addEventListener('submit', event => {
    event.preventDefault();
    const form = event.target;
    const mapVersions = [...form.querySelectorAll('input[name=version]:checked')].map(i => Number(i.value));
    submit(errors, () => api(`${path}/decisions`, { method: 'POST', body: { text: form.text.value, mapVersions } }));
  });
  main.querySelector('#assign')?.addEventListener('submit', event => {
    event.preventDefault();
    const form = event.target;
    const itemId = `a${session.actionItems.length + 1}`;
    submit(errors, () => api(`${path}/action-items`, { method: 'POST', body: { itemId, text: form.text.value,
      owner: form.owner.value, function: form.function.value || null, due: form.due.value } }));
  });
  main.querySelectorAll('[data-complete]').forEach(button => button.addEventListener('click', () =>
    submit(errors, () => api(`${path}/action-items/${encodeURIComponent(button.dataset.complete)}/complete`, {
      method: 'POST', body: { ...pick(actingAs(), 'by') } }))));
  main.querySelector('#close-session')?.addEventListener('click', () =>
    submit(errors, () => api(`${path}/close`, { method: 'POST' })));
}

function start(s, sessions) {
  const me = currentUser();
  const today = new Date().toISOString().slice(0, 10);
  return `<section class="view-session-start">
    <h1>Mapping sessions on ${esc(s.map || '…')}</h1>
    ${sessions.length ? `<ul id="sessions">${sessions.map(r => `<li data-session="${esc(r.sessionId)}">
      <a href="?${new URLSearchParams({ ...s, view: 'session', session: r.sessionId })}">${esc(r.title)}</a>
      (${esc(r.status.toLowerCase())}, opened ${esc(date(r.openedAt))} by ${esc(r.facilitator)})</li>`).join('')}</ul>`
      : '<p>No session on this map yet: open the first one below.</p>'}
    <form id="goto"><label>Open session by id <input name="id" required></label> <button>Open</button></form>
    <div id="session-errors" class="errors" role="alert"></div>
    <form id="open-session"><h2>Open a new session on map ${esc(s.map || '')}</h2>
      <label class="wide">title <input name="title" required size="40" value="Handoff review ${today}"></label>
      <label>session id
        <input name="sessionId" required size="24" value="${esc((s.map || 'map') + '-' + today)}"></label>
      <label>facilitator <input name="facilitator" required value="${esc(me?.displayName || '')}"></label>
      <fieldset id="participants"><legend>participants (marketing and sales at least)</legend>
        ${[0, 1, 2, 3].map(i => `<label>name <input name="pname${i}"></label>
          <select name="pfunction${i}" aria-label="function of participant ${i + 1}">${FUNCTIONS.map(f =>
            `<option${f === FUNCTIONS[i] ? ' selected' : ''}>${f}</option>`).join('')}</select><br>`).join('')}
      </fieldset>
      <button type="submit" ${s.map ? '' : 'disabled'}>Open session</button></form></section>`;
}

function wireStart(main, s) {
  main.querySelector('#goto').addEventListener('submit', event => {
    event.preventDefault();
    state.update({ session: event.target.id.value.trim() });
  });
  main.querySelector('#open-session').addEventListener('submit', event => {
    event.preventDefault();
    const f = event.target;
    const participants = [0, 1, 2, 3]
        .map(i => ({ name: f[`pname${i}`].value.trim(), function: f[`pfunction${i}`].value }))
        .filter(p => p.name);
    submit(main.querySelector('#session-errors'), async () => {
      const session = await api('/api/sessions', { method: 'POST', body: { sessionId: f.sessionId.value.trim(),
        mapId: s.map, title: f.title.value, facilitator: f.facilitator.value, participants } });
      state.update({ session: session.sessionId });
    }, { refresh: false });
  });
}

/** One printable page: the map of the period, its stage figures, the decisions and the action items. */
async function summary(main, ctx, session, versions) {
  const s = ctx.state;
  const flow = await api(`/api/maps/${encodeURIComponent(session.mapId)}/flow?${state.readQuery(s)}`);
  if (!ctx.isCurrent()) return;
  const overdue = new Set(session.overdueActionItems);
  main.innerHTML = `<article class="summary" id="summary">
    <p class="noprint"><button type="button" id="print">Print</button>
      <a href="?${new URLSearchParams({ ...s, print: '' })}">Back to the session</a></p>
    <h1>${esc(session.title)}</h1>
    <p>Map ${esc(session.mapId)} v${flow.map.version} · figures for ${esc(state.periodLabel(s))} · facilitator
      ${esc(session.facilitator)} · ${session.participants.map(p => `${esc(p.name)} (${esc(p.function)})`).join(', ')}
      · ${esc(session.status.toLowerCase())}</p>
    <div class="canvas" id="summary-map"></div>
    ${table(flow.stages, stageColumns().filter(c => !['arrivals', 'wipAtStart', 'dwellMeanHours', 'dwellP90Hours']
        .includes(c.key)), { caption: 'Stage figures' })}
    <h2>Decisions</h2><ol>${session.decisions.map(d => `<li>${esc(d.text)}${linked(d, versions)}</li>`).join('')
      || '<li>none</li>'}</ol>
    <h2>Action items</h2>${table(session.actionItems, [{ key: 'text', label: 'what' }, { key: 'owner', label: 'owner' },
    { key: 'function', label: 'function' }, { key: 'due', label: 'due', format: date },
    { key: 'status', label: 'status',
      format: (v, i) => (v === 'DONE' ? 'done' : overdue.has(i.itemId) ? 'OVERDUE' : 'open') }],
  { rowAttrs: i => `class="${overdue.has(i.itemId) ? 'overdue-row' : ''}"` })}
  </article>`;
  drawMap(main.querySelector('#summary-map'), { map: flow.map, caption: `${session.mapId} · ${state.periodLabel(s)}`,
    nodes: flowNodes(flow), edges: flowEdges(flow, flow.map).edges });
  main.querySelector('#print').addEventListener('click', () => window.print());
}

/** An item is completed by the function that owes it (any function for a JOINT item); others see why not. */
function completeButton(item) {
  const me = currentUser();
  const why = me?.signedIn && item.function !== 'JOINT' && me.function !== item.function
    ? `${item.function} owes this item; only ${item.function} can mark it done` : '';
  return `<button type="button" data-complete="${esc(item.itemId)}" ${why ? `disabled title="${esc(why)}"` : ''}>`
      + `Mark done</button>${why ? `<small class="why">${esc(why)}</small>` : ''}`;
}

function pick(object, key) {
  return key in object ? { [key]: object[key] } : {};
}

/** The map versions a decision caused, with what each changed. */
function linked(decision, versions) {
  if (!decision.mapVersions.length) return '';
  return ` (map ${decision.mapVersions.map(v =>
    `v${v}: ${esc(versions.find(x => x.version === v)?.changes.join('; ') || '')}`).join(', ')})`;
}
