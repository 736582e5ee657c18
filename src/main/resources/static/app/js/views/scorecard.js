// The joint scorecard: one page marketing and sales own together. Revenue won against the agreed target, pipeline,
// lead quality as sales sees it, handoff SLAs on both sides, conversion, the loop and the sales pack, each figure
// next to the previous period's. No figure is split into marketing's and sales's share. Targets are agreed here. A
// map or period without money says so instead of showing zeros as if they were figures.

import { api } from '../api.js';
import * as state from '../state.js';
import { count, percent, points, money, signedMoney, signed, date, esc } from '../format.js';
import { docsLink, SECTIONS as DOCS } from '../figures.js';
import { targetsPanel, wireTargets } from '../targets.js';
import { closeDrill } from './drill.js';

const SECTION_TITLES = {
  revenue: 'Revenue', pipeline: 'Pipeline at the end of the period', leads: 'Leads',
  leadQuality: 'Lead quality, as sales sees it', handoffs: 'Handoffs: SLA kept on both sides',
  conversion: 'Conversion', loop: 'The loop: customer feedback', salesPack: 'Sales pack use',
};

// label; kind of number; better: 1 when more is better, -1 when less is, 0 when neither; the defining section.
const FIGURES = {
  wonRevenue: { label: 'Revenue won', kind: 'money', better: 1, def: 'value' },
  wonDeals: { label: 'Deals won', kind: 'count', better: 1, def: 'value' },
  averageDealSize: { label: 'Average deal size', kind: 'money', better: 1, def: 'value' },
  revenueTarget: { label: 'Revenue target (agreed)', kind: 'money', better: 0, def: 'scorecard' },
  targetAttainment: { label: 'Revenue won ÷ target', kind: 'rate', better: 1, def: 'scorecard' },
  pipelineValue: { label: 'Open pipeline value', kind: 'money', better: 1, def: 'value' },
  weightedPipeline: { label: 'Weighted pipeline', kind: 'money', better: 1, def: 'value' },
  openJourneys: { label: 'Open journeys', kind: 'count', better: 0, def: 'value' },
  mqls: { label: 'MQLs', kind: 'count', better: 1, def: 'scorecard' },
  mqlTarget: { label: 'MQL target (agreed)', kind: 'count', better: 0, def: 'scorecard' },
  sals: { label: 'SALs', kind: 'count', better: 1, def: 'scorecard' },
  salTarget: { label: 'SAL target (agreed)', kind: 'count', better: 0, def: 'scorecard' },
  salAcceptanceRate: { label: 'MQL → SAL acceptance', kind: 'rate', better: 1, def: 'scorecard' },
  leadsAccepted: { label: 'Leads accepted by sales', kind: 'count', better: 1, def: 'scorecard' },
  leadsRejected: { label: 'Leads rejected by sales', kind: 'count', better: -1, def: 'scorecard' },
  rejections: { label: 'rejected', kind: 'count', better: -1, def: 'rejections' },
  senderSlaAdherence: { label: 'sent', kind: 'rate', better: 1, def: 'scorecard' },
  receiverSlaAdherence: { label: 'taken up', kind: 'rate', better: 1, def: 'scorecard' },
  winRate: { label: 'Win rate (of deals closed)', kind: 'rate', better: 1, def: 'scorecard' },
  leadToWonRate: { label: 'Lead to won (journeys that started)', kind: 'rate', better: 1, def: 'scorecard' },
  feedbackRecorded: { label: 'Feedback recorded', kind: 'count', better: 0, def: 'loop' },
  feedbackActioned: { label: 'Feedback actioned', kind: 'count', better: 1, def: 'loop' },
  feedbackActionedRate: { label: 'Feedback actioned rate', kind: 'rate', better: 1, def: 'loop' },
  opportunities: { label: 'Opportunities opened', kind: 'count', better: 1, def: 'salesPack' },
  opportunitiesUsingAssets: { label: 'Opportunities that used an asset', kind: 'count', better: 1, def: 'salesPack' },
  usageRate: { label: 'Sales pack usage rate', kind: 'rate', better: 1, def: 'salesPack' },
};

