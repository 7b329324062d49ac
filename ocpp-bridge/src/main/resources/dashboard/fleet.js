// The fleet view: summary tiles and the overall status, the expiry charts, campaigns in progress
// and recently finished, alerts, stations at risk, and the station table (filtered, sorted).

import { monthlyChart, weeklyChart } from './chart.js';
import { $, currentCertificates, daysLeft, emptyRow, h, level, relative, s, shortType, stateBadge,
  stationLink, sum, utc, when } from './dom.js';

// Campaign states left to right in the progress bar: finished, in flight, waiting.
const CAMPAIGN_STATES = ['accepted', 'rejected', 'failed', 'cancelled', 'delivered', 'issued', 'requested', 'pending'];
const FINISHED = ['accepted', 'rejected', 'failed', 'cancelled'];
const RENEWAL_STATES = ['triggered', 'renewed', 'revoked', 'failed'];
const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 };
// The state sort puts what needs looking at first.
const STATE_RANK = { disconnected: 0, 'never-connected': 1, connected: 2, disabled: 3 };
const MAX_STATION_ROWS = 500; // a wall screen cannot show more; the filter narrows the rest
const COLUMNS = 9;

let stationsSeen = [];
// The station table's order: by id, state or days left; set from the fragment (sort=days,
// sort=-days) and by the column buttons.
export const sorting = { key: 'state', descending: false };

export function setSort(param) {
  if (!param) return;
  const key = param.replace(/^-/, '');
  if (['id', 'state', 'days'].includes(key)) Object.assign(sorting, { key, descending: param.startsWith('-') });
}

export function renderFleet(health, stations) {
  // The bridge writes severities upper case (CRITICAL); the page's hooks use lower case.
  const alerts = (health.alerts || [])
    .map((a) => ({ ...a, severity: String(a.severity ?? '').toLowerCase() }))
    .sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9));
  const campaigns = health.campaigns || [];
  const st = health.stations || {};
  const certificates = health.currentCertificates || {};
  tile('known', st.known);
  tile('connected', st.connected);
  tile('disconnected', st.disconnected, st.disconnected > 0 ? 'warn' : 'ok');
  tile('never-connected', st.neverConnected, st.neverConnected > 0 ? 'info' : '');
  tile('disabled', st.disabled);
  tile('alerts', alerts.length, alerts.some((a) => a.severity === 'critical') ? 'critical' : alerts.length ? 'warn' : 'ok');
  tile('campaigns', campaigns.filter((c) => c.state === 'running').length);
  status(alerts, health.atRisk || [], certificates, st, campaigns);

  $('expiry-chart').replaceChildren(weeklyChart(health.expiringPerWeek || []));
  $('expiry-months').replaceChildren(monthlyChart(health.expiringPerMonth || [], health.latestNotAfter));
  const types = Object.entries(certificates);
  $('current-certificates').replaceChildren(...(types.length ? types.map(([type, c]) =>
    h('li', { 'data-certificate-type': type, 'data-level': c.expired > 0 ? 'critical' : c.expiringWithinWindow > 0 ? 'warn' : 'ok' },
      h('b', {}, shortType(type)), ` ${c.total} current · ${c.expired} expired · ${c.expiringWithinWindow} expiring in window`))
    : [h('li', { class: 'empty' }, 'No station certificates yet.')]));
  const renewals = health.renewals || {};
  const renewalStates = [...RENEWAL_STATES, ...Object.keys(renewals).filter((k) => !RENEWAL_STATES.includes(k))];
  $('renewals').replaceChildren(...renewalStates.map((state) =>
    h('li', { 'data-renewal-state': state, 'data-count': renewals[state] || 0 }, h('b', {}, renewals[state] || 0), ` ${state}`)));

  const finished = health.finishedCampaigns || [];
  $('campaign-list').replaceChildren(...(campaigns.length ? campaigns.map(campaignCard) : [h('p', { class: 'empty' }, 'No campaign in progress.')]));
  $('finished-campaigns').replaceChildren(...(finished.length ? finished.map(finishedItem) : [h('li', { class: 'empty' }, 'None yet.')]));
  $('alerts').replaceChildren(...(alerts.length ? alerts.map(alertItem) : [h('li', { class: 'empty' }, 'No active alerts.')]));
  const risk = health.atRisk || [];
  $('at-risk').tBodies[0].replaceChildren(...(risk.length ? risk.map(atRiskRow) : [emptyRow(6, 'No stations at risk.')]));
  stationsSeen = stations;
  renderStations();
}

