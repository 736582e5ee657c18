// The one way the page talks to revchain: JSON in and out, the CSRF token echoed on writes, a lost session
// sending the browser to the login form, and a refused write shown with the fields it names.

import { esc } from './format.js';

export class ApiError extends Error {
  constructor(status, detail, errors = []) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.errors = errors;
  }
}

function cookie(name) {
  const entry = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return entry ? decodeURIComponent(entry.slice(name.length + 1)) : null;
}

export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = cookie('XSRF-TOKEN');
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  const response = await fetch(path, {
    method, headers, signal, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return read(response);
}

/** A response that is not a success becomes an ApiError carrying the problem's detail and field errors. */
export async function read(response) {
  if (response.status === 401) {
    location.assign('/login');
    throw new ApiError(401, 'Your session has ended; log in again.');
  }
  if (!response.ok) {
    let problem = {};
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem.detail || response.statusText, problem.errors || []);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * Reads a text/event-stream to its end and returns the events' JSON data. Used instead of EventSource, which
 * reconnects when the server ends a finite stream and cannot report a 401.
 */
export async function events(path, onEvent, signal) {
  const response = await fetch(path, { headers: { Accept: 'text/event-stream' }, credentials: 'same-origin', signal });
  if (!response.ok) return read(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const data = block.split(/\r?\n/).filter(l => l.startsWith('data:')).map(l => l.slice(5).trimStart()).join('\n');
      if (data) onEvent(JSON.parse(data));
    }
    if (done) return;
  }
}

/**
 * A refused request as the page shows it: each field it names and why, or its detail when it names none (a detail
 * with field errors only summarises them).
 */
export function problemHtml(e) {
  if (!e.errors.length) return `<p>${esc(e.message)}</p>`;
  return `<p>Not saved:</p><ul>${e.errors.map(x =>
    `<li><code>${esc(x.field)}</code>: ${esc(x.reason)}</li>`).join('')}</ul>`;
}

/**
 * Runs a write: a refusal (a problem answer) is shown in the box, any other failure is thrown; after a write that
 * went through the page reads its state again, unless refresh is false.
 */
export async function submit(box, work, { refresh = true } = {}) {
  box.textContent = '';
  try {
    await work();
    if (refresh) window.dispatchEvent(new Event('statechange'));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    box.innerHTML = problemHtml(e);
  }
}