export async function render(main, ctx) {
  const s = ctx.state;
  closeDrill();
  if (!s.map) {
    main.innerHTML = '<p class="empty">Define a map first (Edit map); the scorecard belongs to a map.</p>';
    return;
  }
  if (!s.quarter && !(s.from && s.to)) {
    main.innerHTML = `<p class="empty-window" id="empty-window">The scorecard sets a bounded period next to the one
      before it: pick a quarter above, or give both from and to.</p>`;
    return;
  }
  const base = `/api/maps/${encodeURIComponent(s.map)}`;
  const query = state.readQuery(s);
  const [card, value, targets, mapDoc] = await Promise.all([api(`${base}/scorecard?${query}`),
    api(`${base}/value?${query}`), api(`${base}/targets`), api(base)]);
  if (!ctx.isCurrent()) return;
  const currency = card.map.currency;
  const now = state.periodLabel(s);
  const before = s.quarter ? state.shiftQuarter(s.quarter, -1) : `${date(card.previous.from)} to `
      + `${date(card.previous.to)}`;
  const names = stageNames(value, mapDoc, card.map.version);
  const quarter = s.quarter || state.quarterOf(new Date(s.from));
  const name = ctx.maps.find(m => m.mapId === s.map)?.name || s.map;
  // Nothing at all in either period: every line would be 0 or undefined.
  const quiet = card.lines.every(l => !Number(l.current ?? 0) && !Number(l.previous ?? 0));
  // No amount in either period: money lines would read 0 as if they were figures.
  const c = card.coverage || {};
  const noMoney = !quiet && !(c.inCurrency + c.withoutCurrency + c.otherCurrency);
  const head = quiet
    ? `<p class="empty-window" id="empty-window">Nothing was recorded on this map in ${esc(now)} or ${esc(before)}:
        no lead, no deal, no amount, so every figure would be zero. Pick another quarter, or import history
        (java -jar revchain.jar import, see docs/import.md). Targets can be agreed before the quarter starts.</p>`
    : `${noMoney ? noMoneyNote(now, before) : ''}${tiles(card.lines, currency, before, targets, quarter, s, noMoney)}`;
  const figures = quiet ? '' : `<div>${scoreTable(card.lines, { currency, now, before, names, noMoney })}
      ${coverage(card, value, currency, now)}
      <p class="legend" id="change-legend">Change = ${esc(now)} − ${esc(before)}. <span class="change better">▲
        purple</span> is better, <span class="change worse">▼ orange</span> is worse (fewer rejections is better);
        black arrows are neither. <span aria-hidden="true">–</span> means undefined: nothing to divide by, or no
        agreed target.</p></div>`;
  main.innerHTML = `<section class="view-scorecard">
    <div class="toolbar"><h1>Joint scorecard · ${esc(name)} · ${esc(now)} <small>next to ${esc(before)}</small></h1>
      <a class="csv" href="${esc(`${base}/scorecard?${query}&format=csv`)}" download>CSV</a>
      ${docsLink('scorecard', 'how the scorecard is defined')}</div>
    <p class="shared" id="credit-shared"><strong>Credit is shared:</strong> marketing and sales own every figure
      here together; none is split into either side's share.</p>
    ${head}
    <div class="scorecard-grid${quiet ? ' quiet' : ''}">${figures}
      <div>${targetsPanel(targets, { quarter, currency })}
        <p class="goto"><a id="to-revenue" href="${esc(viewHref('revenue'))}">Where the revenue came from, what each
          campaign returned, and whether the sales pack is used →</a></p></div>
    </div>
  </section>`;
  main.querySelector('#to-revenue').addEventListener('click', event => {
    event.preventDefault();
    state.update({ view: 'revenue' });
  });
  wireTargets(main.querySelector('#targets'), base, targets);
  document.body.dataset.scorecard = `${s.map}|${query}|${targets.history.length}`;
}

/** This page's URL with another view: a real link, so it opens in a new tab too. */
function viewHref(view) {
  const params = new URLSearchParams(location.search);
  params.set('view', view);
  return `?${params}`;
}

function noMoneyNote(now, before) {
  return `<p class="coverage no-money" id="no-money"><strong>No amounts in ${esc(now)} or ${esc(before)}.</strong>
    No opportunity or deal on this map carried an amount, so revenue and pipeline are shown as “no amounts”, not as
    zero. Record <code>amount</code> on <code>OpportunityOpened</code> and <code>DealWon</code> (or map the CRM's
    amount column when importing) to see them.</p>`;
}

/** Stage names for the handoff lines, and SLA hours when the map version read is the current one. */
function stageNames(value, mapDoc, version) {
  const names = new Map(value.stages.filter(r => r.group === null || r.group === undefined)
      .map(r => [r.stageId, { name: r.name }]));
  if (mapDoc.version === version) {
    for (const st of mapDoc.stages) names.set(st.stageId, { name: st.name, slaHours: st.slaHours });
  }
  return names;
}

function line(lines, figure, subject = null) {
  return lines.find(l => l.figure === figure && (l.subject ?? null) === subject);
}

