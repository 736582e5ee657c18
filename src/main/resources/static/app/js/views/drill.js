// The side panel: a stage's or a transition's figures (the API's numbers, each with its definition one click
// away), the journeys behind a figure (first 100), and one journey's steps.

import { api } from '../api.js';
import * as state from '../state.js';
import { count, hours, percent, money, date, dateTime, esc } from '../format.js';
import { table } from '../tables.js';
import { docsLink } from '../figures.js';

const panel = () => document.getElementById('drill');

export function closeDrill() {
  const p = panel();
  p.hidden = true;
  p.innerHTML = '';
  document.body.classList.remove('drilling');
}

const STAGE_FIGURES = [
  ['entered', 'entered', count], ['arrivals', 'arrivals', count], ['departures', 'departures', count],
  ['wipAtStart', 'WIP at start', count], ['wipAtEnd', 'WIP at end', count],
  ['dwellMedianHours', 'median dwell', hours], ['dwellMeanHours', 'mean dwell', hours],
  ['dwellP90Hours', 'p90 dwell', hours], ['slaHours', 'SLA', hours], ['slaBreaches', 'over SLA', count],
  ['totalDwellHours', 'total dwell', hours], ['totalDwellShare', 'share of total dwell', percent],
  ['bottleneckRank', 'bottleneck rank', v => v],
];
const DRILLABLE = new Set(['entered', 'arrivals', 'departures', 'wipAtStart', 'wipAtEnd', 'slaBreaches']);

export async function openDrill(ctx, flow, map) {
  const s = ctx.state;
  if (!s.stage && !s.transition && !s.journey) {
    closeDrill();
    return;
  }
  const p = panel();
  p.hidden = false;
  document.body.classList.add('drilling');
  const base = `/api/maps/${encodeURIComponent(s.map)}`;
  let html = `<button type="button" class="close" id="drill-close" aria-label="Close details">✕ Close</button>`;
  if (s.journey) {
    html += await journey(base, s);
  } else if (s.stage) {
    html += await stage(base, s, flow, map);
  } else {
    html += await transition(base, s, flow);
  }
  if (!ctx.isCurrent()) return;
  p.innerHTML = html;
  p.querySelector('#drill-close').addEventListener('click', () =>
    state.update({ stage: null, transition: null, journey: null, figure: null }));
  p.querySelectorAll('[data-figure-link]').forEach(a => a.addEventListener('click', event => {
    event.preventDefault();
    state.update({ figure: a.dataset.figureLink }, { replace: true });
  }));
  p.querySelectorAll('[data-journey]').forEach(a => a.addEventListener('click', event => {
    event.preventDefault();
    state.update({ journey: a.dataset.journey });
  }));
  p.querySelector('#drill-back')?.addEventListener('click', () => history.back());
  p.querySelector('h2')?.focus();
}

async function stage(base, s, flow, map) {
  const row = flow.stages.find(r => r.stageId === s.stage && (r.group === null || r.group === undefined));
  if (!row) return `<p>No stage ${esc(s.stage)} on this map.</p>`;
  const stageDef = map.stages.find(x => x.stageId === s.stage);
  const figure = s.figure || 'entered';
  const figures = STAGE_FIGURES.map(([key, label, f]) => {
    const value = f(row[key]);
    const cell = DRILLABLE.has(key) && (key !== 'slaBreaches' || row.slaHours)
      ? `<a href="#" data-figure-link="${key}" class="${key === figure ? 'current' : ''}">${esc(value)}</a>`
      : esc(value);
    return `<tr data-field="${key}"><th scope="row">${label}</th><td>${cell}</td></tr>`;
  }).join('');
  const [journeys, value] = await Promise.all([
    api(`${base}/stages/${encodeURIComponent(s.stage)}/journeys?${state.readQuery(s, { figure })}`),
    api(`${base}/value?${state.readQuery(s)}`)]);
  return `<h2 tabindex="-1">${esc(row.name)} <small>${esc(row.owner)}${stageDef?.enteredOn
        ? ` · entered on ${esc(stageDef.enteredOn.join(', '))}` : ''}</small></h2>
    <table class="figures drill-figures" id="drill-figures"><caption>${esc(state.periodLabel(s))}
      ${docsLink('stages', 'how each figure is defined')}</caption>${figures}</table>
    ${stageMoney(value, s)}
    ${journeyList(journeys, `${base}/stages/${encodeURIComponent(s.stage)}/journeys?${state.readQuery(s,
        { figure, format: 'csv' })}`)}`;
}

