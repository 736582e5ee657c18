// Where the revenue came from: won revenue by origin (broken down as the period bar says), what each campaign that
// started in the period cost and returned, the sales velocity, and whether the sales pack marketing makes is used.
// Credit is shared: a journey's campaign is its first touch, with last touch beside it, and nothing is split.

import { api } from '../api.js';
import * as state from '../state.js';
import { count, hours, percent, money, date, esc } from '../format.js';
import { table } from '../tables.js';
import { docsLink } from '../figures.js';
import { closeDrill } from './drill.js';

const ratio = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export async function render(main, ctx) {
  const s = ctx.state;
  closeDrill();
  if (!s.map) {
    main.innerHTML = '<p class="empty">Define a map first (Edit map).</p>';
    return;
  }
  const base = `/api/maps/${encodeURIComponent(s.map)}`;
  const query = state.readQuery(s);
  const grouped = s.groupBy ? state.readQuery(s, { groupBy: s.groupBy }) : null;
  const [all, byGroup, pack, velocity, velocityByGroup] = await Promise.all([api(`${base}/revenue?${query}`),
    grouped ? api(`${base}/revenue?${grouped}`) : null, api(`${base}/assets?${query}`),
    api(`${base}/velocity?${query}`), grouped ? api(`${base}/velocity?${grouped}`) : null]);
  if (!ctx.isCurrent()) return;
  const currency = all.map.currency;
  const now = state.periodLabel(s);
  const name = ctx.maps.find(m => m.mapId === s.map)?.name || s.map;
  main.innerHTML = `<section class="view-revenue">
    <div class="toolbar"><h1>Revenue through the chain · ${esc(name)} · ${esc(now)}</h1>
      ${docsLink('amounts', 'how amounts are counted')}</div>
    ${coverage(all, currency, now)}
    ${origins(all, byGroup, s, { base, query: grouped || query, currency, now })}
    ${campaigns(all.campaigns, { base, query, currency, now })}
    ${velocityTable(velocity, velocityByGroup, s, { base, query: grouped || query, currency })}
    ${salesPack(pack, base, query, now)}
  </section>`;
}

function coverage(doc, currency, now) {
  const c = doc.coverage;
  const total = doc.origins.find(r => r.group === null || r.group === undefined);
  const head = currency ? `Amounts in ${esc(currency)}.` : 'This map declares no currency: amounts are plain numbers'
      + ' (Edit map to declare one).';
  const notes = [];
  if (total?.wonWithoutAmount) {
    notes.push(`${count(total.wonWithoutAmount)} of ${count(total.wonDeals)} deals won in ${esc(now)} had no amount:
      counted as deals, adding nothing to revenue or the average deal size`);
  }
  if (c.otherCurrency) {
    notes.push(`${count(c.otherCurrency)} journeys or campaigns with amounts in another currency: left out, never
      converted`);
  }
  return `<p class="coverage" id="revenue-coverage"><strong>${head}</strong> ${notes.map(n => `${n}.`).join(' ')}
    ${docsLink('amounts', 'partial data')}</p>`;
}

function cycle(daysValue) {
  return daysValue === null || daysValue === undefined ? '–' : hours(daysValue * 24);
}

/** Won revenue by origin: the total first, then each group of the breakdown chosen in the period bar. */
function origins(all, byGroup, s, { base, query, currency, now }) {
  const total = all.origins.find(r => r.group === null || r.group === undefined);
  const closed = total ? total.wonDeals + total.lostDeals : 0;
  if (!closed) {
    return `<section class="origins" id="origins"><h2>Won revenue by origin</h2>
      <p class="empty-window" id="no-deals">No deal was won or lost in ${esc(now)} on this map, so there is no revenue
        to attribute: the figures would all be zero. Pick another quarter, or import the CRM's opportunities with
        their amounts.</p></section>`;
  }
  const rows = byGroup ? [{ ...total, group: 'all' }, ...byGroup.origins] : [{ ...total, group: 'all' }];
  const columns = [
    { key: 'group', label: s.groupBy || 'origin', html: r => r.group === 'all' ? '<strong>all</strong>'
      : esc(r.group) },
    { key: 'wonRevenue', label: 'won revenue', format: v => money(v, currency), cls: 'num' },
    { key: 'wonDeals', label: 'deals won', html: r => `${esc(count(r.wonDeals))}${r.wonWithoutAmount
      ? ` <small>(${esc(count(r.wonWithoutAmount))} without amount)</small>` : ''}`, cls: 'num' },
    { key: 'averageDealSize', label: 'average deal', format: v => money(v, currency), cls: 'num' },
    { key: 'lostDeals', label: 'deals lost', format: count, cls: 'num' },
    { key: 'winRate', label: 'win rate', format: percent, cls: 'num' },
    { key: 'medianCycleDays', label: 'median cycle', format: cycle, cls: 'num' },
  ];
  return `<section class="origins" id="origins">
    <h2>Won revenue by origin${s.groupBy ? '' : ' <small>break down by channel, segment or campaign in the bar'
      + ' above</small>'}</h2>
    ${table(rows, columns, { caption: `Deals closed in ${esc(now)} ${docsLink('revenue')}`,
    csv: `${base}/revenue?${query}&format=csv`, id: 'origins-table',
    rowAttrs: r => `data-group="${esc(r.group)}" data-won-revenue="${esc(r.wonRevenue)}"
      data-won-deals="${esc(r.wonDeals)}"` })}</section>`;
}

