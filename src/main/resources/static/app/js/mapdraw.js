// Draws a map as SVG: swimlanes, stage boxes and arrows at the positions layout.js gives. The views decide what each
// box and arrow says; this module only draws, so map, compare, replay and draft look alike. The SVG carries its own
// styles, so a downloaded picture looks the same as the screen.

import { layout, kindOf, route } from './layout.js';
import { FUNCTION_COLOURS, LANE_TINTS, ALERT, textOn } from './palette.js';

const d3 = globalThis.d3;

const STYLE = `
  text { font-family: "Segoe UI", "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; fill: #111; }
  .caption { font-size: 22px; font-weight: 600; }
  .lane-label { font-size: 20px; font-weight: 700; letter-spacing: .04em; }
  .stage rect.box { stroke: #333; stroke-width: 1.5; }
  .stage.bottleneck rect.box { stroke: #000; stroke-width: 5; }
  .stage:focus { outline: none; }
  .stage:focus rect.box, .stage:hover rect.box { stroke: #000; stroke-width: 4; stroke-dasharray: 6 3; }
  .stage .name { font-size: 21px; font-weight: 700; }
  .stage .line { font-size: 17px; }
  .stage .line.big { font-size: 19px; font-weight: 600; }
  .badge rect { fill: ${ALERT}; }
  .badge text { fill: #fff; font-size: 15px; font-weight: 700; }
  .bneck text { font-size: 15px; font-weight: 800; letter-spacing: .06em; }
  .edge path.line { fill: none; stroke: #4d4d4d; stroke-opacity: .75; }
  .edge.loop path.line { stroke: #009E73; stroke-dasharray: 10 6; stroke-opacity: .9; }
  .edge.declared path.line { stroke-dasharray: 4 6; stroke-opacity: .5; }
  .edge.worse path.line { stroke: #B35806; }
  .edge.better path.line { stroke: #542788; }
  .edge:focus { outline: none; }
  .edge:focus path.line, .edge:hover path.line { stroke: #000; stroke-opacity: 1; }
  .edge .label rect { fill: #fff; stroke: #999; }
  .edge .label text { font-size: 16px; font-weight: 600; }
  .edge .chip text { font-size: 13px; font-weight: 800; fill: #fff; letter-spacing: .04em; }
  .edge .criteria { font-size: 13px; font-style: italic; fill: #333; }
  .legend text { font-size: 15px; }
`;

/**
 * spec: { map, caption, nodes: stageId → {fill, lines, badge, bottleneck, aria, data}, edges: [{from, to, value,
 * label, title, handoffOwner, criteria, cls, data, declared}], loop: {label} | null, onStage, onEdge, legend }
 */
export function drawMap(container, spec) {
  const box = layout(spec.map.stages);
  const legendHeight = spec.legend ? 56 : 0;
  const svg = d3.create('svg')
      .attr('xmlns', 'http://www.w3.org/2000/svg')
      .attr('class', 'map')
      .attr('viewBox', `0 0 ${box.width} ${box.height + legendHeight}`)
      .attr('width', box.width)
      .attr('height', box.height + legendHeight)
      .attr('role', 'group')
      .attr('aria-label', spec.caption || 'Supply chain map')
      .attr('data-map-version', spec.map.version ?? '');
  svg.append('style').text(STYLE);
  svg.append('rect').attr('width', box.width).attr('height', box.height + legendHeight).attr('fill', '#fff');
  const defs = svg.append('defs');
  for (const [id, colour] of [['arrow', '#4d4d4d'], ['arrow-loop', '#009E73'], ['arrow-worse', '#B35806'],
    ['arrow-better', '#542788']]) {
    defs.append('marker').attr('id', id).attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
        .attr('markerUnits', 'userSpaceOnUse').attr('markerWidth', 18).attr('markerHeight', 18)
        .attr('orient', 'auto-start-reverse')
        .append('path').attr('d', 'M0,0 L10,5 L0,10 z').attr('fill', colour);
  }
  if (spec.caption) {
    svg.append('text').attr('class', 'caption').attr('x', 16).attr('y', 34).text(spec.caption);
  }
  drawLanes(svg, box);
  const edgeLayer = svg.append('g').attr('class', 'edges');
  const nodeLayer = svg.append('g').attr('class', 'stages');
  const labelLayer = svg.append('g').attr('class', 'labels');
  drawEdges(edgeLayer, labelLayer, box, spec);
  drawNodes(nodeLayer, box, spec);
  if (spec.legend) drawLegend(svg, box, spec.legend);
  container.replaceChildren(svg.node());
  return svg.node();
}