/** The stage's money in the period (GET /value): what entered, what is still open, what was won and lost. */
function stageMoney(value, s) {
  const r = value.stages.find(x => x.stageId === s.stage && (x.group === null || x.group === undefined));
  if (!r) return '';
  const c = value.map.currency;
  const n = (x, one, many) => `${count(x)} ${x === 1 ? one : many}`;
  const rows = [
    ['valueEntered', 'value entered', money(r.valueEntered, c), n(r.entered, 'arrival', 'arrivals')],
    ['openValue', 'open pipeline value at the end', money(r.openValue, c), `${n(r.open, 'journey', 'journeys')} open`
      + (r.openWithoutAmount ? `, ${count(r.openWithoutAmount)} without amount` : '')],
    ['weightedValue', 'weighted by the win rate', money(r.weightedValue, c), r.winRate === null ? 'no closed deals'
      + ' to learn a win rate from' : `${percent(r.winRate)} of ${n(r.winRateBasis, 'deal', 'deals')} closed`],
    ['wonRevenue', 'won revenue', money(r.wonRevenue, c), n(r.wonDeals, 'deal', 'deals')],
    ['lostValue', 'lost value', money(r.lostValue, c), n(r.lostDeals, 'deal', 'deals')],
  ].map(([key, label, amount, basis]) => `<tr data-field="${key}" data-value="${esc(r[key] ?? '')}"><th scope="row">
    ${label}</th><td class="num">${esc(amount)}</td><td>${esc(basis)}</td></tr>`).join('');
  return `<table class="figures drill-figures drill-money" id="drill-money"><caption>Money${c ? ` in ${esc(c)}` : ''}
    ${docsLink('value', 'how each figure is defined')}</caption>${rows}</table>`;
}

async function transition(base, s, flow) {
  const [from, to] = s.transition.split('>');
  const row = flow.transitions.find(t => t.fromStage === from && t.toStage === to
      && (t.group === null || t.group === undefined));
  const journeys = await api(`${base}/transitions/${encodeURIComponent(from)}/${encodeURIComponent(to)}/journeys?`
      + state.readQuery(s));
  const handoff = (flow.map.handoffs || []).find(h => h.fromStage === from && h.toStage === to);
  const figures = row ? [['count', 'transitions', count(row.count)],
    ['medianHours', 'median time', hours(row.medianHours)],
    ['meanHours', 'mean time', hours(row.meanHours)], ['p90Hours', 'p90 time', hours(row.p90Hours)],
    ['handoff', 'handoff between functions', row.handoff ? 'yes' : 'no'],
    ['handoffOwner', 'accountable function', row.handoffOwner || (row.handoff ? 'none agreed' : '–')]]
      .map(([key, label, value]) => `<tr data-field="${key}"><th scope="row">${label}</th><td>${esc(value)}</td></tr>`)
      .join('') : '<tr><td>No transition in this period.</td></tr>';
  return `<h2 tabindex="-1">${esc(from)} → ${esc(to)}</h2>
    ${handoff ? `<p class="criteria"><strong>Handoff criteria</strong> (${esc(handoff.owner)}):
      ${esc(handoff.criteria)}</p>` : ''}
    <table class="figures drill-figures" id="drill-figures"><caption>${esc(state.periodLabel(s))}
      ${docsLink('transitions', 'how each figure is defined')}</caption>${figures}</table>
    ${journeyList(journeys, `${base}/transitions/${encodeURIComponent(from)}/${encodeURIComponent(to)}/journeys?`
        + state.readQuery(s, { format: 'csv' }))}`;
}

function journeyList(view, csv) {
  const rows = table(view.journeys, [
    { key: 'journeyId', label: 'journey',
      html: r => `<a href="#" data-journey="${esc(r.journeyId)}">${esc(r.journeyId)}</a>` },
    { key: 'since', label: 'since', format: date }, { key: 'until', label: 'until', format: date },
    { key: 'hours', label: 'time', format: hours }, { key: 'nextStage', label: 'next' },
    { key: 'channel', label: 'channel' },
  ], { caption: `Journeys behind <strong>${esc(view.figure)}</strong>: ${count(view.total)}`
      + `${view.total > view.journeys.length ? `, first ${view.journeys.length} shown` : ''}`, csv,
  id: 'drill-journeys' });
  return `<p class="definition" id="figure-definition"><strong>${esc(view.figure)}</strong>: ${esc(view.definition)}
    (<a href="/?view=docs#${esc(slug(view.definitionSection))}" target="_blank" rel="noopener">docs/metrics.md,
    ${esc(view.definitionSection.split(':')[0])}</a>)</p>${rows}`;
}

async function journey(base, s) {
  const j = await api(`${base}/journeys/${encodeURIComponent(s.journey)}?${state.readQuery(s, {
    quarter: null, from: null, to: null, channel: null, segment: null, campaign: null })}`);
  const d = j.dimensions;
  const steps = table(j.steps, [
    { key: 'occurredAt', label: 'occurred', format: dateTime }, { key: 'type', label: 'step' },
    { key: 'entersStage', label: 'enters stage' },
    { key: 'attributes', label: 'attributes', format: a => Object.entries(a || {}).map(([k, v]) => `${k}=${v}`)
        .join(', ') },
    { key: 'recordedAt', label: 'recorded', format: dateTime },
  ], { caption: 'Steps in timeline order', id: 'journey-steps' });
  return `<button type="button" id="drill-back">◀ Back</button>
    <h2 tabindex="-1">Journey ${esc(j.journeyId)}</h2>
    <p>channel ${esc(d.channel || '(none)')} · segment ${esc(d.segment || '(none)')} · campaign
      ${esc(d.campaign || '(none)')} · owner ${esc(d.owner || '(none)')}${j.hiddenByCut
        ? ` · ${j.hiddenByCut} later steps hidden by asOf/knownAt` : ''}</p>${steps}`;
}

/** GitHub-style heading anchors, as the definitions view gives docs/metrics.md's headings. */
export function slug(text) {
  return String(text).toLowerCase().trim().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
}