/**
 * Sales velocity per quarter of the period: the revenue per day its pipeline makes; with a breakdown chosen in the
 * period bar, each quarter's total first, then its groups that had any opportunity or deal.
 */
function velocityTable(doc, byGroup, s, { base, query, currency }) {
  const active = p => p.opportunities || p.wonDeals || p.lostDeals;
  if (!doc.periods.some(active)) return '';
  const rows = doc.periods.flatMap(total => [{ ...total, group: 'all' },
    ...(byGroup ? byGroup.periods.filter(r => r.period === total.period && active(r)) : [])]);
  const groupColumn = byGroup ? [{ key: 'group', label: s.groupBy, html: r => r.group === 'all'
    ? '<strong>all</strong>' : esc(r.group) }] : [];
  return `<section class="velocity" id="velocity">${table(rows, [
    { key: 'period', label: 'quarter' },
    ...groupColumn,
    { key: 'opportunities', label: 'opportunities opened', format: count, cls: 'num' },
    { key: 'winRate', label: 'win rate', format: percent, cls: 'num' },
    { key: 'averageDealSize', label: 'average deal', format: v => money(v, currency), cls: 'num' },
    { key: 'medianCycleDays', label: 'median cycle', format: cycle, cls: 'num' },
    { key: 'velocityPerDay', label: 'velocity per day', format: v => money(v, currency), cls: 'num strong' },
  ], { caption: `Sales velocity: opportunities × win rate × average deal ÷ median cycle ${docsLink('velocity')}`,
    csv: `${base}/velocity?${query}&format=csv`, id: 'velocity-table',
    rowAttrs: r => `data-period="${esc(r.period)}" data-group="${esc(r.group)}"
      data-velocity="${esc(r.velocityPerDay ?? '')}"` })}</section>`;
}

