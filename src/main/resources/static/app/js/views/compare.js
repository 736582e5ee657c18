// Two periods on the same layout: side by side, or one map coloured by the change (orange: more dwell, fewer
// transitions; purple: less dwell, more transitions).

import { api } from '../api.js';
import * as state from '../state.js';
import { drawMap } from '../mapdraw.js';
import { flowNodes, flowEdges, docsLink } from '../figures.js';
import { count, hours, signed, signedHours, esc } from '../format.js';
import { changeFill } from '../palette.js';
import { table } from '../tables.js';
import { downloadSvg } from '../download.js';
import { closeDrill } from './drill.js';

export async function render(main, ctx) {
  const s = ctx.state;
  closeDrill();
  if (!s.map) {
    main.innerHTML = '<p class="empty">Define a map first (Edit map).</p>';
    return;
  }
  const period = s.quarter || `${s.from || ''}/${s.to || ''}`;
  const other = s.vs || (s.quarter ? state.shiftQuarter(s.quarter, -1) : period);
  const mode = s.cmode || 'side';
  const base = `/api/maps/${encodeURIComponent(s.map)}`;
  const windowless = { quarter: null, from: null, to: null };
  const [comparison, flowA, flowB] = await Promise.all([
    api(`${base}/compare?${state.readQuery(s, { ...windowless, a: other, b: period })}`),
    api(`${base}/flow?${state.readQuery(s, { ...windowless, ...asWindow(other) })}`),
    api(`${base}/flow?${state.readQuery(s, { ...windowless, ...asWindow(period) })}`),
  ]);
  if (!ctx.isCurrent()) return;
  const quarters = [];
  for (let i = -12; i <= 4; i++) quarters.push(state.shiftQuarter(s.quarter || state.quarterOf(new Date()), i));
  main.innerHTML = `<section class="view-compare">
    <div class="toolbar">
      <h1>Compare ${esc(other)} with ${esc(period)}</h1>
      <label>earlier period <select id="vs">${quarters
          .map(q => `<option${q === other ? ' selected' : ''}>${q}</option>`).join('')}
        ${quarters.includes(other) ? '' : `<option selected>${esc(other)}</option>`}</select></label>
      <fieldset class="edge-figure"><legend>Show</legend>
        <label><input type="radio" name="cmode" value="side" ${mode === 'side' ? 'checked' : ''}> side by side</label>
        <label><input type="radio" name="cmode" value="change" ${mode === 'change' ? 'checked' : ''}> one map coloured
          by the change</label></fieldset>
      <button type="button" id="dl-svg">Download SVG</button>
    </div>
    <div class="${mode === 'side' ? 'side-by-side' : 'canvas'}" id="compare-canvas"></div>
    <div class="tables" id="compare-tables"></div></section>`;
  const canvas = main.querySelector('#compare-canvas');
  let svgs = [];
  if (mode === 'side') {
    for (const [label, flow] of [[other, flowA], [period, flowB]]) {
      const holder = document.createElement('div');
      holder.className = 'half';
      holder.dataset.period = label;
      canvas.append(holder);
      svgs.push(drawMap(holder, { map: flowB.map, caption: label, nodes: flowNodes(flow),
        edges: flowEdges(flow, flowB.map, { edge: s.edge || 'count' }).edges }));
    }
  } else {
    svgs.push(drawMap(canvas, changeSpec(comparison, flowB.map, other, period)));
  }
  main.querySelector('#compare-tables').innerHTML = tables(comparison, base, s, other, period);
  main.querySelector('#vs').addEventListener('change', e => state.update({ vs: e.target.value }));
  main.querySelectorAll('input[name=cmode]').forEach(i => i.addEventListener('change', () =>
    state.update({ cmode: i.value }, { replace: true })));
  main.querySelector('#dl-svg').addEventListener('click', () => svgs.forEach((svg, i) =>
    downloadSvg(svg, `${s.map}-compare-${[other, period][mode === 'side' ? i : 1]}`)));
}

function asWindow(period) {
  if (!period.includes('/')) return { quarter: period };
  const [from, to] = period.split('/');
  return { from: from || null, to: to || null };
}

