// Fleet certificate health for the operations centre. Polls the bridge's admin API (same origin)
// every 5 s and redraws every section from the two answers. No libraries; charts are SVG built here.
// Everything that came from the API enters the DOM as text nodes or attributes, never as markup:
// station ids are chosen by the chargers.
'use strict';

const POLL_MS = 5000;
const WEEKS = 12;
const TOKEN_KEY = 'pnc.adminToken';
const WARN_DAYS = 30; // colour threshold only; the renewal window itself is the bridge's setting
// Campaign states left to right in the progress bar: finished, in flight, waiting.
const CAMPAIGN_STATES = ['accepted', 'rejected', 'failed', 'cancelled', 'delivered', 'issued', 'requested', 'pending'];
const FINISHED = ['accepted', 'rejected', 'failed', 'cancelled'];
const RENEWAL_STATES = ['triggered', 'renewed', 'revoked', 'failed'];
const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 };
const SHORT_TYPE = { ChargingStationCertificate: 'CS', V2GCertificate: 'V2G' };
const MAX_STATION_ROWS = 500; // a wall screen cannot show more; the filter narrows the rest

const $ = (id) => document.getElementById(id);
let timer = null;
let stationsSeen = [];

// --- DOM building -------------------------------------------------------------------------------

function build(el, attrs, kids) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null && v !== false && v !== '') el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat()) {
    if (kid !== undefined && kid !== null && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}
const h = (tag, attrs, ...kids) => build(document.createElement(tag), attrs, kids);
const s = (tag, attrs, ...kids) => build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, kids);

const shortType = (type) => SHORT_TYPE[type] || type;
const sum = (values) => values.reduce((a, b) => a + (Number(b) || 0), 0);

function utc(iso) {
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function relative(iso) {
  const seconds = (new Date(iso) - Date.now()) / 1000;
  if (isNaN(seconds)) return '';
  const a = Math.abs(seconds);
  const [v, unit] = a < 90 ? [a, 's'] : a < 5400 ? [a / 60, 'min'] : a < 129600 ? [a / 3600, 'h'] : [a / 86400, 'd'];
  const text = `${Math.round(v)} ${unit}`;
  return seconds < 0 ? `${text} ago` : `in ${text}`;
}

// A <time> showing "in 3 d" (or the given text) with the exact UTC time as its tooltip.
const when = (iso, text) => (iso ? h('time', { datetime: iso, title: utc(iso) }, text ?? relative(iso)) : '—');

function level(daysLeft) {
  if (daysLeft === undefined || daysLeft === null) return '';
  return daysLeft < 0 ? 'critical' : daysLeft <= WARN_DAYS ? 'warn' : 'ok';
}

// --- Fetching and auth --------------------------------------------------------------------------

class TokenRefused extends Error {}

// The token travels in the fragment (never sent to a server, never logged); it moves to
// sessionStorage and leaves the address bar so it does not linger in history or screenshots.
function takeTokenFromUrl() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', location.pathname + location.search);
  }
}

