// Tables of figures, each with the link to the same rows as CSV.

import { esc } from './format.js';

/** columns: [{key, label, format?, cls?}] */
export function table(rows, columns, { caption, csv, id, rowAttrs } = {}) {
  const head = columns.map(c => `<th scope="col">${esc(c.label)}</th>`).join('');
  const cell = (c, row) => (c.html ? c.html(row) : esc(c.format ? c.format(row[c.key], row) : row[c.key] ?? '–'));
  const body = rows.map(row => `<tr ${rowAttrs ? rowAttrs(row) : ''}>${columns.map(c =>
    `<td class="${c.cls || ''}">${cell(c, row)}</td>`).join('')}</tr>`).join('');
  const link = csv ? ` <a class="csv" href="${esc(csv)}" download>CSV</a>` : '';
  return `<table class="figures"${id ? ` id="${esc(id)}"` : ''}>${caption ? `<caption>${caption}${link}</caption>` : ''}
    <thead><tr>${head}</tr></thead>
    <tbody>${body || `<tr><td colspan="${columns.length}">none</td></tr>`}</tbody></table>`;
}