function drawLanes(svg, box) {
  const g = svg.append('g').attr('class', 'lanes');
  for (const lane of box.lanes) {
    const row = g.append('g').attr('class', 'lane').attr('data-owner', lane.owner);
    row.append('rect').attr('x', 0).attr('y', lane.y).attr('width', box.width).attr('height', lane.h)
        .attr('fill', LANE_TINTS[lane.owner]).attr('stroke', '#fff').attr('stroke-width', 3);
    row.append('rect').attr('x', 0).attr('y', lane.y).attr('width', 12).attr('height', lane.h)
        .attr('fill', FUNCTION_COLOURS[lane.owner]);
    row.append('text').attr('class', 'lane-label').attr('x', 24).attr('y', lane.y + 34).text(lane.owner);
  }
}

function drawNodes(layer, box, spec) {
  for (const stage of spec.map.stages) {
    const node = box.nodes.get(stage.stageId);
    const look = spec.nodes(stage.stageId) || {};
    const fill = look.fill || '#fff';
    const ink = textOn(fill);
    const g = layer.append('g')
        .attr('class', 'stage' + (look.bottleneck ? ' bottleneck' : ''))
        .attr('transform', `translate(${node.x},${node.y})`)
        .attr('data-stage', stage.stageId)
        .attr('data-owner', stage.owner)
        .attr('data-column', node.column)
        .attr('tabindex', spec.onStage ? 0 : null)
        .attr('role', spec.onStage ? 'button' : null)
        .attr('aria-label', look.aria || stage.name);
    for (const [key, value] of Object.entries(look.data || {})) g.attr('data-' + key, value ?? '');
    g.append('title').text(look.aria || stage.name);
    g.append('rect').attr('class', 'box').attr('width', node.w).attr('height', node.h).attr('rx', 10)
        .attr('fill', fill);
    g.append('rect').attr('width', node.w).attr('height', 7).attr('rx', 3)
        .attr('fill', FUNCTION_COLOURS[stage.owner] || '#999');
    g.append('text').attr('class', 'name').attr('x', 12).attr('y', 31).style('fill', ink).text(clip(stage.name, 17));
    (look.lines || []).forEach((line, i) => {
      const text = typeof line === 'string' ? { text: line } : line;
      g.append('text').attr('class', 'line' + (text.big ? ' big' : '')).attr('x', 12).attr('y', 56 + i * 22)
          .attr('data-figure', text.figure || null).style('fill', ink).text(text.text);
    });
    if (look.bottleneck) {
      const tag = g.append('g').attr('class', 'bneck').attr('transform', `translate(0,${node.h + 19})`);
      tag.append('text').attr('x', 2).attr('y', 0).text('▲ BOTTLENECK');
    }
    if (look.badge) {
      const badge = g.append('g').attr('class', 'badge').attr('transform', `translate(${node.w + 6},-4)`);
      const text = badge.append('text').attr('text-anchor', 'end').attr('x', -8).attr('y', 5).text(look.badge);
      const width = 14 + 8.6 * look.badge.length;
      badge.insert('rect', 'text').attr('x', -width).attr('y', -14).attr('width', width).attr('height', 26)
          .attr('rx', 13);
    }
    if (spec.onStage) {
      g.style('cursor', 'pointer')
          .on('click', () => spec.onStage(stage.stageId))
          .on('keydown', event => {
            if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); spec.onStage(stage.stageId); }
          });
    }
  }
}

function drawEdges(layer, labels, box, spec) {
  const max = Math.max(1, ...spec.edges.map(e => e.value || 0));
  const width = d3.scaleSqrt().domain([0, max]).range([2, 18]);
  const slots = new Map();
  const ordered = [...spec.edges];
  if (spec.loop) ordered.push(spec.loop);
  for (const edge of ordered) {
    const a = box.nodes.get(edge.from);
    const b = box.nodes.get(edge.to);
    if (!a || !b || a === b) continue;
    const kind = kindOf(a, b);
    const slotKey = kind === 'loop' ? 'loop' : kind + a.lane;
    const slot = slots.get(slotKey) || 0;
    slots.set(slotKey, slot + 1);
    const path = route(a, b, kind, slot, box);
    const isLoop = edge.isLoop || (kind === 'loop' && a.stage.owner === 'SERVICE' && b.stage.owner === 'MARKETING');
    const classes = ['edge', kind, isLoop ? 'loop' : '', edge.declared ? 'declared' : '', edge.cls || '']
        .filter(Boolean).join(' ');
    const g = layer.append('g').attr('class', classes)
        .attr('data-from', edge.from).attr('data-to', edge.to)
        .attr('tabindex', spec.onEdge && !edge.declared && !edge.isLoop ? 0 : null)
        .attr('role', spec.onEdge && !edge.declared && !edge.isLoop ? 'button' : null)
        .attr('aria-label', edge.title || `${edge.from} to ${edge.to}`);
    for (const [key, value] of Object.entries(edge.data || {})) g.attr('data-' + key, value ?? '');
    g.append('title').text(edge.title || '');
    const marker = isLoop ? 'arrow-loop' : edge.cls === 'worse' ? 'arrow-worse'
        : edge.cls === 'better' ? 'arrow-better' : 'arrow';
    g.append('path').attr('class', 'line').attr('d', path.d)
        .attr('stroke-width', edge.declared ? 2 : width(edge.value || 0))
        .attr('marker-end', `url(#${marker})`);
    // A wide invisible path makes thin arrows easy to click.
    g.append('path').attr('d', path.d).attr('fill', 'none').attr('stroke', 'transparent').attr('stroke-width', 22);
    drawEdgeLabel(labels, g, path.label, edge, isLoop);
    if (spec.onEdge && !edge.declared && !edge.isLoop) {
      const open = () => spec.onEdge(edge.from, edge.to);
      g.style('cursor', 'pointer').on('click', open)
          .on('keydown', event => {
            if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(); }
          });
    }
  }
}

