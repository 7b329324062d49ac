// One station in full, from GET /v1/stations/{id}: its registration, state and connection, its
// certificates with days left, the trust anchors it reported in its last GetInstalledCertificateIds
// answer (OCPP 2.0.1 M03; 1.6 security whitepaper), its recent deliveries and security events.

import { $, currentCertificates, daysLeft, emptyRow, h, level, shortType, stateBadge, utc, when } from './dom.js';

const dl = (rows) => h('dl', { class: 'facts' }, rows.filter(([, v]) => v !== undefined)
  .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v === null || v === '' ? '—' : v)]));

const table = (id, heads, rows, empty) => h('table', { id },
  h('thead', {}, h('tr', {}, heads.map((x) => h('th', { scope: 'col' }, x)))),
  h('tbody', {}, rows.length ? rows : [emptyRow(heads.length, empty)]));

const panel = (id, title, ...body) => h('section', { class: 'panel', 'aria-labelledby': `h-${id}` },
  h('h2', { id: `h-${id}` }, title), ...body);

export function renderStation(st) {
  const view = $('station-view');
  view.dataset.stationId = st.id;
  $('station-title').replaceChildren('Station ', h('span', { class: 'mono-id' }, st.id), ' ', stateBadge(st.state));
  $('station-body').replaceChildren(
    panel('registration', 'Registration', registration(st)),
    panel('connection', 'State and connection', connection(st)),
    h('section', { class: 'panel wide', 'aria-labelledby': 'h-certificates' },
      h('h2', { id: 'h-certificates' }, 'Certificates'), certificates(st.certificates || [])),
    panel('anchors', 'Trust anchors', anchors(st.trustAnchors)),
    panel('events', 'Security events', table('station-events', ['At', 'Source', 'Type', 'Detail'],
      (st.securityEvents || []).map((e) => h('tr', { 'data-event-type': e.type },
        h('td', { class: 'nowrap' }, when(e.at)), h('td', {}, e.source), h('td', {}, e.type), h('td', {}, e.detail))),
      'No security events.')),
    h('section', { class: 'panel wide', 'aria-labelledby': 'h-deliveries' },
      h('h2', { id: 'h-deliveries' }, 'Recent deliveries'), deliveries(st.deliveries || [])));
}

export function renderMissing(id) {
  $('station-view').dataset.stationId = id;
  $('station-title').replaceChildren('Station ', h('span', { class: 'mono-id' }, id));
  $('station-body').replaceChildren(h('section', { class: 'panel wide', 'data-missing': 'true' },
    h('p', {}, 'No station with this id is registered. It may have been deleted.')));
}

function registration(st) {
  const binding = st.clientCertificate
    ? (st.clientCertificate.commonName ? `CN ${st.clientCertificate.commonName}` : `SHA-256 ${st.clientCertificate.sha256}`)
    : null;
  return dl([
    ['Security profile', [String(st.securityProfile ?? '—'),
      st.targetSecurityProfile ? ` (upgrade to ${st.targetSecurityProfile} under way)` : '']],
    ['Operator', st.operator],
    ['Model', st.model],
    ['Enabled', st.enabled === false ? h('span', { 'data-level': 'warn' }, 'no') : 'yes'],
    ['Client certificate', binding ?? undefined],
    ['SECC IDs', (st.seccIds || []).length ? st.seccIds.join(', ') : undefined],
    ['Password change', st.passwordChangePending ? 'pending: the station has not confirmed the new one' : undefined],
    ['Registered', st.registeredAt ? [when(st.registeredAt), st.registeredBy ? ` by ${st.registeredBy}` : ''] : null],
  ]);
}

