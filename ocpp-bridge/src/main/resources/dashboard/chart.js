// The expiry charts, SVG drawn here: current certificates ending in each of the next weeks (the
// near term, where renewals must have happened), and in each calendar month up to the fleet's
// latest end (the bridge fits that horizon to the certificates, one to five years), so that a fleet
// of one- or two-year certificates is seen whole.

import { h, s, sum } from './dom.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_LABELS = 13; // x labels that fit under the plot without overlapping

// A y-axis step of 1, 2 or 5 times a power of ten giving at most five gridlines.
function niceStep(max) {
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 5]) if (max / (m * p) <= 5) return m * p;
}

// bars: [{ key, label: [line, line?], count, title, attrs }]
function barChart(bars, { title, xTitle, yTitle = 'certificates' }) {
  const W = 560, H = 230, left = 44, right = 8, top = 14, bottom = 50;
  const plotW = W - left - right, plotH = H - top - bottom;
  const most = Math.max(1, ...bars.map((b) => b.count));
  const step = niceStep(most);
  const yMax = step * Math.ceil(most / step);
  const y = (v) => top + plotH - (v / yMax) * plotH;
  const band = plotW / Math.max(1, bars.length);
  const every = Math.ceil(bars.length / MAX_LABELS);
  const chart = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'bars' }, s('title', {}, title));
  for (let v = 0; v <= yMax; v += step) {
    chart.append(s('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: v ? 'grid' : 'axis' }),
      s('text', { x: left - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, v));
  }
  bars.forEach((b, i) => {
    const x = left + i * band, mid = x + band / 2;
    chart.append(s('rect', { x: x + band * 0.15, y: y(b.count), width: band * 0.7, height: y(0) - y(b.count),
      class: b.count ? 'bar' : 'bar zero', 'data-count': b.count, ...b.attrs }, s('title', {}, b.title)));
    if (i % every === 0) {
      chart.append(s('text', { x: mid, y: H - bottom + 16, class: 'tick', 'text-anchor': 'middle' }, b.label[0]));
      if (b.label[1]) chart.append(s('text', { x: mid, y: H - bottom + 30, class: 'tick year', 'text-anchor': 'middle' }, b.label[1]));
    }
    if (b.count && band >= 14) chart.append(s('text', { x: mid, y: y(b.count) - 4, class: 'value', 'text-anchor': 'middle' }, b.count));
  });
  chart.append(
    s('text', { x: left + plotW / 2, y: H - 4, class: 'axis-title', 'text-anchor': 'middle' }, xTitle),
    s('text', { x: 12, y: top + plotH / 2, class: 'axis-title', 'text-anchor': 'middle',
      transform: `rotate(-90 12 ${top + plotH / 2})` }, yTitle));
  return chart;
}

export function weeklyChart(perWeek) {
  const weeks = [...perWeek].sort((a, b) => a.week - b.week);
  const total = sum(weeks.map((w) => w.expiring));
  const bars = weeks.map((w) => ({
    count: Number(w.expiring) || 0,
    label: [w.week],
    title: `Week ${w.week} (days ${7 * w.week} to ${7 * w.week + 6} from now): ${w.expiring || 0} expiring`,
    attrs: { 'data-week': w.week },
  }));
  return figure(barChart(bars, {
    title: `Certificates expiring per week over the next ${weeks.length} weeks: ${total} in total`,
    xTitle: 'weeks from now (week 0: the next 7 days)',
  }), total ? `${total} in the next ${weeks.length} weeks` : `None in the next ${weeks.length} weeks`, 'weekly');
}

export function monthlyChart(perMonth, latestNotAfter) {
  const months = perMonth.filter((m) => /^\d{4}-\d{2}$/.test(m.month));
  const total = sum(months.map((m) => m.expiring));
  let lastYear = null;
  const every = Math.ceil(months.length / MAX_LABELS);
  const bars = months.map((m, i) => {
    const [year, month] = m.month.split('-').map(Number);
    const name = `${MONTHS[month - 1]} ${year}`;
    // the year under the first labelled month and under each labelled month of a new year
    const showYear = i % every === 0 && year !== lastYear;
    if (i % every === 0) lastYear = year;
    return { count: Number(m.expiring) || 0, label: [MONTHS[month - 1], showYear ? year : null],
      title: `${name}${i === 0 ? ' (from now)' : ''}: ${m.expiring || 0} expiring`, attrs: { 'data-month': m.month } };
  });
  const first = months[0]?.month, last = months.at(-1)?.month;
  const caption = !latestNotAfter ? 'No current certificates'
    : `${total} from now to the end of ${last ? monthName(last) : '—'}; the latest ends ${latestNotAfter.slice(0, 10)}`;
  return figure(barChart(bars, {
    title: `Certificates expiring per calendar month from ${first} to ${last}: ${total} in total`,
    xTitle: 'calendar month (UTC)',
  }), caption, 'monthly');
}

const monthName = (ym) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

const figure = (svg, caption, kind) =>
  h('figure', { class: 'chart', 'data-chart': kind }, svg, h('figcaption', { class: 'note' }, caption));
