// Targets, agreed like definitions: a function proposes a quarter's revenue target (and optionally MQL and SAL
// targets); they count in the scorecard only once another function accepts exactly those figures. The function that
// proposed cannot accept; its button is disabled and says why. Who proposed and who agreed comes from the API.

import { api, submit } from './api.js';
import * as state from './state.js';
import { currentUser, actingAs } from './user.js';
import { count, money, dateTime, esc } from './format.js';

/** The targets panel: every quarter's status, the accept buttons, the proposal form and the plan's history. */
export function targetsPanel(doc, { quarter, currency }) {
  const me = currentUser();
  const fn = me?.function || '';
  const mine = doc.targets.find(t => t.quarter === quarter);
  const rows = [...doc.targets].sort((a, b) => b.quarter.localeCompare(a.quarter));
  const quarters = [];
  for (let i = -2; i <= 4; i++) quarters.push(state.shiftQuarter(quarter, i));
  return `<section class="targets" id="targets" aria-labelledby="targets-title">
    <h2 id="targets-title">Targets <small>count once the other function agrees</small></h2>
    <p class="acting">${fn ? `You act for <strong>${esc(fn)}</strong>.` : me?.signedIn
        ? 'Your account acts for no function, so it can neither propose nor accept.'
        : 'Choose your function (top right) to propose or accept.'}</p>
    <div id="target-errors" class="errors" role="alert"></div>
    <table class="figures" id="target-table"><thead><tr><th scope="col">quarter</th><th scope="col">status</th>
      <th scope="col">targets</th><th scope="col">who</th></tr></thead>
      <tbody>${rows.map(t => row(t, fn, currency)).join('') || `<tr><td colspan="4">No target yet: propose
        ${esc(quarter)}'s below.</td></tr>`}</tbody></table>
    <form id="propose-target" class="propose noprint"><h3>Propose targets${fn ? ` as ${esc(fn)}` : ''}</h3>
      <label>quarter <select name="quarter">${quarters.map(q => `<option${q === quarter ? ' selected' : ''}>${q}`
        + '</option>').join('')}</select></label>
      <label>revenue${currency ? ` (${esc(currency)})` : ''} <input name="revenue" class="amount" type="number"
        min="0" step="0.01" required value="${mine ? esc(mine.revenue) : ''}"></label>
      <label>MQLs <input name="mqls" type="number" min="0" step="1" value="${esc(mine?.mqls ?? '')}"></label>
      <label>SALs <input name="sals" type="number" min="0" step="1" value="${esc(mine?.sals ?? '')}"></label>
      <button type="submit" ${fn ? '' : 'disabled'}>Propose${fn ? ` as ${esc(fn)}` : ''}</button></form>
    ${doc.history.length ? `<details class="target-history"><summary>History of the plan (${doc.history.length}
      versions)</summary><ol reversed>${[...doc.history].reverse().map(v => `<li><small>v${v.version} ·
      ${esc(dateTime(v.recordedAt))}</small> ${esc(v.change)}</li>`).join('')}</ol></details>` : ''}
  </section>`;
}

function figures(revenue, mqls, sals, currency) {
  return [money(revenue, currency), mqls !== null && mqls !== undefined ? `${count(mqls)} MQLs` : null,
    sals !== null && sals !== undefined ? `${count(sals)} SALs` : null].filter(Boolean).join(' · ');
}

function row(t, fn, currency) {
  let accept = '';
  if (t.status === 'PROPOSED') {
    const why = !fn ? 'Choose your function first' : fn === t.proposedBy
      ? `${t.proposedBy} proposed these figures; another function must agree to them` : '';
    // A row of its own under the proposal, so that the figures and names keep their width on a projector.
    accept = `<tr class="accept-row" data-accept-for="${esc(t.quarter)}"><td></td><td colspan="3">
      <button type="button" data-accept-target="${esc(t.quarter)}" ${why
        ? `disabled aria-describedby="why-target-${esc(t.quarter)}"` : ''}>Accept as ${esc(fn || '…')}</button>
      ${why ? `<small class="why" id="why-target-${esc(t.quarter)}">${esc(why)}</small>` : ''}</td></tr>`;
  }
  const inForce = t.status === 'PROPOSED' && t.agreedRevenue !== null
    ? `<small class="in-force">until then ${esc(figures(t.agreedRevenue, t.agreedMqls, t.agreedSals,
      t.agreedCurrency || currency))} count</small>` : '';
  return `<tr data-quarter="${esc(t.quarter)}" data-status="${esc(t.status)}" data-revenue="${esc(t.revenue)}">
    <th scope="row">${esc(t.quarter)}</th>
    <td><span class="status-tag ${t.status.toLowerCase()}">${esc(t.status)}</span></td>
    <td class="target-figures">${figures(t.revenue, t.mqls, t.sals, t.currency || currency)
      .split(' · ').map(f => `<span class="nowrap">${esc(f)}</span>`).join(' · ')}${inForce}</td>
    <td><span class="who-label">proposed by</span> <span class="proposed-by">${esc(t.proposedBy)}
      (${esc(t.proposedByPerson)})</span>${t.agreedBy ? `<br><span class="who-label">agreed by</span> <span
      class="agreed-by">${esc(t.agreedBy)} (${esc(t.agreedByPerson)})</span>` : ''}</td></tr>${accept}`;
}

/** Proposing and accepting; either redraws the whole view, so the scorecard shows the figures that now count. */
export function wireTargets(container, base, doc) {
  const path = `${base}/targets`;
  const errors = container.querySelector('#target-errors');
  container.querySelector('#propose-target')?.addEventListener('submit', event => {
    event.preventDefault();
    const form = event.target;
    submit(errors, () => api(path, { method: 'POST', body: {
      quarter: form.quarter.value, revenue: form.revenue.value, mqls: whole(form.mqls.value),
      sals: whole(form.sals.value), ...actingAs() } }));
  });
  container.querySelectorAll('button[data-accept-target]').forEach(button => button.addEventListener('click', () => {
    const t = doc.targets.find(x => x.quarter === button.dataset.acceptTarget);
    // The body repeats the figures being agreed to, so nobody agrees to figures changed meanwhile.
    submit(errors, () => api(`${path}/${encodeURIComponent(t.quarter)}/accept`, { method: 'POST', body: {
      revenue: t.revenue, mqls: t.mqls, sals: t.sals, ...actingAs() } }));
  }));
}

function whole(value) {
  return value === '' ? null : Number(value);
}

