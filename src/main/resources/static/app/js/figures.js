// What a stage box and an arrow say for a flow document (GET /flow, POST /preview): the same figures the API
// returns, in the words of docs/metrics.md.

import { count, hours, percent } from './format.js';
import { dwellFill } from './palette.js';
import { visibleTransitions } from './layout.js';

export const EDGE_FIGURES = {
  count: { label: 'frequency', field: 'count' },
  median: { label: 'median time', field: 'medianHours' },
  mean: { label: 'mean time', field: 'meanHours' },
  p90: { label: 'p90 time', field: 'p90Hours' },
};

export function stageRows(flow) {
  return new Map(flow.stages.filter(s => s.group === null || s.group === undefined).map(s => [s.stageId, s]));
}

/** Box look for each stage: coloured by its share of total dwell, the bottleneck outlined, SLA breaches flagged. */
export function flowNodes(flow) {
  const rows = stageRows(flow);
  const maxShare = Math.max(0.0001, ...[...rows.values()].map(r => r.totalDwellShare));
  return stageId => {
    const r = rows.get(stageId);
    if (!r) return { lines: ['no figures'] };
    const active = r.totalDwellHours > 0;
    return {
      fill: dwellFill(r.totalDwellShare / maxShare),
      bottleneck: active && r.bottleneckRank === 1,
      lines: [
        { text: `entered ${count(r.entered)}`, figure: 'entered', big: true },
        { text: `WIP at end ${count(r.wipAtEnd)}`, figure: 'wipAtEnd' },
        { text: `median dwell ${hours(r.dwellMedianHours)}`, figure: 'dwellMedianHours' },
        { text: `${percent(r.totalDwellShare)} of dwell`, figure: 'totalDwellShare' },
      ],
      badge: r.slaBreaches ? `⚠ ${count(r.slaBreaches)} over SLA` : null,
      aria: `${r.name}, ${r.owner}: entered ${r.entered}, WIP at end ${r.wipAtEnd}, median dwell `
          + `${hours(r.dwellMedianHours)}, ${percent(r.totalDwellShare)} of total dwell, bottleneck rank `
          + `${r.bottleneckRank}${r.slaHours ? `, ${r.slaBreaches} over the SLA of ${hours(r.slaHours)}` : ''}`,
      data: {
        entered: r.entered, wip: r.wipAtEnd, median: r.dwellMedianHours ?? '', share: r.totalDwellShare,
        rank: r.bottleneckRank, breaches: r.slaBreaches ?? '',
      },
    };
  };
}

/** Arrows for the observed transitions at the detail level, plus agreed handoffs nobody has passed yet. */
export function flowEdges(flow, map, { edge = 'count', detail = 100 } = {}) {
  const figure = EDGE_FIGURES[edge] || EDGE_FIGURES.count;
  const transitions = flow.transitions.filter(t => t.group === null || t.group === undefined);
  const shown = visibleTransitions(transitions, detail, map.handoffs || []);
  const handoffs = new Map((map.handoffs || []).map(h => [h.fromStage + '>' + h.toStage, h]));
  const edges = shown.map(t => {
    const handoff = handoffs.get(t.fromStage + '>' + t.toStage);
    const time = figure.field === 'count' ? t.medianHours : t[figure.field];
    const label = figure.field === 'count' ? `${count(t.count)} · ${hours(t.medianHours)}`
        : `${hours(time)} · ${count(t.count)}×`;
    return {
      from: t.fromStage, to: t.toStage,
      value: figure.field === 'count' ? t.count : (time || 0),
      label,
      title: `${t.fromStage} → ${t.toStage}: ${t.count} transitions, median ${hours(t.medianHours)}, mean `
          + `${hours(t.meanHours)}, p90 ${hours(t.p90Hours)}${t.handoff ? `; handoff, accountable: `
          + `${t.handoffOwner || 'none agreed'}` : ''}${handoff ? `; criteria: ${handoff.criteria}` : ''}`,
      handoffOwner: t.handoff ? (t.handoffOwner || handoff?.owner || null) : undefined,
      criteria: handoff?.criteria,
      data: { count: t.count, median: t.medianHours ?? '', mean: t.meanHours ?? '', p90: t.p90Hours ?? '' },
    };
  });
  const seen = new Set(transitions.map(t => t.fromStage + '>' + t.toStage));
  for (const [key, h] of handoffs) {
    if (!seen.has(key)) {
      edges.push({ from: h.fromStage, to: h.toStage, value: 0, declared: true, handoffOwner: h.owner,
        criteria: h.criteria, label: 'no transitions yet',
        title: `Agreed handoff ${h.fromStage} → ${h.toStage} (${h.owner}): ${h.criteria}; nobody passed it here` });
    }
  }
  return { edges, hidden: transitions.length - shown.length, total: transitions.length };
}

/** The feedback loop drawn from service back to marketing, with the loop's figures for the period. */
export function loopEdge(map, loop) {
  if (!loop) return null;
  const stages = map.stages;
  const service = [...stages].reverse().find(s => s.owner === 'SERVICE');
  const marketing = stages.find(s => s.owner === 'MARKETING');
  if (!service || !marketing) return null;
  const rows = loop.feedbackBySegment || [];
  const recorded = rows.reduce((n, r) => n + r.recorded, 0);
  const actioned = rows.reduce((n, r) => n + r.actioned, 0);
  return {
    from: service.stageId, to: marketing.stageId, isLoop: true, value: 0,
    label: `${count(recorded)} feedback · ${count(actioned)} actioned`,
    title: `Feedback loop from ${service.name} back to ${marketing.name}: ${recorded} feedback recorded in the period,`
        + ` ${actioned} actioned (docs/metrics.md section 7)`,
    data: { recorded, actioned },
  };
}

/** Section anchors of docs/metrics.md, as the definitions view names its headings. */
export const SECTIONS = {
  stages: '4-stage-figures-stagemetricsstagessnapshot-query',
  transitions: '5-transitions-transitionmetricstransitionssnapshot-query',
  conversions: '6-cohort-conversion-conversionmetricsconversionssnapshot-query',
  loop: '7-feedback-loop-feedbackloop',
  frames: '8-replay-frames-flowframesframessnapshot-query-step',
  compare: '10-comparison-of-two-windows-get-apimapsidcompare',
  versions: '11-which-map-version-a-read-uses',
  wip: '3-boundary-conventions-one-place-stagevisit',
  rejections: 'rejections',
  amounts: '14-amounts-currency-and-partial-data-valuation',
  value: '15-value-per-stage-and-weighted-pipeline-valuemetricsofsnapshot-query-lookback',
  revenue: '16-revenue-by-origin-revenuemetricsofsnapshot-campaigns-queryorigins',
  campaigns: '17-campaign-return-revenuemetricsofcampaigns',
  velocity: '18-sales-velocity-velocitybyquartersnapshot-query',
  salesPack: '19-the-sales-pack-salespackofsnapshot-campaigns-query',
  scorecard: '20-the-joint-scorecard-scorecardofsnapshot-query-lookback-targets',
};

export function docsLink(section, text = 'definition') {
  return `<a class="def" href="/?view=docs#${SECTIONS[section] || section}" target="_blank" rel="noopener">${text}</a>`;
}