function format(kind, v, currency) {
  if (v === null || v === undefined) return '–';
  if (kind === 'money') return money(v, currency);
  if (kind === 'rate') return percent(Number(v));
  return count(Number(v));
}

function changeText(f, change, currency) {
  if (change === null || change === undefined) return '<span class="change">–</span>';
  const c = Number(change);
  const text = f.kind === 'money' ? signedMoney(c, currency) : f.kind === 'rate' ? points(c) : signed(c);
  const arrow = c > 0 ? '▲' : c < 0 ? '▼' : '';
  const verdict = c === 0 || f.better === 0 ? '' : (c > 0) === (f.better > 0) ? 'better' : 'worse';
  return `<span class="change ${verdict}"${verdict ? ` title="${verdict}"` : ''}>${arrow ? `${arrow} ` : ''}`
      + `${esc(text)}${verdict ? `<span class="sr"> (${verdict})</span>` : ''}</span>`;
}

function labelOf(l, names) {
  const f = FIGURES[l.figure];
  if (l.figure === 'rejections') return `Rejected by sales: “${l.subject}”`;
  if (l.figure === 'senderSlaAdherence' || l.figure === 'receiverSlaAdherence') {
    const [from, to] = (l.subject || '').split('->');
    const a = names.get(from) || { name: from };
    const b = names.get(to) || { name: to };
    const side = l.figure === 'senderSlaAdherence' ? a : b;
    // SLAs are agreed in hours: say them as agreed.
    const sla = side.slaHours ? ` ${count(side.slaHours)} h` : '';
    return l.figure === 'senderSlaAdherence'
      ? `${a.name} → ${b.name}: sent within ${a.name}'s${sla} SLA`
      : `${a.name} → ${b.name}: taken up within ${b.name}'s${sla} SLA`;
  }
  return f ? f.label : l.subject ? `${l.figure} (${l.subject})` : l.figure;
}

function scoreTable(lines, { currency, now, before, names, noMoney }) {
  const sections = [];
  for (const l of lines) {
    let group = sections.find(g => g.section === l.section);
    if (!group) sections.push(group = { section: l.section, lines: [] });
    group.lines.push(l);
  }
  const body = sections.map(g => `<tbody data-section="${esc(g.section)}"><tr class="section"><th colspan="4"
      scope="rowgroup">${esc(SECTION_TITLES[g.section] || g.section)}</th></tr>${g.lines.map(l => {
    const f = FIGURES[l.figure] || { kind: 'count', better: 0, def: 'scorecard' };
    return `<tr data-figure="${esc(l.figure)}" data-subject="${esc(l.subject ?? '')}" data-current="${esc(l.current
        ?? '')}" data-previous="${esc(l.previous ?? '')}" data-change="${esc(l.change ?? '')}">
      <th scope="row"><a class="figure-def" href="/?view=docs#${DOCS[f.def]}" target="_blank" rel="noopener"
        title="How this figure is defined (docs/metrics.md)">${esc(labelOf(l, names))}</a></th>
      ${noMoney && f.kind === 'money' && l.figure !== 'revenueTarget' ? `<td class="num current none">no amounts</td>
      <td class="num previous none">no amounts</td><td class="num"><span class="change">–</span></td>`
    : `<td class="num current">${esc(format(f.kind, l.current, currency))}</td>
      <td class="num previous">${esc(format(f.kind, l.previous, currency))}</td>
      <td class="num">${changeText(f, l.change, currency)}</td>`}</tr>`;
  }).join('')}</tbody>`).join('');
  return `<table class="figures scorecard" id="scorecard"><caption>Every figure, next to the previous period
      <span class="caption-note">(click a figure for its definition)</span></caption>
    <thead><tr><th scope="col">figure</th><th scope="col">${esc(now)}</th><th scope="col">${esc(before)}
      <small>previous</small></th><th scope="col">change</th></tr></thead>${body}</table>`;
}

