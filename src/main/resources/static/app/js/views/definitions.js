// Agreeing what words mean: propose a definition as one's own function, accept another function's text. The
// function that proposed a text cannot accept it; its accept button is disabled and says why.

import { api, submit } from '../api.js';
import { currentUser, actingAs } from '../user.js';
import { dateTime, esc } from '../format.js';
import { closeDrill } from './drill.js';

export async function render(main, ctx) {
  const s = ctx.state;
  closeDrill();
  if (!s.map) {
    main.innerHTML = '<p class="empty">Define a map first (Edit map); definitions belong to a map.</p>';
    return;
  }
  const base = `/api/maps/${encodeURIComponent(s.map)}`;
  const [definitions, history] = await Promise.all([api(`${base}/definitions`), api(`${base}/versions`)]);
  if (!ctx.isCurrent()) return;
  const me = currentUser();
  const fn = me?.function || '';
  main.innerHTML = `<section class="view-definitions">
    <div class="toolbar"><h1>Definitions on ${esc(s.map)}</h1>
      <span class="acting">${fn ? `You act for <strong>${esc(fn)}</strong>` : me?.signedIn
        ? 'Your account acts for no function, so it can neither propose nor accept.'
        : 'Choose your function (top right) to propose or accept.'}</span></div>
    <div id="def-errors" class="errors" role="alert"></div>
    <table class="figures" id="definition-table"><thead><tr><th>term</th><th>definition</th><th>status</th>
      <th>proposed by</th><th>agreed by</th><th>since</th><th></th></tr></thead>
      <tbody>${definitions.map(d => row(d, history, fn)).join('') || '<tr><td colspan="7">No term defined yet: propose '
        + 'the first one below (MQL is a good start).</td></tr>'}</tbody></table>
    <form id="propose" class="propose"><h2>Propose a definition${fn ? ` for ${esc(fn)}` : ''}</h2>
      <label>term <input name="term" required maxlength="64" size="14"></label>
      <label class="wide">text <input name="text" required size="70"></label>
      <button type="submit" ${fn ? '' : 'disabled'}>Propose</button></form></section>`;
  const errors = main.querySelector('#def-errors');
  main.querySelector('#propose').addEventListener('submit', event => {
    event.preventDefault();
    const form = event.target;
    submit(errors, () => api(`${base}/definitions`, { method: 'POST', body: {
      term: form.term.value, text: form.text.value, ...actingAs() } }));
  });
  main.querySelectorAll('button[data-accept]').forEach(button => button.addEventListener('click', () => {
    submit(errors, () => api(`${base}/definitions/${encodeURIComponent(button.dataset.accept)}/accept`, {
      method: 'POST', body: { text: button.dataset.text, ...actingAs() } }));
  }));
}

function row(d, history, fn) {
  const status = d.status === 'PROPOSED' && wasAgreedBefore(d, history) ? 'CHANGED SINCE AGREEMENT' : d.status;
  let action = '';
  if (d.status === 'PROPOSED') {
    const own = fn && fn === d.proposedBy;
    const why = !fn ? 'Choose your function first' : own
      ? `${d.proposedBy} proposed this text; another function must agree to it` : '';
    action = `<button type="button" data-accept="${esc(d.term)}" data-text="${esc(d.text)}"
      ${why ? `disabled aria-describedby="why-${esc(d.term)}"` : ''}>Accept as ${esc(fn || '…')}</button>
      ${why ? `<small class="why" id="why-${esc(d.term)}">${esc(why)}</small>` : ''}`;
  }
  return `<tr data-term="${esc(d.term)}" data-status="${esc(status)}"><th scope="row">${esc(d.term)}</th>
    <td>${esc(d.text)}</td><td><span class="status-tag ${status.toLowerCase().replace(/\s+/g, '-')}">${esc(status)}
    </span></td><td>${esc(d.proposedBy)} (${esc(d.proposedByPerson)})</td>
    <td>${d.agreedBy ? `${esc(d.agreedBy)} (${esc(d.agreedByPerson)})` : '–'}</td>
    <td>v${d.sinceVersion} · ${esc(dateTime(d.since))}</td><td>${action}</td></tr>`;
}

/** A pending text that replaced an agreed one: the history has an agreement of this term before its proposal. */
function wasAgreedBefore(d, history) {
  const needle = `definition '${d.term.toLowerCase()}' agreed by`;
  return history.some(v => v.version < d.sinceVersion && v.event === 'DefinitionAgreed'
      && v.changes.some(c => c.toLowerCase().startsWith(needle)));
}