function connection(st) {
  const r = st.reported;
  return dl([
    ['State', stateBadge(st.state)],
    ['OCPP', st.ocppVersion || null],
    ['Instance', st.instance || undefined],
    [st.connected ? 'Connected since' : 'Last connected', st.connectedAt ? when(st.connectedAt) : 'never'],
    ['Disconnected', st.disconnectedAt && !st.connected ? when(st.disconnectedAt) : undefined],
    ['Reported', r ? [r.vendor, ' ', r.model, r.firmwareVersion ? `, firmware ${r.firmwareVersion}` : ''] : undefined],
    ['Last renewal', st.lastRenewal
      ? h('span', { 'data-level': st.lastRenewal.state === 'failed' ? 'critical' : '', title: st.lastRenewal.lastError || null },
        st.lastRenewal.state, ' ', when(st.lastRenewal.updatedAt)) : null],
    ['OCSP answer', st.ocsp ? [`${st.ocsp.status} for serial ${st.ocsp.serial}, fetched `, when(st.ocsp.at),
      st.ocsp.nextUpdate ? ['; next update ', when(st.ocsp.nextUpdate)] : ''] : null],
  ]);
}

function certificates(list) {
  const current = new Set(currentCertificates(list));
  const rows = [...list].sort((a, b) => String(b.answeredAt).localeCompare(String(a.answeredAt))).map((c) => {
    const days = daysLeft(c);
    const isCurrent = current.has(c);
    return h('tr', { 'data-serial': c.serial, 'data-certificate-type': c.certificateType, 'data-current': String(isCurrent) },
      // an accepted certificate that is not current was replaced by a newer one of its type
      h('td', { class: 'nowrap' }, shortType(c.certificateType), ' ', isCurrent
        ? h('span', { class: 'badge state-current' }, 'current')
        : c.status === 'Accepted' ? h('span', { class: 'note' }, 'replaced') : ''),
      h('td', { class: 'mono' }, c.serial),
      h('td', {}, c.status || '—'),
      h('td', { class: 'nowrap' }, when(c.notAfter, utc(c.notAfter))),
      h('td', { 'data-level': isCurrent ? level(days) : '', 'data-days-left': days }, `${days} d`),
      h('td', {}, c.issuer || '—'),
      h('td', {}, c.organization || '—'));
  });
  return table('station-certificates', ['Type', 'Serial', 'Answer', 'Expires', 'Days left', 'Issuer', 'O'], rows,
    'No certificate delivered to this station yet.');
}

// 2.0.1 answers certificateHashDataChain (with the type of each); 1.6 answers certificateHashData.
function anchors(a) {
  if (!a) return h('p', { class: 'empty' }, 'Never asked: no GetInstalledCertificateIds answer yet.');
  const answer = a.answer || {};
  const chain = answer.certificateHashDataChain
    || (answer.certificateHashData || []).map((d) => ({ certificateType: null, certificateHashData: d }));
  const rows = chain.map((c) => {
    const d = c.certificateHashData || {};
    return h('tr', { 'data-serial': d.serialNumber },
      h('td', {}, c.certificateType || '—'), h('td', { class: 'mono' }, d.serialNumber),
      h('td', {}, d.hashAlgorithm), h('td', { class: 'mono', title: d.issuerNameHash }, String(d.issuerNameHash ?? '').slice(0, 16) + '…'));
  });
  return [
    h('p', { class: 'note' }, `Answer ${answer.status ?? '—'}, `, when(a.askedAt), ` (delivery ${a.deliveryId}).`),
    table('station-anchors', ['Type', 'Serial', 'Hash', 'Issuer name hash'], rows, 'No trust anchors reported.'),
  ];
}

function deliveries(list) {
  const rows = list.map((d) => h('tr', { 'data-delivery-id': d.id, 'data-state': d.state },
    h('td', {}, d.id), h('td', {}, d.action), h('td', {}, d.origin),
    h('td', { 'data-level': d.state === 'failed' ? 'critical' : '' }, d.state),
    h('td', {}, `${d.attempts}/${d.maxAttempts}`),
    h('td', { class: 'nowrap' }, when(d.createdAt)),
    h('td', {}, d.answer?.status ? `answered ${d.answer.status}` : d.lastError || '—')));
  return table('station-deliveries', ['#', 'Action', 'Origin', 'State', 'Attempts', 'Created', 'Outcome'], rows,
    'No deliveries to this station yet.');
}
