// How every figure is defined: docs/metrics.md itself, shipped in the jar and rendered here, so the page and the
// API can never disagree about a definition. Headings get GitHub-style anchors that the figures link to.

import { marked } from '/webjars/marked/15.0.12/lib/marked.esm.js';
import { slug } from './drill.js';

let source = null;

export async function render(main, ctx) {
  if (source === null) {
    const response = await fetch('/app/docs/metrics.md', { credentials: 'same-origin' });
    source = await response.text();
  }
  if (!ctx.isCurrent()) return;
  // docs/metrics.md is the project's own document, not user input.
  main.innerHTML = `<article class="docs" id="metrics-doc">${marked.parse(source)}</article>`;
  main.querySelectorAll('h1, h2, h3').forEach(h => { h.id = slug(h.textContent); });
  document.getElementById('drill').hidden = true;
  if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
}