/** The four figures a room reads first, each with the previous period and the change. */
function tiles(lines, currency, before, targets, quarter, s, noMoney) {
  const v = (figure, which = 'current') => line(lines, figure)?.[which] ?? null;
  const tile = (id, figure, big, detail, undefinedWhy) => {
    const l = line(lines, figure);
    const f = FIGURES[figure];
    const none = noMoney && f.kind === 'money';
    // A rate with nothing to divide by is undefined: say why instead of a bare dash.
    const undef = !none && (l?.current === null || l?.current === undefined);
    return `<div class="tile${none || undef ? ' none' : ''}" id="${id}"><div class="tile-label">${esc(f.label)}</div>
      <div class="tile-big">${esc(none ? 'no amounts' : undef ? 'no rate' : big)}</div>
      <div class="tile-detail">${undef && undefinedWhy ? esc(undefinedWhy) : detail}</div>
      <div class="tile-before">${esc(before)}: ${none ? 'no amounts' : `${esc(format(f.kind, l?.previous, currency))}
        ${l?.change === null || l?.change === undefined ? '' : changeText(f, l.change, currency)}`}</div></div>`;
  };
  const target = v('revenueTarget');
  const attainment = v('targetAttainment');
  const pending = targets.targets.find(t => t.quarter === quarter && t.status === 'PROPOSED');
  let revenueDetail;
  if (target !== null) {
    const width = Math.min(1, Number(attainment || 0)) * 100;
    revenueDetail = `of ${esc(money(target, currency))} agreed target · <strong>${esc(percent(attainment === null
        ? null : Number(attainment)))}</strong>
      <div class="bar" role="img" aria-label="${esc(percent(Number(attainment)))} of the target"><span
        style="width:${width.toFixed(1)}%"></span></div>`;
  } else if (pending && s.quarter) {
    revenueDetail = `<span class="no-target">no agreed target: ${esc(pending.proposedBy)} proposed
      ${esc(money(pending.revenue, pending.currency || currency))}, waiting for another function</span>`;
  } else {
    revenueDetail = `<span class="no-target">no agreed target for ${esc(state.periodLabel(s))}: propose one
      (Targets)</span>`;
  }
  const wonDeals = v('wonDeals');
  return `<div class="tiles" id="tiles">
    ${tile('tile-revenue', 'wonRevenue', money(v('wonRevenue'), currency), `${revenueDetail}
      <div>${esc(count(wonDeals === null ? null : Number(wonDeals)))} deals won</div>`)}
    ${tile('tile-pipeline', 'weightedPipeline', money(v('weightedPipeline'), currency), `${noMoney ? ''
      : `of ${esc(money(v('pipelineValue'), currency))} open pipeline, `}${esc(count(Number(v('openJourneys')
      ?? 0)))} journeys open`)}
    ${tile('tile-acceptance', 'salAcceptanceRate', percent(v('salAcceptanceRate') === null ? null
        : Number(v('salAcceptanceRate'))), `${esc(count(Number(v('leadsAccepted') ?? 0)))} leads accepted,
      ${esc(count(Number(v('leadsRejected') ?? 0)))} rejected by sales`, 'no lead was accepted or rejected by sales')}
    ${tile('tile-win', 'winRate', percent(v('winRate') === null ? null : Number(v('winRate'))),
        `of deals closed; lead to won ${esc(percent(v('leadToWonRate') === null ? null
          : Number(v('leadToWonRate'))))}`, 'no deal was won or lost')}
  </div>`;
}

/** How complete the amounts were, said plainly: partial data is shown, never hidden in a total. */
function coverage(card, value, currency, now) {
  const summary = value.summary.find(r => r.group === null || r.group === undefined) || {};
  const c = card.coverage || {};
  const plural = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;
  const notes = [];
  if (summary.wonWithoutAmount) {
    notes.push(`${plural(summary.wonWithoutAmount, 'won deal', 'won deals')} in ${esc(now)} had no amount: counted
      as ${summary.wonWithoutAmount === 1 ? 'a deal' : 'deals'}, adding nothing to revenue or the average deal size`);
  }
  if (summary.openWithoutAmount) {
    notes.push(`${plural(summary.openWithoutAmount, 'open journey', 'open journeys')} at the end had no amount yet
      (leads carry none before an opportunity): not in the pipeline value`);
  }
  if (Number(summary.pipelineValueWithoutWinRate)) {
    notes.push(`${esc(money(summary.pipelineValueWithoutWinRate, currency))} of open pipeline sits in stages
      without win-rate history and is not weighted`);
  }
  if (c.otherCurrency) {
    notes.push(`${plural(c.otherCurrency, 'journey', 'journeys')} had amounts in another currency than
      ${esc(currency || 'none')}: left out, never converted`);
  }
  if (c.withoutCurrency && currency) {
    notes.push(`${plural(c.withoutCurrency, 'journey', 'journeys')} had amounts that named no currency: counted as
      ${esc(currency)}`);
  }
  const head = currency ? `Amounts in ${esc(currency)}.` : 'This map declares no currency: amounts are plain numbers'
      + ' (Edit map to declare one).';
  return `<div class="coverage" id="coverage"><strong>${head}</strong> ${notes.length
    ? `Partial data: <ul>${notes.map(n => `<li>${n}.</li>`).join('')}</ul>`
    : 'Every amount the figures needed was there.'} ${docsLink('amounts', 'how partial data is handled')}</div>`;
}