async function getJson(path, token) {
  let res;
  try {
    // Relative to the page, so a bridge behind a path prefix still works.
    res = await fetch(new URL(`../${path}`, location.href), {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(10000),
    });
  } catch (e) {
    throw new Error(`${path}: ${e.name === 'TimeoutError' ? 'timed out' : 'bridge not reachable'}`);
  }
  if (res.status === 401) throw new TokenRefused();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

async function poll() {
  clearTimeout(timer);
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return askForToken('Enter the admin token.');
  try {
    const [health, stations] = await Promise.all([
      getJson(`v1/fleet/health?weeks=${WEEKS}`, token),
      getJson('v1/stations', token),
    ]);
    render(health || {}, Array.isArray(stations) ? stations : []);
    showError(null);
  } catch (e) {
    if (e instanceof TokenRefused) {
      sessionStorage.removeItem(TOKEN_KEY);
      document.body.dataset.error = 'token refused';
      return askForToken('token refused');
    }
    showError(e instanceof SyntaxError ? 'the bridge sent malformed JSON' : e.message);
  }
  timer = setTimeout(poll, POLL_MS); // after the answer, so slow answers never pile up
}

function askForToken(message) {
  $('content').hidden = true;
  $('token-form').hidden = false;
  $('token-message').textContent = message;
  document.body.dataset.auth = message === 'token refused' ? 'refused' : 'required';
  $('token-input').focus();
}

function showError(message) {
  const banner = $('error-banner');
  banner.hidden = !message;
  if (!message) {
    delete document.body.dataset.error;
    return;
  }
  const since = document.body.dataset.loaded ? ` Showing data from ${$('last-updated').textContent}.` : '';
  banner.textContent = `Could not refresh: ${message}.${since}`;
  document.body.dataset.error = message;
}

// --- Rendering ----------------------------------------------------------------------------------

function render(health, stations) {
  // The bridge writes severities upper case (CRITICAL); the page's hooks use lower case.
  const alerts = (health.alerts || [])
    .map((a) => ({ ...a, severity: String(a.severity ?? '').toLowerCase() }))
    .sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9));
  const campaigns = health.campaigns || [];
  const st = health.stations || {};
  tile('known', st.known);
  tile('connected', st.connected);
  tile('disconnected', st.disconnected, st.disconnected > 0 ? 'warn' : 'ok');
  tile('alerts', alerts.length, alerts.some((a) => a.severity === 'critical') ? 'critical' : alerts.length ? 'warn' : 'ok');
  tile('campaigns', campaigns.filter((c) => c.state === 'running').length);

  $('expiry-chart').replaceChildren(expiryChart(health.expiringPerWeek || []));
  $('current-certificates').replaceChildren(...Object.entries(health.currentCertificates || {}).map(([type, c]) =>
    h('li', { 'data-certificate-type': type, 'data-level': c.expired > 0 ? 'critical' : c.expiringWithinWindow > 0 ? 'warn' : 'ok' },
      h('b', {}, shortType(type)), ` ${c.total} current · ${c.expired} expired · ${c.expiringWithinWindow} expiring in window`)));
  const renewals = health.renewals || {};
  const renewalStates = [...RENEWAL_STATES, ...Object.keys(renewals).filter((k) => !RENEWAL_STATES.includes(k))];
  $('renewals').replaceChildren(...renewalStates.map((state) =>
    h('li', { 'data-renewal-state': state, 'data-count': renewals[state] || 0 }, h('b', {}, renewals[state] || 0), ` ${state}`)));

  $('campaign-list').replaceChildren(...(campaigns.length ? campaigns.map(campaignCard) : [h('p', { class: 'empty' }, 'No campaigns.')]));
  $('alerts').replaceChildren(...(alerts.length ? alerts.map(alertItem) : [h('li', { class: 'empty' }, 'No active alerts.')]));
  const risk = health.atRisk || [];
  $('at-risk').tBodies[0].replaceChildren(...(risk.length ? risk.map(atRiskRow) : [emptyRow(6, 'No stations at risk.')]));
  stationsSeen = stations;
  renderStations();

  const now = new Date();
  $('last-updated').replaceChildren(h('time', { datetime: now.toISOString() }, now.toISOString().slice(11, 19) + ' UTC'));
  $('token-form').hidden = true;
  $('content').hidden = false;
  delete document.body.dataset.auth;
  document.body.dataset.loaded = 'true';
}

function tile(name, value, lvl) {
  const el = document.querySelector(`[data-tile="${name}"]`);
  el.querySelector('.tile-value').textContent = value ?? '–';
  el.dataset.value = value ?? '';
  if (lvl) el.dataset.level = lvl;
}

const emptyRow = (cols, text) => h('tr', { class: 'empty' }, h('td', { colspan: cols }, text));

// A y-axis step of 1, 2 or 5 times a power of ten giving at most five gridlines.
function niceStep(max) {
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 5]) if (max / (m * p) <= 5) return m * p;
}

