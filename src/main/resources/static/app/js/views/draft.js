// Editing the map in the session: a draft of stages, owners, SLAs and handoffs; a what-if preview of the figures
// the draft would give for the chosen period next to today's; saving makes a new version, listed in the history.

import { api, ApiError, problemHtml } from '../api.js';
import * as state from '../state.js';
import { drawMap } from '../mapdraw.js';
import { flowNodes, flowEdges } from '../figures.js';
import { count, hours, dateTime, esc } from '../format.js';
import { closeDrill } from './drill.js';

const FUNCTIONS = ['MARKETING', 'SALES', 'SERVICE', 'JOINT'];

/** A first map for a team that has none: the classic lead-to-customer chain with its two handoffs. */
const STARTER = {
  name: 'Marketing to sales',
  stages: [
    { stageId: 'lead', name: 'Lead', owner: 'MARKETING', enteredOn: ['LeadCaptured'] },
    { stageId: 'mql', name: 'MQL', owner: 'MARKETING', enteredOn: ['LeadQualified'], slaHours: 48 },
    { stageId: 'sal', name: 'SAL', owner: 'SALES', enteredOn: ['LeadAccepted'], slaHours: 24 },
    { stageId: 'sql', name: 'SQL', owner: 'SALES', enteredOn: ['OpportunityOpened'] },
    { stageId: 'won', name: 'Won', owner: 'SALES', enteredOn: ['DealWon'] },
    { stageId: 'lost', name: 'Lost', owner: 'SALES', enteredOn: ['DealLost'] },
    { stageId: 'live', name: 'Customer', owner: 'SERVICE', enteredOn: ['CustomerOnboarded'] },
  ],
  handoffs: [
    { fromStage: 'mql', toStage: 'sal', owner: 'SALES', criteria: 'score ≥ 60, budget known' },
    { fromStage: 'won', toStage: 'live', owner: 'SERVICE', criteria: 'signed order and kickoff date' },
  ],
};

let draft = null;
let draftOf = null;

