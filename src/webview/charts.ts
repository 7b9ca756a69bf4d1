// Small SVG charts drawn with VS Code's chart colours (CSS classes map to --vscode-charts-*), so they
// follow the theme, including high contrast. Every chart has a text alternative.

const NS = 'http://www.w3.org/2000/svg';

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (SVGElement | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

function frame(width: number, height: number, label: string): SVGSVGElement {
  return s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart', preserveAspectRatio: 'xMinYMin meet' });
}

/** Vertical bars (answers per day), with the right answers as an inner bar. */
export function dailyBars(days: { day: string; answers: number; correct: number }[], label: string): SVGSVGElement {
  const w = 300, hgt = 90, pad = 14;
  const max = Math.max(1, ...days.map((d) => d.answers));
  const bw = (w - pad) / days.length;
  const svg = frame(w, hgt, label);
  svg.append(s('line', { x1: pad, y1: hgt - pad, x2: w, y2: hgt - pad, class: 'axis' }));
  svg.append(s('text', { x: 0, y: 10, class: 'tick' }, String(max)));
  days.forEach((d, i) => {
    const x = pad + i * bw + 1;
    const full = ((hgt - 2 * pad) * d.answers) / max;
    const right = ((hgt - 2 * pad) * d.correct) / max;
    if (d.answers) {
      svg.append(s('rect', { x, y: hgt - pad - full, width: Math.max(1, bw - 2), height: full, class: 'bar-all' }, s('title', {}, `${d.day}: ${d.answers} answers, ${d.correct} right`)));
      svg.append(s('rect', { x, y: hgt - pad - right, width: Math.max(1, bw - 2), height: right, class: 'bar-right' }));
    }
  });
  svg.append(s('text', { x: pad, y: hgt - 2, class: 'tick' }, days[0]?.day.slice(5) ?? ''));
  svg.append(s('text', { x: w, y: hgt - 2, class: 'tick', 'text-anchor': 'end' }, days[days.length - 1]?.day.slice(5) ?? ''));
  return svg;
}

const SERIES = ['c1', 'c2', 'c3', 'c4', 'c5'];

/** Lines over weeks (accuracy per domain, 0..1), gaps where a week had no answers. */
export function weeklyLines(series: { title: string; values: (number | null)[] }[], weeks: string[], label: string, threshold?: number): SVGSVGElement {
  const w = 300, hgt = 120, left = 28, bottom = 16, top = 6;
  const svg = frame(w, hgt, label);
  const x = (i: number) => left + (i * (w - left - 6)) / Math.max(1, weeks.length - 1);
  const y = (v: number) => top + (1 - v) * (hgt - top - bottom);
  for (const v of [0, 0.5, 1]) {
    svg.append(s('line', { x1: left, y1: y(v), x2: w, y2: y(v), class: 'grid' }));
    svg.append(s('text', { x: left - 4, y: y(v) + 3, class: 'tick', 'text-anchor': 'end' }, `${v * 100}%`));
  }
  if (threshold !== undefined) svg.append(s('line', { x1: left, y1: y(threshold), x2: w, y2: y(threshold), class: 'threshold' }));
  series.forEach((ser, si) => {
    let d = '';
    ser.values.forEach((v, i) => {
      if (v === null) return;
      d += `${d && ser.values[i - 1] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      svg.append(s('circle', { cx: x(i), cy: y(v), r: 2.5, class: `dot ${SERIES[si % SERIES.length]}` }, s('title', {}, `${ser.title}, week of ${weeks[i]}: ${Math.round(v * 100)} %`)));
    });
    if (d) svg.append(s('path', { d, class: `line ${SERIES[si % SERIES.length]}` }));
  });
  svg.append(s('text', { x: left, y: hgt - 3, class: 'tick' }, weeks[0]?.slice(5) ?? ''));
  svg.append(s('text', { x: w, y: hgt - 3, class: 'tick', 'text-anchor': 'end' }, weeks[weeks.length - 1]?.slice(5) ?? ''));
  return svg;
}

/** Horizontal bars with an interval (readiness per domain) and a pass mark. */
export function intervalBars(rows: { title: string; value: number; low: number; high: number; thin?: boolean }[], mark: number, label: string): SVGSVGElement {
  const w = 300, rowH = 22, left = 0, hgt = rows.length * rowH + 14;
  const svg = frame(w, hgt, label);
  const x = (v: number) => left + v * (w - left - 4);
  rows.forEach((r, i) => {
    const y0 = i * rowH + 4;
    svg.append(s('rect', { x: x(0), y: y0, width: x(1) - x(0), height: 12, class: 'track' }));
    svg.append(s('rect', { x: x(0), y: y0, width: x(r.value) - x(0), height: 12, class: `bar-value${r.thin ? ' thin' : ''}` }, s('title', {}, `${r.title}: ${Math.round(r.value * 100)} % (${Math.round(r.low * 100)}–${Math.round(r.high * 100)} %)`)));
    svg.append(s('line', { x1: x(r.low), y1: y0 + 6, x2: x(r.high), y2: y0 + 6, class: 'interval' }));
    svg.append(s('line', { x1: x(r.low), y1: y0 + 2, x2: x(r.low), y2: y0 + 10, class: 'interval' }));
    svg.append(s('line', { x1: x(r.high), y1: y0 + 2, x2: x(r.high), y2: y0 + 10, class: 'interval' }));
  });
  svg.append(s('line', { x1: x(mark), y1: 0, x2: x(mark), y2: hgt - 12, class: 'threshold' }));
  svg.append(s('text', { x: x(mark), y: hgt - 2, class: 'tick', 'text-anchor': 'middle' }, `${Math.round(mark * 100)} %`));
  return svg;
}

/** Time spent per question of a mock (seconds), right answers filled, others outlined. */
export function timeBars(items: { label: string; seconds: number; right: boolean }[], label: string): SVGSVGElement {
  const w = 300, hgt = 100, pad = 22;
  const max = Math.max(1, ...items.map((i) => i.seconds));
  const bw = (w - pad) / Math.max(1, items.length);
  const svg = frame(w, hgt, label);
  // Axis values: seconds at 0, half and the maximum; question numbers along the bottom.
  for (const f of [0, 0.5, 1]) {
    const y = hgt - pad - (hgt - 2 * pad) * f;
    svg.append(s('line', { x1: pad, y1: y, x2: w, y2: y, class: f ? 'grid' : 'axis' }));
    svg.append(s('text', { x: pad - 2, y: y + 2.5, class: 'tick', 'text-anchor': 'end' }, `${Math.round(max * f)} s`));
  }
  items.forEach((it, i) => {
    const height = ((hgt - 2 * pad) * it.seconds) / max;
    svg.append(s('rect', { x: pad + i * bw + 1, y: hgt - pad - height, width: Math.max(1, bw - 2), height, class: it.right ? 'bar-right' : 'bar-all' }, s('title', {}, `${it.label}: ${Math.round(it.seconds)} s, ${it.right ? 'right' : 'wrong or blank'}`)));
  });
  const step = Math.max(1, Math.ceil(items.length / 8));
  items.forEach((it, i) => {
    if (i % step === 0 || i === items.length - 1) svg.append(s('text', { x: pad + i * bw + bw / 2, y: hgt - pad + 9, class: 'tick', 'text-anchor': 'middle' }, it.label.replace(/^Q/, '')));
  });
  // Legend: filled bars were answered right, pale ones wrong or blank.
  svg.append(s('rect', { x: pad, y: hgt - 8, width: 6, height: 6, class: 'bar-right' }));
  svg.append(s('text', { x: pad + 9, y: hgt - 2.5, class: 'tick' }, 'right'));
  svg.append(s('rect', { x: pad + 40, y: hgt - 8, width: 6, height: 6, class: 'bar-all' }));
  svg.append(s('text', { x: pad + 49, y: hgt - 2.5, class: 'tick' }, 'wrong or blank · question number below the bars'));
  return svg;
}