function tile(name, value, lvl) {
  const el = document.querySelector(`[data-tile="${name}"]`);
  el.querySelector('.tile-value').textContent = value ?? '–';
  el.dataset.value = value ?? '';
  if (lvl) el.dataset.level = lvl;
  else delete el.dataset.level;
}

// One line that says whether anything needs the operators: all clear, attention or critical. A
// failed renewal counts through the stations at risk (renewals by state include old ones).
function status(alerts, risk, certificates, st, campaigns) {
  const critical = alerts.filter((a) => a.severity === 'critical').length;
  const expired = sum(Object.values(certificates).map((c) => c.expired));
  const reasons = [
    [critical, 'critical alert', 'critical alerts'],
    [expired, 'expired certificate', 'expired certificates'],
    [alerts.length - critical, 'other alert', 'other alerts'],
    [risk.length, 'station at risk', 'stations at risk'],
    [st.disconnected || 0, 'station disconnected', 'stations disconnected'],
    [campaigns.filter((c) => c.state === 'paused').length, 'campaign paused', 'campaigns paused'],
  ].filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  const state = critical || expired ? 'critical' : reasons.length ? 'attention' : 'all-clear';
  const el = $('fleet-status');
  el.dataset.status = state;
  el.replaceChildren(...(state === 'all-clear'
    ? [h('b', {}, 'All clear'), ': no alerts, no stations at risk, no expired certificates.',
      st.known ? '' : ' No stations registered yet.']
    : [h('b', {}, state === 'critical' ? 'Critical' : 'Attention'), ': ', reasons.join(' · '), '.']));
}

function progressBar(c, states, n, scale) {
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
  return bar;
}

function counted(c) {
  const counts = c.counts || {};
  const n = (state) => Number(counts[state]) || 0;
  const states = [...CAMPAIGN_STATES, ...Object.keys(counts).filter((k) => !CAMPAIGN_STATES.includes(k))];
  const total = Number(c.total) || sum(Object.values(counts));
  return { n, states, total, scale: Math.max(total, sum(Object.values(counts)), 1) };
}

function campaignCard(c) {
  const { n, states, total, scale } = counted(c);
  const pct = total ? Math.floor((100 * sum(FINISHED.map(n))) / total) : 0;
  const summary = [`${n('accepted')} of ${total} accepted`, `${n('rejected')} rejected`, `${n('failed')} failed`];
  if (n('cancelled')) summary.push(`${n('cancelled')} cancelled`);
  summary.push(`${pct}% done`);
  return h('article', { class: 'campaign', 'data-campaign-id': c.id, 'data-state': c.state },
    h('h3', {}, `#${c.id} ${c.kind} `, h('span', { class: `badge state-${c.state}` }, c.state),
      c.waves ? ` · wave ${c.currentWave} of ${c.waves}` : '',
      c.pausedReason ? h('span', { class: 'paused-reason' }, ` · paused: ${c.pausedReason}`) : ''),
    progressBar(c, states, n, scale),
    h('p', { class: 'campaign-summary' }, summary.join(' · ')),
    h('ul', { class: 'legend' }, states.filter(n).map((k) =>
      h('li', {}, h('span', { class: `swatch seg-${k}`, 'aria-hidden': 'true' }), `${k} ${n(k)}`))));
}

// A campaign that ended: its final counts and when it finished, on one line.
function finishedItem(c) {
  const { n, states, total, scale } = counted(c);
  const counts = ['accepted', 'rejected', 'failed', 'cancelled'].filter((k) => k === 'accepted' || n(k))
    .map((k) => h('span', { 'data-level': k === 'failed' ? 'critical' : k === 'rejected' ? 'warn' : '' }, `${n(k)} ${k}`));
  return h('li', { class: 'campaign finished', 'data-campaign-id': c.id, 'data-state': c.state, 'data-finished-at': c.finishedAt },
    h('div', { class: 'finished-head' }, h('b', {}, `#${c.id} ${c.kind}`), ' ',
      h('span', { class: `badge state-${c.state}` }, c.state),
      h('span', { class: 'finished-counts' }, ` ${total} station${total === 1 ? '' : 's'}: `,
        counts.flatMap((x, i) => (i ? [' · ', x] : [x]))),
      h('span', { class: 'since' }, 'finished ', when(c.finishedAt))),
    progressBar(c, states, n, scale));
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
    h('th', { scope: 'row' }, stationLink(r.stationId)),
    h('td', {}, shortType(r.certificateType)),
    h('td', { class: 'mono' }, r.serial),
    h('td', { 'data-level': level(days), class: 'nowrap' }, when(r.notAfter, utc(r.notAfter)), h('br'), relative(r.notAfter)),
    h('td', { 'data-level': r.renewal === 'failed' ? 'critical' : '' }, r.renewal || 'none'),
    h('td', { 'data-level': r.disconnected ? 'warn' : 'ok' }, r.disconnected ? 'disconnected' : 'connected'));
}