function expiryChart(perWeek) {
  const weeks = [...perWeek].sort((a, b) => a.week - b.week);
  const W = 560, H = 230, left = 44, right = 8, top = 14, bottom = 42;
  const plotW = W - left - right, plotH = H - top - bottom;
  const step = niceStep(Math.max(1, ...weeks.map((w) => w.expiring || 0)));
  const yMax = step * Math.ceil(Math.max(1, ...weeks.map((w) => w.expiring || 0)) / step);
  const y = (v) => top + plotH - (v / yMax) * plotH;
  const band = plotW / Math.max(1, weeks.length);
  const total = sum(weeks.map((w) => w.expiring));
  const chart = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'bars' },
    s('title', {}, `Certificates expiring per week over the next ${weeks.length} weeks: ${total} in total`));
  for (let v = 0; v <= yMax; v += step) {
    chart.append(s('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: v ? 'grid' : 'axis' }),
      s('text', { x: left - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, v));
  }
  weeks.forEach((w, i) => {
    const n = w.expiring || 0, x = left + i * band;
    chart.append(
      s('rect', { x: x + band * 0.15, y: y(n), width: band * 0.7, height: y(0) - y(n), class: n ? 'bar' : 'bar zero',
        'data-week': w.week, 'data-count': n }, s('title', {}, `Week ${w.week}: ${n} expiring`)),
      s('text', { x: x + band / 2, y: H - bottom + 16, class: 'tick', 'text-anchor': 'middle' }, w.week),
      n ? s('text', { x: x + band / 2, y: y(n) - 4, class: 'value', 'text-anchor': 'middle' }, n) : null);
  });
  chart.append(
    s('text', { x: left + plotW / 2, y: H - 4, class: 'axis-title', 'text-anchor': 'middle' }, 'weeks from now'),
    s('text', { x: 12, y: top + plotH / 2, class: 'axis-title', 'text-anchor': 'middle',
      transform: `rotate(-90 12 ${top + plotH / 2})` }, 'certificates'));
  return chart;
}

function campaignCard(c) {
  const counts = c.counts || {};
  const n = (state) => Number(counts[state]) || 0;
  const states = [...CAMPAIGN_STATES, ...Object.keys(counts).filter((k) => !CAMPAIGN_STATES.includes(k))];
  const total = Number(c.total) || sum(Object.values(counts));
  const scale = Math.max(total, sum(Object.values(counts)), 1);
  const done = sum(FINISHED.map(n));
  const pct = total ? Math.floor((100 * done) / total) : 0;
  const label = `Campaign ${c.id} progress: ` + states.filter(n).map((k) => `${n(k)} ${k}`).join(', ');
  const bar = s('svg', { viewBox: '0 0 1000 20', preserveAspectRatio: 'none', role: 'img', class: 'progress' },
    s('title', {}, label || `Campaign ${c.id}: no stations`));
  let x = 0;
  for (const state of states) {
    const w = (1000 * n(state)) / scale;
    bar.append(s('rect', { x, y: 0, width: w, height: 20, class: `seg seg-${state}`, 'data-state': state,
      'data-count': n(state) }, s('title', {}, `${n(state)} ${state}`)));
    x += w;
  }
  const summary = [`${n('accepted')} of ${total} accepted`, `${n('rejected')} rejected`, `${n('failed')} failed`];
  if (n('cancelled')) summary.push(`${n('cancelled')} cancelled`);
  summary.push(`${pct}% done`);
  return h('article', { class: 'campaign', 'data-campaign-id': c.id, 'data-state': c.state },
    h('h3', {}, `#${c.id} ${c.kind} `, h('span', { class: `badge state-${c.state}` }, c.state),
      c.waves ? ` · wave ${c.currentWave} of ${c.waves}` : '',
      c.pausedReason ? h('span', { class: 'paused-reason' }, ` · paused: ${c.pausedReason}`) : ''),
    bar,
    h('p', { class: 'campaign-summary' }, summary.join(' · ')),
    h('ul', { class: 'legend' }, states.filter(n).map((k) =>
      h('li', {}, h('span', { class: `swatch seg-${k}`, 'aria-hidden': 'true' }), `${k} ${n(k)}`))));
}

function alertItem(a) {
  return h('li', { 'data-kind': a.kind, 'data-severity': a.severity, 'data-key': a.key },
    h('span', { class: `badge severity-${a.severity}` }, a.severity),
    h('b', {}, a.subject), ` ${a.kind}`,
    a.detail ? h('span', { class: 'detail' }, a.detail) : '',
    a.since ? h('span', { class: 'since' }, 'since ', when(a.since)) : '');
}

function atRiskRow(r) {
  const days = Math.floor((new Date(r.notAfter) - Date.now()) / 86400000);
  return h('tr', { 'data-station-id': r.stationId, 'data-certificate-type': r.certificateType },
    h('th', { scope: 'row' }, r.stationId),
    h('td', {}, shortType(r.certificateType)),
    h('td', { class: 'mono' }, r.serial),
    h('td', { 'data-level': level(days), class: 'nowrap' }, when(r.notAfter, utc(r.notAfter)), h('br'), relative(r.notAfter)),
    h('td', { 'data-level': r.renewal === 'failed' ? 'critical' : '' }, r.renewal || 'none'),
    h('td', { 'data-level': r.disconnected ? 'warn' : 'ok' }, r.disconnected ? 'disconnected' : 'connected'));
}

// The station's current certificate of each type: the newest accepted one.
function currentCertificates(certificates) {
  const byType = new Map();
  for (const c of certificates || []) {
    if (c.status && c.status !== 'Accepted') continue;
    const seen = byType.get(c.certificateType);
    if (!seen || String(c.answeredAt) > String(seen.answeredAt)) byType.set(c.certificateType, c);
  }
  return [...byType.values()].sort((a, b) => a.certificateType.localeCompare(b.certificateType));
}

function stationRow(st) {
  const certs = currentCertificates(st.certificates).map((c) => {
    const days = c.daysLeft ?? Math.floor((new Date(c.notAfter) - Date.now()) / 86400000);
    return h('span', { class: 'cert', 'data-certificate-type': c.certificateType, 'data-days-left': days,
      'data-level': level(days), title: `${c.certificateType} ${c.serial}, until ${utc(c.notAfter)}` },
      `${shortType(c.certificateType)} ${days} d`);
  });
  const renewal = st.lastRenewal;
  const lastContact = st.connected ? st.connectedAt : st.disconnectedAt || st.connectedAt;
  return h('tr', { 'data-station-id': st.id, 'data-connected': String(Boolean(st.connected)) },
    h('th', { scope: 'row' }, st.id),
    h('td', { 'data-level': st.connected ? 'ok' : 'warn' }, st.connected ? 'yes' : 'no'),
    h('td', {}, st.ocppVersion || '—'),
    h('td', {}, certs.length ? certs : '—'),
    h('td', { 'data-level': renewal?.state === 'failed' ? 'critical' : '', title: renewal?.lastError || null },
      renewal ? [renewal.state, ' ', when(renewal.updatedAt)] : '—'),
    h('td', {}, st.ocsp?.nextUpdate ? when(st.ocsp.nextUpdate) : '—'),
    h('td', {}, lastContact ? [st.connected ? 'since ' : 'left ', when(lastContact)] : '—'));
}

// Redraws only the stations table, so typing in the filter needs no new fetch.
function renderStations() {
  const q = $('station-filter').value.trim().toLowerCase();
  const matches = stationsSeen
    .filter((st) => !q || [st.id, st.ocppVersion, st.instance].some((v) => String(v ?? '').toLowerCase().includes(q)))
    .sort((a, b) => Number(Boolean(a.connected)) - Number(Boolean(b.connected)) || String(a.id).localeCompare(String(b.id), undefined, { numeric: true }));
  const rows = matches.slice(0, MAX_STATION_ROWS).map(stationRow);
  $('stations').tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(7, q ? 'No station matches.' : 'No stations.')]));
  $('stations-note').textContent = `${Math.min(matches.length, MAX_STATION_ROWS)} of ${stationsSeen.length} stations shown`
    + (matches.length > MAX_STATION_ROWS ? ' (filter to see the rest)' : '') + '; disconnected first.';
}

// --- Start --------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
    $('token-input').value = '';
    poll();
  });
  $('station-filter').addEventListener('input', renderStations);
  takeTokenFromUrl();
  poll();
});
