// Where everything goes, computed from the map alone: x is the stage's place in map order, y the swimlane of its
// owning function. No simulation and no data dependence, so two quarters' pictures line up exactly. Pure: no DOM.

export const LANES = ['MARKETING', 'SALES', 'SERVICE', 'JOINT'];

export const GEOMETRY = {
  labelWidth: 160, column: 250, boxWidth: 194, boxHeight: 132, lane: 186, top: 64, bottom: 84, right: 24,
};

/** Nodes per stage and lanes per function present on the map; each node knows its column and lane. */
export function layout(stages, geometry = GEOMETRY) {
  const g = geometry;
  const lanes = LANES.filter(fn => stages.some(s => s.owner === fn));
  const laneIndex = new Map(lanes.map((fn, i) => [fn, i]));
  const nodes = new Map();
  stages.forEach((stage, column) => {
    const lane = laneIndex.get(stage.owner) ?? 0;
    const x = g.labelWidth + column * g.column + (g.column - g.boxWidth) / 2;
    const y = g.top + lane * g.lane + (g.lane - g.boxHeight) / 2;
    nodes.set(stage.stageId, {
      stage, column, lane, x, y, w: g.boxWidth, h: g.boxHeight, cx: x + g.boxWidth / 2, cy: y + g.boxHeight / 2,
    });
  });
  const width = g.labelWidth + Math.max(1, stages.length) * g.column + g.right;
  const lanesBottom = g.top + lanes.length * g.lane;
  return {
    width,
    height: lanesBottom + g.bottom,
    lanesBottom,
    lanes: lanes.map((fn, i) => ({ owner: fn, y: g.top + i * g.lane, h: g.lane })),
    nodes,
    geometry: g,
  };
}

/**
 * How an edge between two nodes is drawn: forward to the next column (or across lanes) as an S-curve, a forward
 * skip within a lane as an arc above, a step back within a lane as an arc below, and a step back across lanes (the
 * feedback loop, rejections) along the bottom and up the left margin.
 */
export function kindOf(a, b) {
  if (b.column > a.column) return b.lane === a.lane && b.column > a.column + 1 ? 'skip' : 'forward';
  return b.lane === a.lane ? 'back' : 'loop';
}

/** The SVG path and the label anchor of an edge; `slot` separates edges of the same kind. */
export function route(a, b, kind, slot, box) {
  const g = box.geometry;
  if (kind === 'forward' && a.lane === b.lane) {
    const p0 = [a.x + a.w, a.cy];
    const p3 = [b.x, b.cy];
    const dx = (p3[0] - p0[0]) / 2;
    return bezier(p0, [p0[0] + dx, p0[1]], [p3[0] - dx, p3[1]], p3);
  }
  if (kind === 'forward') {
    // Across lanes: leave the box downwards (or upwards), turn into the target's lane, enter it from the left, so
    // the arrow runs through the gaps between lanes rather than over other stages.
    const down = b.lane > a.lane;
    const p0 = [a.cx + 24 * slot, down ? a.y + a.h : a.y];
    const p3 = [b.x, b.cy + 10 * slot];
    const corner = [p0[0], p3[1]];
    return bezier(p0, corner, corner, p3);
  }
  if (kind === 'skip') {
    const lift = 34 + 16 * (b.column - a.column - 1) + 14 * slot;
    const p0 = [a.cx + 30, a.y];
    const p3 = [b.cx - 30, b.y];
    return bezier(p0, [p0[0], p0[1] - lift * 1.33], [p3[0], p3[1] - lift * 1.33], p3);
  }
  if (kind === 'back') {
    const drop = 30 + 6 * (a.column - b.column - 1) + 12 * slot;
    const p0 = [a.cx - 30, a.y + a.h];
    const p3 = [b.cx + 30, b.y + b.h];
    return bezier(p0, [p0[0], p0[1] + drop * 1.33], [p3[0], p3[1] + drop * 1.33], p3);
  }
  const y = box.lanesBottom + 30 + 22 * slot;
  const x = g.labelWidth - 40 + 12 * slot;
  const r = 14;
  const start = [a.cx + 20 * (slot % 2 ? -1 : 1), a.y + a.h];
  const end = [b.x, b.cy + 20 + 8 * slot];
  const d = `M${start[0]},${start[1]} V${y - r} Q${start[0]},${y} ${start[0] - r},${y} H${x + r} `
      + `Q${x},${y} ${x},${y - r} V${end[1] + r} Q${x},${end[1]} ${x + r},${end[1]} H${end[0]}`;
  return { d, label: [(start[0] + x) / 2, y] };
}

function bezier(p0, c1, c2, p3) {
  const mid = [0, 1].map(i => (p0[i] + 3 * c1[i] + 3 * c2[i] + p3[i]) / 8);
  return { d: `M${p0} C${c1} ${c2} ${p3}`, label: mid };
}

/**
 * The transitions to draw at a detail level (0–100): the most frequent first, keeping the given share of them;
 * a transition the map declares as a handoff always stays. Stages are never hidden.
 */
export function visibleTransitions(transitions, detail, handoffs = []) {
  const agreed = new Set(handoffs.map(h => h.fromStage + '>' + h.toStage));
  const ranked = [...transitions].sort((x, y) => y.count - x.count);
  const keep = Math.ceil(ranked.length * Math.max(0, Math.min(100, detail)) / 100);
  const kept = new Set(ranked.slice(0, keep));
  return transitions.filter(t => kept.has(t) || agreed.has(t.fromStage + '>' + t.toStage));
}
