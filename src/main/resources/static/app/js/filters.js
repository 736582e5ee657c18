// The filter lists offer the values present in the period: the groups of a grouped read.

import { api } from './api.js';
import * as state from './state.js';
import { esc } from './format.js';

/** Fills the filter lists with the values present in the period (the groups of a grouped read). */
export async function loadFilterValues(s) {
  if (!s.map) return;
  for (const dimension of ['channel', 'segment', 'campaign']) {
    const rows = await api(`/api/maps/${encodeURIComponent(s.map)}/stages?`
        + state.readQuery(s, { [dimension]: null, groupBy: dimension }));
    const values = [...new Set(rows.map(r => r.group))];
    const input = document.getElementById(dimension);
    input.innerHTML = '<option value="">all</option>'
        + values.map(v => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
    if (s[dimension] && !values.includes(s[dimension])) {
      input.insertAdjacentHTML('beforeend', `<option value="${esc(s[dimension])}">${esc(s[dimension])}</option>`);
    }
    input.value = s[dimension] || '';
  }
}