function changeSpec(comparison, map, a, b) {
  const rows = new Map(comparison.stages.filter(r => r.group == null).map(r => [r.stageId, r]));
  return {
    map, caption: `Change from ${a} to ${b}`,
    nodes: stageId => {
      const r = rows.get(stageId);
      if (!r) return {};
      const scale = Math.max(r.totalDwellHoursA || 0, r.totalDwellHoursB || 0, 1e-9);
      const change = (r.totalDwellHoursChange || 0) / scale;
      return {
        fill: changeFill(change),
        lines: [
          { text: `entered ${count(r.enteredA)} → ${count(r.enteredB)}`, big: true, figure: 'entered' },
          { text: `median ${hours(r.dwellMedianHoursA)}→${hours(r.dwellMedianHoursB)}`, figure: 'median' },
          { text: `total dwell ${signedHours(r.totalDwellHoursChange)}`, figure: 'totalDwell' },
          { text: `rank ${r.bottleneckRankA ?? '–'} → ${r.bottleneckRankB ?? '–'}`, figure: 'rank' },
        ],
        badge: r.slaBreachesChange > 0 ? `⚠ ${signed(r.slaBreachesChange)} over SLA` : null,
        aria: `${r.name}: entered ${r.enteredA} then ${r.enteredB}; total dwell change `
            + signedHours(r.totalDwellHoursChange),
        data: { entered: `${r.enteredA}>${r.enteredB}`, change: r.totalDwellHoursChange ?? '' },
      };
    },
    edges: comparison.transitions.filter(t => t.group == null).map(t => ({
      from: t.fromStage, to: t.toStage, value: Math.max(t.countA, t.countB),
      label: `${count(t.countA)} → ${count(t.countB)} · ${signed(t.countChange)}`,
      cls: t.countChange < 0 ? 'worse' : t.countChange > 0 ? 'better' : '',
      title: `${t.fromStage} → ${t.toStage}: ${t.countA} then ${t.countB} transitions; median `
          + `${hours(t.medianHoursA)} then ${hours(t.medianHoursB)}`,
      data: { count: `${t.countA}>${t.countB}` },
    })),
    legend: { scale: t => changeFill(2 * t - 1), scaleLabel: ['less dwell', 'more dwell'],
      items: ['purple arrow: more transitions', 'orange arrow: fewer transitions'] },
  };
}

function tables(comparison, base, s, a, b) {
  const query = state.readQuery(s, { quarter: null, from: null, to: null, a, b, format: 'csv' });
  const stages = table(comparison.stages, [
    { key: 'name', label: 'stage' },
    { key: 'enteredA', label: `entered ${a}`, format: count },
    { key: 'enteredB', label: `entered ${b}`, format: count },
    { key: 'enteredChange', label: 'change', format: signed },
    { key: 'dwellMedianHoursA', label: `median ${a}`, format: hours },
    { key: 'dwellMedianHoursB', label: `median ${b}`, format: hours },
    { key: 'dwellMedianHoursChange', label: 'change', format: signedHours },
    { key: 'slaBreachesChange', label: 'over SLA change', format: signed },
    { key: 'totalDwellHoursChange', label: 'total dwell change', format: signedHours },
    { key: 'bottleneckRankA', label: `rank ${a}` }, { key: 'bottleneckRankB', label: `rank ${b}` },
  ], { caption: `Stages ${docsLink('compare')}`, csv: `${base}/compare?${query}&part=stages`, id: 'compare-stages' });
  const transitions = table(comparison.transitions, [
    { key: 'fromStage', label: 'from' }, { key: 'toStage', label: 'to' },
    { key: 'countA', label: `count ${a}`, format: count }, { key: 'countB', label: `count ${b}`, format: count },
    { key: 'countChange', label: 'change', format: signed },
    { key: 'medianHoursA', label: `median ${a}`, format: hours },
    { key: 'medianHoursB', label: `median ${b}`, format: hours },
  ], { caption: 'Transitions', csv: `${base}/compare?${query}&part=transitions`, id: 'compare-transitions' });
  return stages + transitions;
}
