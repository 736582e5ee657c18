// The map of a period: stages in map order in swimlanes by owning function, arrows for the transitions, the
// bottleneck and SLA breaches marked. Clicking a stage or an arrow opens its figures and journeys.

import { api } from '../api.js';
import * as state from '../state.js';
import { drawMap } from '../mapdraw.js';
import { flowNodes, flowEdges, loopEdge, EDGE_FIGURES, docsLink } from '../figures.js';
import { count, hours, percent, esc } from '../format.js';
import { dwellFill } from '../palette.js';
import { table } from '../tables.js';
import { downloadSvg, downloadPng } from '../download.js';
import { loadFilterValues } from '../filters.js';
import { openDrill, closeDrill } from './drill.js';

export async function render(main, ctx) {
  const s = ctx.state;
  if (!s.map) {
    main.innerHTML = emptyMaps();
    closeDrill();
    return;
  }
  const base = `/api/maps/${encodeURIComponent(s.map)}`;
  const query = state.readQuery(s);
  const started = performance.now();
  const [flow, loop] = await Promise.all([api(`${base}/flow?${query}`), api(`${base}/loop?${query}`)]);
  if (!ctx.isCurrent()) return;
  const mapDoc = flow.map;
  const edgeFigure = s.edge || 'count';
  const detail = Number(s.detail ?? 100);
  const { edges, hidden, total } = flowEdges(flow, mapDoc, { edge: edgeFigure, detail });
  const caption = `${ctx.maps.find(m => m.mapId === s.map)?.name || s.map} · v${flow.map.version} · `
      + `${state.periodLabel(s)}${filterLabel(s)}`;
  const nothing = flow.stages.every(r => r.entered === 0 && r.wipAtEnd === 0 && r.wipAtStart === 0);
  main.innerHTML = `
    <section class="view-map">
      <div class="toolbar">
        <h1>${esc(caption)}</h1>
        <fieldset class="edge-figure"><legend>Arrows show</legend>
          ${Object.entries(EDGE_FIGURES).map(([key, f]) => `<label><input type="radio" name="edge" value="${key}"
            ${key === edgeFigure ? 'checked' : ''}> ${f.label}</label>`).join('')}
        </fieldset>
        <label class="detail">Detail <input type="range" id="detail" min="0" max="100" step="5" value="${detail}"
          aria-describedby="detail-note"> <span id="detail-note">${total - hidden} of ${total} transitions${hidden
            ? `, ${hidden} rare ones hidden` : ''}</span></label>
        <span class="downloads"><button type="button" id="dl-svg">Download SVG</button>
          <button type="button" id="dl-png">Download PNG</button></span>
      </div>
      ${nothing ? emptyWindow(s) : ''}
      <div class="canvas" id="canvas"></div>
      <div class="tables" id="tables"></div>
    </section>`;
  const svg = drawMap(main.querySelector('#canvas'), {
    map: mapDoc, caption,
    nodes: flowNodes(flow),
    edges,
    loop: loopEdge(mapDoc, loop),
    onStage: stageId => state.update({ stage: stageId, transition: null, journey: null, figure: null }),
    onEdge: (from, to) => state.update({ transition: `${from}>${to}`, stage: null, journey: null }),
    legend: { scale: t => dwellFill(t), scaleLabel: ['share of total dwell: low', 'high (bottleneck)'],
      items: ['▲ bottleneck = most dwell', '⚠ over SLA', 'arrow width = ' + EDGE_FIGURES[edgeFigure].label] },
  });
  document.body.dataset.drawnMs = String(Math.round(performance.now() - started));
  performance.mark('map-drawn');
  document.body.dataset.drawn = `${s.map}|${query}|${edgeFigure}|${detail}`;

  main.querySelectorAll('input[name=edge]').forEach(input =>
    input.addEventListener('change', () => state.update({ edge: input.value }, { replace: true })));
  main.querySelector('#detail').addEventListener('change', event =>
    state.update({ detail: event.target.value }, { replace: true }));
  const name = `${s.map}-${state.periodLabel(s).replace(/[^\w-]+/g, '_')}`;
  main.querySelector('#dl-svg').addEventListener('click', () => downloadSvg(svg, name));
  main.querySelector('#dl-png').addEventListener('click', () => downloadPng(svg, name));
  main.querySelector('#tables').innerHTML = tables(flow, base, query);
  if (s.groupBy) {
    const grouped = await api(`${base}/stages?${state.readQuery(s, { groupBy: s.groupBy })}`);
    if (!ctx.isCurrent()) return;
    main.querySelector('#tables').insertAdjacentHTML('afterbegin', breakdown(grouped, s, base));
    main.querySelectorAll('[data-group]').forEach(row => row.addEventListener('click', () => {
      if (s.groupBy !== 'owner') state.update({ [s.groupBy]: row.dataset.group, groupBy: null });
    }));
  }
  await openDrill(ctx, flow, mapDoc);
  loadFilterValues(s).catch(() => { /* the lists are a convenience */ });
}