// The smallest days left among the station's current certificates; null without any.
const fewestDays = (st) => {
  const days = currentCertificates(st.certificates).map(daysLeft);
  return days.length ? Math.min(...days) : null;
};

function stationRow(st) {
  const certs = currentCertificates(st.certificates).map((c) => {
    const days = daysLeft(c);
    return h('span', { class: 'cert', 'data-certificate-type': c.certificateType, 'data-days-left': days,
      'data-level': level(days), title: `${c.certificateType} ${c.serial}, until ${utc(c.notAfter)}` },
      `${shortType(c.certificateType)} ${days} d`);
  });
  const renewal = st.lastRenewal;
  const lastContact = st.connected ? st.connectedAt : st.disconnectedAt || st.connectedAt;
  const who = [st.operator, st.model].filter(Boolean).join(' · ');
  return h('tr', { 'data-station-id': st.id, 'data-state': st.state, 'data-connected': String(Boolean(st.connected)),
    'data-fewest-days': fewestDays(st) ?? '' },
    h('th', { scope: 'row' }, stationLink(st.id)),
    h('td', {}, stateBadge(st.state)),
    h('td', {}, st.ocppVersion || '—'),
    h('td', {}, st.securityProfile ?? '—'),
    h('td', {}, who || '—'),
    h('td', {}, certs.length ? certs : '—'),
    h('td', { 'data-level': renewal?.state === 'failed' ? 'critical' : '', title: renewal?.lastError || null },
      renewal ? [renewal.state, ' ', when(renewal.updatedAt)] : '—'),
    h('td', {}, st.ocsp?.nextUpdate ? when(st.ocsp.nextUpdate) : '—'),
    h('td', {}, lastContact ? [st.connected ? 'since ' : 'left ', when(lastContact)] : 'never'));
}

const byId = (a, b) => String(a.id).localeCompare(String(b.id), undefined, { numeric: true });

function compare(a, b) {
  const sign = sorting.descending ? -1 : 1;
  if (sorting.key === 'days') {
    const x = fewestDays(a), y = fewestDays(b);
    if (x === null || y === null) return (x === null) - (y === null) || byId(a, b); // none last, both ways
    return sign * (x - y) || byId(a, b);
  }
  if (sorting.key === 'state') return sign * ((STATE_RANK[a.state] ?? 9) - (STATE_RANK[b.state] ?? 9)) || byId(a, b);
  return sign * byId(a, b);
}

const SORT_NOTE = { id: 'by station id', state: 'by state, disconnected first', days: 'by days left, stations without certificates last' };

// Redraws only the stations table, so typing in the filter or sorting needs no new fetch.
export function renderStations() {
  const q = $('station-filter').value.trim().toLowerCase();
  const matches = stationsSeen
    .filter((st) => !q || [st.id, st.ocppVersion, st.instance, st.state, st.operator, st.model]
      .some((v) => String(v ?? '').toLowerCase().includes(q)))
    .sort(compare);
  const rows = matches.slice(0, MAX_STATION_ROWS).map(stationRow);
  $('stations').tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(COLUMNS, q ? 'No station matches.' : 'No stations registered.')]));
  for (const th of $('stations').tHead.querySelectorAll('th[data-sort]')) {
    const active = th.dataset.sort === sorting.key;
    if (active) th.setAttribute('aria-sort', sorting.descending ? 'descending' : 'ascending');
    else th.removeAttribute('aria-sort');
  }
  $('stations-note').textContent = `${Math.min(matches.length, MAX_STATION_ROWS)} of ${stationsSeen.length} stations shown`
    + (matches.length > MAX_STATION_ROWS ? ' (filter to see the rest)' : '')
    + `; ${SORT_NOTE[sorting.key]}${sorting.descending ? ', reversed' : ''}.`;
}

// A column button: the same column again reverses the order.
export function sortBy(key) {
  Object.assign(sorting, { key, descending: sorting.key === key ? !sorting.descending : false });
  renderStations();
}
