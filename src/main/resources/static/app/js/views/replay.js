// A period replayed day by day from the replay stream: WIP per stage at the end of each day, arrivals and
// departures of the day, and the transitions so far. Play, pause, speed and a time slider.

import { api, events } from '../api.js';
import * as state from '../state.js';
import { drawMap } from '../mapdraw.js';
import { count, date, esc } from '../format.js';
import { dwellFill } from '../palette.js';
import { docsLink } from '../figures.js';
import { closeDrill } from './drill.js';

let timer = null;

export async function render(main, ctx) {
  const s = ctx.state;
  stop();
  closeDrill();
  if (!s.map) {
    main.innerHTML = '<p class="empty">Define a map first (Edit map).</p>';
    return;
  }
  const base = `/api/maps/${encodeURIComponent(s.map)}`;
  main.innerHTML = `<section class="view-replay"><div class="toolbar"><h1>Replay of ${esc(state.periodLabel(s))}</h1>
      <span id="replay-loading">loading frames…</span></div></section>`;
  const flow = await api(`${base}/flow?${state.readQuery(s)}`);
  const frames = [];
  await events(`${base}/replay?${state.readQuery(s, { step: 'P1D' })}`, frame => frames.push(frame));
  if (!ctx.isCurrent()) return;
  if (!frames.length) {
    main.querySelector('#replay-loading').textContent = 'Nothing to replay: the period starts after the asOf time.';
    return;
  }
  const maxWip = Math.max(1, ...frames.flatMap(f => f.stages.map(x => x.wip)));
  let index = Math.min(Number(s.frame || 0), frames.length - 1);
  let speed = Number(s.speed || 4);
  main.innerHTML = `<section class="view-replay">
    <div class="toolbar">
      <h1>Replay of ${esc(state.periodLabel(s))} ${docsLink('frames')}</h1>
      <button type="button" id="play" aria-pressed="false">▶ Play</button>
      <label>speed <select id="speed">${[1, 2, 4, 8, 16].map(v => `<option value="${v}"${v === speed ? ' selected'
          : ''}>${v} days/s</option>`).join('')}</select></label>
      <label class="slider">day <input type="range" id="frame" min="0" max="${frames.length - 1}" value="${index}">
      </label>
      <output id="frame-date" aria-live="off"></output>
    </div>
    <div class="canvas" id="replay-canvas"></div></section>`;
  const canvas = main.querySelector('#replay-canvas');
  const slider = main.querySelector('#frame');
  const label = main.querySelector('#frame-date');
  const play = main.querySelector('#play');
  const cumulative = frames.map(() => null);
  const so = new Map();
  frames.forEach((frame, i) => {
    for (const t of frame.transitions) {
      const key = t.fromStage + '>' + t.toStage;
      so.set(key, (so.get(key) || 0) + t.count);
    }
    cumulative[i] = new Map(so);
  });
  const draw = () => {
    const frame = frames[index];
    const byStage = new Map(frame.stages.map(x => [x.stageId, x]));
    drawMap(canvas, {
      map: flow.map, caption: `${flow.map.mapId} · ${date(frame.start)}`,
      nodes: stageId => {
        const x = byStage.get(stageId) || { wip: 0, arrivals: 0, departures: 0 };
        return {
          fill: dwellFill(x.wip / maxWip),
          lines: [{ text: `WIP ${count(x.wip)}`, big: true, figure: 'wip' },
            { text: `in +${count(x.arrivals)} · out −${count(x.departures)}`, figure: 'flow' }],
          aria: `${stageId}: WIP ${x.wip} at the end of ${date(frame.start)}`,
          data: { wip: x.wip, arrivals: x.arrivals, departures: x.departures },
        };
      },
      edges: [...cumulative[index]].map(([key, n]) => {
        const [from, to] = key.split('>');
        return { from, to, value: n, label: `${count(n)} so far`, data: { count: n } };
      }),
      legend: { scale: t => dwellFill(t), scaleLabel: ['WIP: none', `${maxWip} (most in the period)`] },
    });
    slider.value = index;
    label.value = `${date(frame.start)} (day ${index + 1} of ${frames.length})`;
    canvas.dataset.frame = String(index);
  };
  const toggle = () => {
    if (timer) {
      stop();
      play.textContent = '▶ Play';
      play.setAttribute('aria-pressed', 'false');
      state.update({ frame: String(index), speed: String(speed) }, { replace: true, silent: true });
      return;
    }
    if (index >= frames.length - 1) index = 0;
    play.textContent = '⏸ Pause';
    play.setAttribute('aria-pressed', 'true');
    timer = setInterval(() => {
      if (!document.body.contains(canvas)) { stop(); return; }
      index += 1;
      draw();
      if (index >= frames.length - 1) toggle();
    }, 1000 / speed);
  };
  play.addEventListener('click', toggle);
  slider.addEventListener('input', () => { index = Number(slider.value); draw(); });
  main.querySelector('#speed').addEventListener('change', e => {
    speed = Number(e.target.value);
    if (timer) { toggle(); toggle(); }
  });
  draw();
}

function stop() {
  if (timer) clearInterval(timer);
  timer = null;
}
