// Who is acting. With login, GET /api/me names the person and their function, and writes are bound to them.
// Without it (a service without the security module), the person says who they are and for which function; that
// choice is kept in this browser and sent as `by` and `function` in the bodies that need them.

import { api, ApiError } from './api.js';
import { esc } from './format.js';

const FUNCTIONS = ['MARKETING', 'SALES', 'SERVICE', 'JOINT'];
const KEY = 'revchain.actingAs';
let me = null;

export async function identity() {
  try {
    me = await api('/api/me');
    me.kind = me.kind || 'user';
    me.signedIn = true;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    const saved = JSON.parse(localStorage.getItem(KEY) || 'null') || {};
    me = { displayName: saved.displayName || '', function: saved.function || '', signedIn: false, kind: 'local' };
  }
  return me;
}

function csrfToken() {
  const entry = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return entry ? decodeURIComponent(entry.slice('XSRF-TOKEN='.length)) : '';
}

/**
 * What a body says about who acts: signed in, the service binds the caller's own function and name and the body
 * leaves them out; without login, the person's choice on this page.
 */
export function actingAs() {
  return me?.signedIn ? {} : { function: me?.function || null, by: personName() || null };
}

export function currentUser() {
  return me;
}

/** The person's name for `by` fields. */
export function personName() {
  return me?.displayName || me?.username || '';
}

export function renderUser(element, user) {
  if (user.signedIn) {
    element.innerHTML = `<span class="who" id="who" data-function="${esc(user.function)}">${esc(user.displayName
        || user.username)} · ${esc(user.function || 'no function')}</span>
      <button type="button" class="logout" id="logout">Log out</button>`;
    // Sign-out is a write like any other: the CSRF token goes in the header, as for every fetch of the page.
    element.querySelector('#logout').addEventListener('click', async () => {
      await fetch('/logout', { method: 'POST', credentials: 'same-origin', redirect: 'manual',
        headers: { 'X-XSRF-TOKEN': csrfToken() } });
      location.assign('/login?logout');
    });
    return;
  }
  element.innerHTML = `<label>Acting as <input id="acting-name" size="12" placeholder="your name"
      value="${esc(user.displayName)}"></label>
    <label>for <select id="acting-function"><option value="">function…</option>${FUNCTIONS.map(f =>
      `<option${f === user.function ? ' selected' : ''}>${f}</option>`).join('')}</select></label>`;
  const save = () => {
    me.displayName = element.querySelector('#acting-name').value.trim();
    me.function = element.querySelector('#acting-function').value;
    localStorage.setItem(KEY, JSON.stringify({ displayName: me.displayName, function: me.function }));
    window.dispatchEvent(new Event('statechange'));
  };
  element.querySelector('#acting-name').addEventListener('change', save);
  element.querySelector('#acting-function').addEventListener('change', save);
}