export async function render(main, ctx) {
  const s = ctx.state;
  closeDrill();
  const mapId = s.map || 'default';
  let saved = null;
  try {
    saved = await api(`/api/maps/${encodeURIComponent(mapId)}`);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  if (draftOf !== mapId || !draft) {
    draft = toDocument(saved || STARTER);
    draftOf = mapId;
  }
  const history = saved ? await api(`/api/maps/${encodeURIComponent(mapId)}/versions`) : [];
  if (!ctx.isCurrent()) return;
  main.innerHTML = `<section class="view-draft">
    <div class="toolbar"><h1>${saved ? `Edit map ${esc(mapId)} (now v${saved.version})` : `New map ${esc(mapId)}`}</h1>
      ${saved ? '' : `<label>map id <input id="map-id" value="${esc(mapId)}" data-field="mapId"></label>`}
      <button type="button" id="preview" class="primary">Preview figures for ${esc(state.periodLabel(s))}</button>
      <button type="button" id="save">Save as new version</button>
      <button type="button" id="discard">Discard draft</button></div>
    <div id="draft-errors" class="errors" role="alert"></div>
    <div class="draft-grid"><div class="editor">
      <label class="wide">Map name <input id="map-name" data-field="name" value="${esc(draft.name)}"></label>
      <label>Currency of its amounts <input id="map-currency" data-field="currency" size="4" maxlength="3"
        placeholder="none" value="${esc(draft.currency || '')}" aria-describedby="currency-note"></label>
      <small id="currency-note">ISO 4217, such as EUR or USD</small>
      <h2>Stages <small>left to right in map order</small></h2>
      <table class="edit" id="stage-editor"><thead><tr><th>order</th><th>id</th><th>name</th><th>owner</th>
        <th>entered on (step types)</th><th>SLA hours</th><th>ends the journey</th><th></th></tr></thead>
        <tbody>${draft.stages.map(stageRow).join('')}</tbody></table>
      <button type="button" id="add-stage">+ Add stage</button>
      <h2>Handoffs <small>work passing between functions</small></h2>
      <table class="edit" id="handoff-editor"><thead><tr><th>from</th><th>to</th><th>accountable</th><th>criteria</th>
        <th></th></tr></thead><tbody>${draft.handoffs.map((h, j) => handoffRow(h, j, draft.stages)).join('')}</tbody>
      </table>
      <button type="button" id="add-handoff">+ Add handoff</button>
    </div><div class="versions">
    <h2>Version history</h2>
    <ol class="history" id="history" reversed>${history.slice().reverse().map(v => `<li data-version="${v.version}">
      <strong>v${v.version}</strong> · ${esc(dateTime(v.recordedAt))} · ${esc(v.event)}
      ${v.recordedBy ? ` · by ${esc(v.recordedBy.name)}` : ''}
      <ul>${v.changes.map(c => `<li>${esc(c)}</li>`).join('')}</ul></li>`).join('')
      || '<li>Not saved yet.</li>'}</ol></div></div>
    <div id="preview-out"></div>
  </section>`;
  wire(main, ctx, mapId, saved);
}

function toDocument(map) {
  return {
    name: map.name,
    currency: map.currency ?? null,
    stages: map.stages.map(st => ({ stageId: st.stageId, name: st.name, owner: st.owner,
      enteredOn: [...st.enteredOn], slaHours: st.slaHours ?? null, terminal: st.terminal ?? null })),
    handoffs: (map.handoffs || []).map(h => ({ ...h })),
    // The editor has no calendar fields; carried through so that saving a draft does not drop the map's calendars.
    calendars: (map.calendars || []).map(c => ({ ...c })),
  };
}

function stageRow(st, i) {
  const at = `stages[${i}]`;
  return `<tr data-index="${i}">
    <td><button type="button" data-move="-1" aria-label="Move ${esc(st.stageId)} left">↑</button>
        <button type="button" data-move="1" aria-label="Move ${esc(st.stageId)} right">↓</button></td>
    <td><input data-key="stageId" data-field="${at}.stageId" value="${esc(st.stageId)}" size="8"></td>
    <td><input data-key="name" data-field="${at}.name" value="${esc(st.name)}" size="12"></td>
    <td><select data-key="owner" data-field="${at}.owner">${FUNCTIONS.map(f => `<option${f === st.owner ? ' selected'
        : ''}>${f}</option>`).join('')}</select></td>
    <td><input data-key="enteredOn" data-field="${at}.enteredOn" value="${esc(st.enteredOn.join(', '))}" size="24"></td>
    <td><input data-key="slaHours" data-field="${at}.slaHours" type="number" min="1" value="${st.slaHours ?? ''}"
        size="5"></td>
    <td><select data-key="terminal" data-field="${at}.terminal"><option value="">auto</option>
      <option value="true"${st.terminal === true ? ' selected' : ''}>yes</option>
      <option value="false"${st.terminal === false ? ' selected' : ''}>no</option></select></td>
    <td><button type="button" data-remove aria-label="Remove stage ${esc(st.stageId)}">Remove</button></td></tr>`;
}

function handoffRow(h, j, stages) {
  const at = `handoffs[${j}]`;
  const options = value => stages.map(st => `<option${st.stageId === value ? ' selected' : ''}>${esc(st.stageId)}`
      + '</option>').join('');
  return `<tr data-index="${j}">
    <td><select data-key="fromStage" data-field="${at}.fromStage">${options(h.fromStage)}</select></td>
    <td><select data-key="toStage" data-field="${at}.toStage">${options(h.toStage)}</select></td>
    <td><select data-key="owner" data-field="${at}.owner">${FUNCTIONS.map(f => `<option${f === h.owner ? ' selected'
        : ''}>${f}</option>`).join('')}</select></td>
    <td><input data-key="criteria" data-field="${at}.criteria" value="${esc(h.criteria)}" size="36"></td>
    <td><button type="button" data-remove aria-label="Remove handoff">Remove</button></td></tr>`;
}

function wire(main, ctx, mapId, saved) {
  const rerender = () => render(main, { ...ctx, state: state.current() });
  main.querySelector('#map-name').addEventListener('change', e => { draft.name = e.target.value; });
  main.querySelector('#map-currency').addEventListener('change', e => {
    draft.currency = e.target.value.trim() || null;
  });
  main.querySelectorAll('#stage-editor tbody tr').forEach(row => {
    const stage = draft.stages[Number(row.dataset.index)];
    row.querySelectorAll('[data-key]').forEach(input => input.addEventListener('change', () => {
      const key = input.dataset.key;
      if (key === 'enteredOn') stage.enteredOn = input.value.split(/[,\s]+/).filter(Boolean);
      else if (key === 'slaHours') stage.slaHours = input.value === '' ? null : Number(input.value);
      else if (key === 'terminal') stage.terminal = input.value === '' ? null : input.value === 'true';
      else if (key === 'stageId') renameStage(stage, input.value.trim());
      else stage[key] = input.value;
      if (key === 'stageId') rerender();
    }));
    row.querySelectorAll('[data-move]').forEach(button => button.addEventListener('click', () => {
      const i = Number(row.dataset.index);
      const j = i + Number(button.dataset.move);
      if (j < 0 || j >= draft.stages.length) return;
      [draft.stages[i], draft.stages[j]] = [draft.stages[j], draft.stages[i]];
      rerender();
    }));
    row.querySelector('[data-remove]').addEventListener('click', () => {
      draft.stages.splice(Number(row.dataset.index), 1);
      rerender();
    });
  });
  main.querySelectorAll('#handoff-editor tbody tr').forEach(row => {
    const handoff = draft.handoffs[Number(row.dataset.index)];
    row.querySelectorAll('[data-key]').forEach(input => input.addEventListener('change', () => {
      handoff[input.dataset.key] = input.value;
    }));
    row.querySelector('[data-remove]').addEventListener('click', () => {
      draft.handoffs.splice(Number(row.dataset.index), 1);
      rerender();
    });
  });
  main.querySelector('#add-stage').addEventListener('click', () => {
    const n = draft.stages.length + 1;
    draft.stages.push({ stageId: `stage${n}`, name: `Stage ${n}`, owner: 'SALES', enteredOn: [], slaHours: null,
      terminal: null });
    rerender();
  });
  main.querySelector('#add-handoff').addEventListener('click', () => {
    const [a, b] = [draft.stages[0], draft.stages[1] || draft.stages[0]];
    draft.handoffs.push({ fromStage: a?.stageId, toStage: b?.stageId, owner: b?.owner || 'SALES', criteria: '' });
    rerender();
  });
  main.querySelector('#discard').addEventListener('click', () => { draft = null; rerender(); });
  const targetId = () => (main.querySelector('#map-id')?.value || mapId).trim();
  main.querySelector('#preview').addEventListener('click', () => guarded(main, async () => {
    const s = state.current();
    const id = targetId();
    const [preview, today] = await Promise.all([
      api(`/api/maps/${encodeURIComponent(id)}/preview?${state.readQuery(s)}`, { method: 'POST', body: draft }),
      saved ? api(`/api/maps/${encodeURIComponent(id)}/flow?${state.readQuery(s)}`) : null,
    ]);
    showPreview(main.querySelector('#preview-out'), preview, today, s);
    main.querySelector('#preview-out').scrollIntoView();
  }));
  main.querySelector('#save').addEventListener('click', () => guarded(main, async () => {
    const id = targetId();
    const result = await api(`/api/maps/${encodeURIComponent(id)}`, { method: 'PUT', body: draft });
    draft = null;
    await ctx.refreshMaps();
    ctx.say(`Saved ${id} as version ${result.version}.`, 'ok');
    state.update({ map: id, view: 'draft' });
  }));
}

/** Renaming a stage id carries its handoffs along, so a rename is one edit. */
function renameStage(stage, id) {
  for (const h of draft.handoffs) {
    if (h.fromStage === stage.stageId) h.fromStage = id;
    if (h.toStage === stage.stageId) h.toStage = id;
  }
  stage.stageId = id;
}

async function guarded(main, work) {
  const box = main.querySelector('#draft-errors');
  box.innerHTML = '';
  main.querySelectorAll('.invalid').forEach(n => n.classList.remove('invalid'));
  try {
    await work();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    box.innerHTML = problemHtml(e);
    for (const x of e.errors) {
      main.querySelector(`[data-field="${CSS.escape(x.field)}"]`)?.classList.add('invalid');
    }
  }
}

function showPreview(out, preview, today, s) {
  const rows = new Map((today?.stages || []).map(r => [r.stageId, r]));
  const pairs = [['entered', 'entered', count], ['wipAtEnd', 'WIP at end', count],
    ['dwellMedianHours', 'median dwell', hours], ['slaBreaches', 'over SLA', count]];
  const cells = r => {
    const t = rows.get(r.stageId);
    return pairs.map(([key, , f]) => {
      const differs = !t || t[key] !== r[key];
      return `<td>${t ? f(t[key]) : '–'}</td><td data-figure="${key === 'dwellMedianHours' ? 'median' : key}"
        class="${differs ? 'diff' : ''}">${f(r[key])}</td>`;
    }).join('');
  };
  out.innerHTML = `<h2>What the draft would show for ${esc(state.periodLabel(s))}</h2>
    <table class="figures" id="preview-table"><caption>Draft next to today's map (changed figures highlighted)</caption>
      <thead><tr><th rowspan="2">stage</th>${pairs.map(([, label]) => `<th colspan="2">${label}</th>`).join('')}</tr>
        <tr>${pairs.map(() => '<th>today</th><th>draft</th>').join('')}</tr></thead>
      <tbody>${preview.stages.map(r => `<tr data-stage="${esc(r.stageId)}"><th scope="row">${esc(r.name)}</th>
        ${cells(r)}</tr>`).join('')}</tbody></table>
    <div class="canvas" id="preview-canvas"></div>`;
  drawMap(out.querySelector('#preview-canvas'), {
    map: preview.map, caption: `Draft (not saved) · ${state.periodLabel(s)}`,
    nodes: flowNodes(preview), edges: flowEdges(preview, preview.map).edges,
  });
}
