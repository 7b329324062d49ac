// Fleet certificate health for the operations centre. Polls the bridge's admin API (same origin)
// every 5 s and redraws the view the fragment names: the fleet (#, with sort=id|state|days, a
// leading '-' reversing it) or one station (#station=ID). No libraries; charts are SVG built here.
// Until the first answer the page says it is loading (aria-busy); when the bridge cannot be reached
// it says so, and keeps what it showed last.

import { ApiError, TokenRefused, dropToken, getJson, hashParams, setToken, takeTokenFromUrl, token } from './api.js';
import { $, h } from './dom.js';
import { renderFleet, renderStations, setSort, sortBy } from './fleet.js';
import { renderMissing, renderStation } from './station.js';

const POLL_MS = 5000;
const WEEKS = 12;

let timer = null;
let polls = 0; // a newer poll (the view changed) makes an older answer stale

const route = () => {
  const station = hashParams().get('station');
  return station ? { view: 'station', id: station } : { view: 'fleet' };
};

async function poll() {
  clearTimeout(timer);
  if (!token()) return askForToken('Enter the admin token.');
  const mine = ++polls;
  const where = route();
  try {
    if (where.view === 'station') {
      let station = null;
      try {
        station = await getJson(`v1/stations/${encodeURIComponent(where.id)}`);
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404)) throw e;
      }
      if (mine !== polls) return;
      station ? renderStation(station) : renderMissing(where.id);
    } else {
      const [health, stations] = await Promise.all([getJson(`v1/fleet/health?weeks=${WEEKS}`), getJson('v1/stations')]);
      if (mine !== polls) return;
      renderFleet(health || {}, Array.isArray(stations) ? stations : []);
    }
    shown(where.view);
    showError(null);
  } catch (e) {
    if (mine !== polls) return;
    if (e instanceof TokenRefused) {
      dropToken();
      document.body.dataset.error = 'token refused';
      return askForToken('token refused');
    }
    showError(e instanceof SyntaxError ? 'the bridge sent malformed JSON' : e.message, e.problem);
  }
  timer = setTimeout(poll, POLL_MS); // after the answer, so slow answers never pile up
}

// An answer arrived for the view: it replaces the loading state.
function shown(view) {
  $('loading').hidden = true;
  $('token-form').hidden = true;
  $('content').hidden = view !== 'fleet';
  $('station-view').hidden = view !== 'station';
  document.body.removeAttribute('aria-busy');
  delete document.body.dataset.auth;
  document.body.dataset.loaded = 'true';
  document.body.dataset.view = view;
  const now = new Date();
  $('last-updated').replaceChildren(h('time', { datetime: now.toISOString() }, now.toISOString().slice(11, 19) + ' UTC'));
}

// Until the new view's first answer: what was shown stays hidden behind the loading state.
function loading() {
  $('content').hidden = true;
  $('station-view').hidden = true;
  $('loading').hidden = false;
  document.body.setAttribute('aria-busy', 'true');
}

function askForToken(message) {
  $('loading').hidden = true;
  $('content').hidden = true;
  $('station-view').hidden = true;
  document.body.removeAttribute('aria-busy');
  $('token-form').hidden = false;
  $('token-message').textContent = message;
  document.body.dataset.auth = message === 'token refused' ? 'refused' : 'required';
  $('token-input').focus();
}

function showError(message, problem) {
  const banner = $('error-banner');
  banner.hidden = !message;
  if (!message) {
    delete document.body.dataset.error;
    return;
  }
  // a problem+json answer says why in its detail (docs/ocpp-bridge.md, admin API)
  const why = problem?.detail ? ` (${problem.detail})` : '';
  const shownBefore = document.body.dataset.loaded
    ? ` Showing data from ${$('last-updated').textContent}.`
    : ' Nothing loaded yet.';
  banner.textContent = `Could not refresh: ${message}${why}.${shownBefore} Retrying every ${POLL_MS / 1000} s.`;
  if (!document.body.dataset.loaded) {
    $('loading').hidden = true; // the banner says what is going on; "Loading…" would not be true
    document.body.removeAttribute('aria-busy');
  }
  document.body.dataset.error = message;
}

document.addEventListener('DOMContentLoaded', () => {
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    setToken($('token-input').value.trim());
    $('token-input').value = '';
    loading();
    poll();
  });
  $('station-filter').addEventListener('input', renderStations);
  for (const button of document.querySelectorAll('#stations th[data-sort] button')) {
    button.addEventListener('click', () => sortBy(button.closest('th').dataset.sort));
  }
  window.addEventListener('hashchange', () => {
    takeTokenFromUrl();
    setSort(hashParams().get('sort'));
    const view = route().view;
    if (document.body.dataset.view !== view || view === 'station') loading();
    poll();
  });
  takeTokenFromUrl();
  setSort(hashParams().get('sort'));
  poll();
});