export function stageColumns() {
  return [
    { key: 'name', label: 'stage' }, { key: 'owner', label: 'owner' },
    { key: 'entered', label: 'entered', format: count }, { key: 'arrivals', label: 'arrivals', format: count },
    { key: 'departures', label: 'departures', format: count },
    { key: 'wipAtStart', label: 'WIP at start', format: count },
    { key: 'wipAtEnd', label: 'WIP at end', format: count },
    { key: 'dwellMedianHours', label: 'median dwell', format: hours },
    { key: 'dwellMeanHours', label: 'mean dwell', format: hours },
    { key: 'dwellP90Hours', label: 'p90 dwell', format: hours },
    { key: 'slaHours', label: 'SLA', format: hours }, { key: 'slaBreaches', label: 'over SLA', format: count },
    { key: 'totalDwellHours', label: 'total dwell', format: hours },
    { key: 'totalDwellShare', label: 'share', format: percent },
    { key: 'bottleneckRank', label: 'rank' },
  ];
}

function tables(flow, base, query) {
  const stages = table(flow.stages, stageColumns(), {
    caption: `Stages ${docsLink('stages')}`, csv: `${base}/stages?${query}&format=csv`, id: 'stage-table',
    rowAttrs: r => `data-stage="${esc(r.stageId)}"` });
  const transitions = table(flow.transitions, [
    { key: 'fromStage', label: 'from' }, { key: 'toStage', label: 'to' },
    { key: 'count', label: 'count', format: count },
    { key: 'medianHours', label: 'median', format: hours }, { key: 'meanHours', label: 'mean', format: hours },
    { key: 'p90Hours', label: 'p90', format: hours },
    { key: 'handoff', label: 'handoff', format: (v, r) => v ? (r.handoffOwner || 'none agreed') : '' },
  ], { caption: `Transitions ${docsLink('transitions')}`, csv: `${base}/transitions?${query}&format=csv`,
    id: 'transition-table', rowAttrs: r => `data-from="${esc(r.fromStage)}" data-to="${esc(r.toStage)}"` });
  const conversions = table(flow.conversions.filter(c => c.cohort > 0), [
    { key: 'fromStage', label: 'from' }, { key: 'toStage', label: 'reached' },
    { key: 'cohort', label: 'cohort', format: count }, { key: 'reached', label: 'reached', format: count },
    { key: 'rate', label: 'rate', format: percent },
  ], { caption: `Conversion ${docsLink('conversions')}`, csv: `${base}/conversions?${query}&format=csv` });
  return stages + transitions + conversions;
}

function breakdown(rows, s, base) {
  return table(rows, [{ key: 'group', label: s.groupBy }, ...stageColumns()], {
    caption: `By ${esc(s.groupBy)} ${s.groupBy !== 'owner' ? '(click a row to show only that group)' : ''}`,
    csv: `${base}/stages?${state.readQuery(s, { groupBy: s.groupBy })}&format=csv`, id: 'group-table',
    rowAttrs: r => `data-group="${esc(r.group)}" tabindex="0"` });
}

function filterLabel(s) {
  const parts = ['channel', 'segment', 'campaign'].filter(k => s[k]).map(k => `${k} ${s[k]}`);
  if (s.asOf) parts.push(`as of ${s.asOf}`);
  if (s.knownAt) parts.push(`known at ${s.knownAt}`);
  if (s.definitions === 'inForce') parts.push('definitions then in force');
  return parts.length ? ' · ' + parts.join(' · ') : '';
}

function emptyMaps() {
  return `<section class="empty" id="empty-state">
    <h1>Welcome to revchain</h1>
    <p>There is no supply chain map yet. A mapping session starts with two things:</p>
    <ol>
      <li><strong>Define the map</strong> sales and marketing agree on: its stages, who owns each, the handoffs
        between functions and their SLAs. <a class="button" href="/?view=draft&map=default">Draw the first map</a></li>
      <li><strong>Import history</strong> from your CRM so the map has figures:
        <code>java -jar revchain.jar import --mapping mapping.json pipeline.csv</code>, or send steps to
        <code>POST /api/steps</code> (see docs/import.md).</li>
    </ol>
  </section>`;
}

function emptyWindow(s) {
  return `<p class="empty-window" id="empty-window">No journey was in any stage of this map in
    ${esc(state.periodLabel(s))}. Pick another quarter above, or import history for this period
    (<code>java -jar revchain.jar import …</code>).</p>`;
}
