// Closing the loop: what service tells marketing (feedback recorded and actioned, by segment and by campaign) and
// what sales tells marketing (why leads were rejected, by campaign).

import { api } from '../api.js';
import * as state from '../state.js';
import { count, hours, percent, esc } from '../format.js';
import { table } from '../tables.js';
import { docsLink } from '../figures.js';
import { closeDrill } from './drill.js';

export async function render(main, ctx) {
  const s = ctx.state;
  closeDrill();
  if (!s.map) {
    main.innerHTML = '<p class="empty">Define a map first (Edit map).</p>';
    return;
  }
  const base = `/api/maps/${encodeURIComponent(s.map)}/loop`;
  const query = state.readQuery(s);
  const loop = await api(`${base}?${query}`);
  if (!ctx.isCurrent()) return;
  const feedback = [
    { key: 'group', label: 'group', format: v => v ?? 'all' },
    { key: 'recorded', label: 'recorded', format: count }, { key: 'actioned', label: 'actioned', format: count },
    { key: 'actionedRate', label: 'actioned rate', format: percent },
    { key: 'medianHoursToAction', label: 'median time to action', format: hours },
  ];
  main.innerHTML = `<section class="view-loop"><div class="toolbar"><h1>The loop in ${esc(state.periodLabel(s))}
      ${docsLink('loop')}</h1></div>
    <div class="columns">
      <div><h2>Service → marketing: customer feedback</h2>
        ${table(loop.feedbackBySegment, [{ ...feedback[0], label: 'segment' }, ...feedback.slice(1)], {
    caption: 'By segment', csv: `${base}?${query}&format=csv&part=feedbackBySegment`, id: 'loop-segment' })}
        ${table(loop.feedbackByCampaign, [{ ...feedback[0], label: 'campaign' }, ...feedback.slice(1)], {
    caption: 'By campaign', csv: `${base}?${query}&format=csv&part=feedbackByCampaign`, id: 'loop-campaign' })}</div>
      <div><h2>Sales → marketing: why leads were rejected</h2>
        ${table(loop.rejections, [{ key: 'campaign', label: 'campaign' }, { key: 'reason', label: 'reason' },
    { key: 'count', label: 'leads rejected', format: count }], {
    caption: 'By campaign and reason', csv: `${base}?${query}&format=csv&part=rejections`, id: 'loop-rejections' })}
      </div></div></section>`;
}