/** What each campaign that started in the period cost and returned; a campaign without budget has no cost. */
function campaigns(rows, { base, query, currency, now }) {
  if (!rows.length) {
    return `<section class="campaign-return" id="campaign-return"><h2>Campaign return</h2>
      <p class="empty-window" id="no-campaigns">No campaign started in ${esc(now)}. Campaigns are counted in the
        period they start in, with everything their journeys did up to now.</p></section>`;
  }
  const m = v => money(v, currency);
  const columns = [
    { key: 'campaignId', label: 'campaign', html: r => `<strong>${esc(r.name || r.campaignId)}</strong>
      <small class="asset-meta">${esc(r.campaignId)} · ${esc(r.channel || 'no channel')} · <span
      class="nowrap">started ${esc(date(r.startedAt))}</span></small>` },
    { key: 'budget', label: 'budget', html: r => r.budget === null || r.budget === undefined
      ? '<span class="no-target nowrap">none recorded</span>' : esc(m(r.budget)), cls: 'num' },
    { key: 'leads', label: 'leads → MQL → SAL',
      format: (v, r) => `${count(v)} → ${count(r.mqls)} → ${count(r.sals)}`, cls: 'num' },
    { key: 'wonRevenue', label: 'won (first touch)', format: (v, r) => `${m(v)} · ${count(r.wonDeals)}`,
      cls: 'num' },
    { key: 'returnOnBudget', label: 'return on budget', format: v => v === null || v === undefined ? '–'
      : `${ratio.format(v)}×`, cls: 'num' },
    { key: 'costPerLead', label: 'cost per lead · MQL · SAL', format: (v, r) => v === null && r.costPerMql === null
      && r.costPerSal === null ? '–' : [v, r.costPerMql, r.costPerSal].map(m).join(' · '), cls: 'num' },
    { key: 'costPerWonDeal', label: 'cost per won deal', format: m, cls: 'num' },
    { key: 'lastTouchWonRevenue', label: 'won (last touch)', format: (v, r) => `${m(v)} · ${count(
      r.lastTouchWonDeals)}`, cls: 'num' },
  ];
  return `<section class="campaign-return" id="campaign-return">
    <h2>Campaign return <small>campaigns that started in ${esc(now)}</small></h2>
    <p class="caveat" id="attribution">A journey's campaign is its <strong>first touch</strong>; the last touch
      before the win is shown beside it. Nothing is split between campaigns. Return = won revenue ÷ budget; a
      campaign without a recorded budget has no return and no costs (–), not zero.
      ${docsLink('campaigns', 'the attribution rule')}</p>
    ${table(rows, columns, { caption: `Campaigns that started in ${esc(now)}; won: revenue · deals
      ${docsLink('campaigns')}`,
    csv: `${base}/revenue?${query}&format=csv&part=campaigns`, id: 'campaigns-table',
    rowAttrs: r => `data-campaign="${esc(r.campaignId)}" data-return="${esc(r.returnOnBudget ?? '')}"` })}
  </section>`;
}

/** The sales pack: assets never used first; users against non-users, which is association, not cause. */
function salesPack(pack, base, query, now) {
  const rows = table(pack.assets, [
    { key: 'assetId', label: 'asset', html: r => `<strong>${esc(r.assetId)}</strong>${r.neverUsed
      ? ' <span class="never-used">NEVER USED</span>' : ''}<small class="asset-meta">${esc(r.kind || 'asset')} ·
      ${esc(r.campaignId ?? 'no campaign')} · published ${esc(date(r.publishedAt))}</small>` },
    { key: 'uses', label: 'uses', format: count, cls: 'num' },
    { key: 'users', label: 'opportunities using it',
      format: (v, r) => `${count(v)} of ${count(r.opportunities)} (${percent(r.usageRate)})`, cls: 'num' },
    { key: 'usersWinRate', label: 'win rate: users · others',
      html: r => `${esc(percent(r.usersWinRate))} <small>(${esc(count(r.usersClosed))} closed)</small> ·
        ${esc(percent(r.nonUsersWinRate))} <small>(${esc(count(r.nonUsersClosed))} closed)</small>`, cls: 'num' },
    { key: 'usersMedianCycleDays', label: 'median cycle: users · others',
      format: (v, r) => `${cycle(v)} · ${cycle(r.nonUsersMedianCycleDays)}`, cls: 'num' },
  ], { caption: `Assets, never used first ${docsLink('salesPack')}`, csv: `${base}/assets?${query}&format=csv`,
    id: 'pack-assets',
    rowAttrs: r => `data-asset="${esc(r.assetId)}" class="${r.neverUsed ? 'never-used-row' : ''}"` });
  const summary = pack.opportunities
    ? `<strong>${esc(count(pack.opportunitiesUsingAssets))} of ${esc(count(pack.opportunities))}</strong>
      opportunities opened in ${esc(now)} used an asset of the pack (${esc(percent(pack.usageRate))}).`
    : `No opportunity was opened in ${esc(now)}: nothing to measure the pack's use against.`;
  return `<section class="sales-pack" id="sales-pack" aria-labelledby="pack-title">
    <h2 id="pack-title">Sales pack: is it used?</h2>
    <p class="pack-summary" id="pack-summary">${summary}</p>
    <p class="caveat" id="pack-caveat" role="note">${esc(pack.caveat)}</p>
    ${pack.assets.length ? rows : `<p class="empty-window" id="no-assets">No asset was ever published or used:
      record <code>AssetPublished</code> steps on a campaign and <code>AssetUsed</code> steps on journeys.</p>`}
    <p><a class="csv" href="${esc(`${base}/assets?${query}&format=csv&part=campaigns`)}" download>Per campaign
      (CSV)</a></p></section>`;
}