function drawEdgeLabel(layer, edgeGroup, [x, y], edge, isLoop) {
  const g = layer.append('g').attr('class', 'edge-label').attr('transform', `translate(${x},${y})`)
      .attr('data-from', edge.from).attr('data-to', edge.to);
  if (edge.handoffOwner !== undefined || isLoop) {
    const top = -(edge.label && !isLoop ? 36 : 30);
    const chip = isLoop ? 'FEEDBACK LOOP'
        : edge.handoffOwner ? `HANDOFF · ${edge.handoffOwner}` : 'HANDOFF · none agreed';
    const colour = isLoop ? '#009E73' : FUNCTION_COLOURS[edge.handoffOwner] || '#666';
    const w = 16 + 8.2 * chip.length;
    const c = g.append('g').attr('class', 'chip').attr('transform', `translate(0,${top})`);
    c.append('rect').attr('x', -w / 2).attr('y', -11).attr('width', w).attr('height', 22).attr('rx', 11)
        .attr('fill', colour);
    c.append('text').attr('text-anchor', 'middle').attr('y', 5).style('fill', '#fff').style('font-size', '13px')
        .style('font-weight', 800).text(chip);
  }
  if (edge.label) {
    // Two short lines (main figure, then the other) fit in the gap between two columns.
    const lines = isLoop ? [edge.label] : edge.label.split(' · ');
    const w = 16 + 9.4 * Math.max(...lines.map(x => x.length));
    const h = 6 + 19 * lines.length;
    const l = g.append('g').attr('class', 'label');
    l.append('rect').attr('x', -w / 2).attr('y', -h / 2).attr('width', w).attr('height', h).attr('rx', 6)
        .attr('fill', '#fff').attr('stroke', '#999');
    const text = l.append('text').attr('text-anchor', 'middle').attr('data-figure', 'edge')
        .style('font-size', '16px').style('font-weight', 600);
    lines.forEach((line, i) => text.append('tspan').attr('x', 0).attr('y', -h / 2 + 18 + 19 * i)
        .style('font-weight', i === 0 ? 700 : 500).text(line));
  }
  if (edge.criteria) {
    g.append('text').attr('class', 'criteria').attr('text-anchor', 'middle').attr('y', 40)
        .style('font-size', '13px').style('font-style', 'italic').text(clip(edge.criteria, 36))
        .append('title').text(edge.criteria);
  }
  edgeGroup.on('mouseenter.label', () => g.raise());
}

function drawLegend(svg, box, legend) {
  const g = svg.append('g').attr('class', 'legend').attr('transform', `translate(16,${box.height + 14})`);
  let x = 0;
  if (legend.scale) {
    const id = 'legend-scale';
    const gradient = svg.select('defs').append('linearGradient').attr('id', id);
    d3.range(0, 1.01, 0.1).forEach(t => gradient.append('stop').attr('offset', t).attr('stop-color', legend.scale(t)));
    g.append('text').attr('x', x).attr('y', 20).text(legend.scaleLabel[0]);
    x += 8 + 8.2 * legend.scaleLabel[0].length;
    g.append('rect').attr('x', x).attr('y', 4).attr('width', 180).attr('height', 22).attr('fill', `url(#${id})`)
        .attr('stroke', '#333');
    x += 190;
    g.append('text').attr('x', x).attr('y', 20).text(legend.scaleLabel[1]);
    x += 30 + 8.2 * legend.scaleLabel[1].length;
  }
  for (const item of legend.items || []) {
    g.append('text').attr('x', x).attr('y', 20).text(item);
    x += 30 + 8.2 * item.length;
  }
}

function clip(text, max) {
  const s = String(text ?? '');
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
