// DOM building and formatting shared by the page's views. Everything that came from the API enters
// the DOM through h() and s() as text nodes or attribute values, never as markup: station ids,
// operators, models and event details are chosen by chargers and people outside the operations
// centre.

export const WARN_DAYS = 30; // colour threshold only; the renewal window itself is the bridge's
const SHORT_TYPE = { ChargingStationCertificate: 'CS', V2GCertificate: 'V2G' };

export const $ = (id) => document.getElementById(id);

function build(el, attrs, kids) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null && v !== false && v !== '') el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid !== undefined && kid !== null && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}
export const h = (tag, attrs, ...kids) => build(document.createElement(tag), attrs, kids);
export const s = (tag, attrs, ...kids) => build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, kids);

export const shortType = (type) => SHORT_TYPE[type] || type;
export const sum = (values) => values.reduce((a, b) => a + (Number(b) || 0), 0);
export const emptyRow = (cols, text) => h('tr', { class: 'empty' }, h('td', { colspan: cols }, text));

export function utc(iso) {
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function relative(iso) {
  const seconds = (new Date(iso) - Date.now()) / 1000;
  if (isNaN(seconds)) return '';
  const a = Math.abs(seconds);
  const [v, unit] = a < 90 ? [a, 's'] : a < 5400 ? [a / 60, 'min'] : a < 129600 ? [a / 3600, 'h'] : [a / 86400, 'd'];
  const text = `${Math.round(v)} ${unit}`;
  return seconds < 0 ? `${text} ago` : `in ${text}`;
}

// A <time> showing "in 3 d" (or the given text) with the exact UTC time as its tooltip.
export const when = (iso, text) => (iso ? h('time', { datetime: iso, title: utc(iso) }, text ?? relative(iso)) : '—');

export function level(daysLeft) {
  if (daysLeft === undefined || daysLeft === null) return '';
  return daysLeft < 0 ? 'critical' : daysLeft <= WARN_DAYS ? 'warn' : 'ok';
}

export const daysLeft = (c) => c.daysLeft ?? Math.floor((new Date(c.notAfter) - Date.now()) / 86400000);

// A station's current certificate of each type: the newest accepted one (as the bridge counts them).
export function currentCertificates(certificates) {
  const byType = new Map();
  for (const c of certificates || []) {
    if (c.status && c.status !== 'Accepted') continue;
    const seen = byType.get(c.certificateType);
    if (!seen || String(c.answeredAt) > String(seen.answeredAt)) byType.set(c.certificateType, c);
  }
  return [...byType.values()].sort((a, b) => a.certificateType.localeCompare(b.certificateType));
}

// The state words of GET /v1/stations, as people read them.
export const STATE_LABEL = {
  connected: 'connected',
  disconnected: 'disconnected',
  'never-connected': 'never connected',
  disabled: 'disabled',
};
export const stateBadge = (state) =>
  h('span', { class: `badge state-${state || 'unknown'}`, 'data-station-state': state }, STATE_LABEL[state] || state || 'unknown');

export const stationLink = (id) => h('a', { href: `#station=${encodeURIComponent(id)}`, class: 'station-link' }, id);
