// Hand-written SVG charts: small multiples of bar charts (one panel per shape) and line charts (batch sweeps,
// error vs h). No dependencies; every chart is a string.

export interface Series {
  readonly name: string;
  readonly color?: string;
}

export interface Bar {
  /** Index into the chart's series. */
  readonly series: number;
  readonly value: number;
  /** A whisker from low to high (e.g. p25 to p75). */
  readonly low?: number;
  readonly high?: number;
}

export interface BarPanel {
  readonly title: string;
  readonly groups: readonly { readonly label: string; readonly bars: readonly Bar[] }[];
}

export interface LinePoint {
  readonly x: number;
  readonly y: number;
  readonly low?: number;
  readonly high?: number;
}

export interface LinePanel {
  readonly title: string;
  readonly lines: readonly { readonly series: number; readonly points: readonly LinePoint[] }[];
  /** Vertical markers, e.g. the best h. */
  readonly markers?: readonly { readonly x: number; readonly label: string }[];
}

interface Frame {
  readonly title: string;
  readonly subtitle?: string;
  readonly series: readonly Series[];
  readonly columns?: number;
  /** Width of one panel, px. Default 340. */
  readonly panelWidth?: number;
}

export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const PANEL_H = 230;
const PLOT = { left: 58, right: 12, top: 26, bottom: 44 };
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

/** Escapes text for SVG. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A short number for an axis label. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e4 || abs < 1e-3) return value.toExponential(0).replace('e+', 'e');
  return Number(value.toPrecision(3)).toString();
}

/** About `count` round ticks covering [0, max]. */
export function linearTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const n = raw / magnitude;
  const step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * magnitude;
  const ticks: number[] = [];
  for (let t = 0; t < max + step * 0.999; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Ticks of a log10 axis over [min, max]: decades, with 2 and 5 between when the range is short. */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++) {
    for (const m of hi - lo <= 2 ? [1, 2, 5] : [1]) {
      const t = m * 10 ** e;
      if (t >= min / 1.0001 && t <= max * 1.0001) ticks.push(Number(t.toPrecision(6)));
    }
  }
  return ticks.length >= 2 ? ticks : [min, max];
}

function legend(series: readonly Series[], width: number, y0: number): { svg: string; height: number } {
  let x = 16;
  let y = y0;
  const items: string[] = [];
  series.forEach((s, i) => {
    const w = 26 + s.name.length * 6.6;
    if (x + w > width - 8 && x > 16) {
      x = 16;
      y += 18;
    }
    items.push(
      `<rect x="${x}" y="${y - 9}" width="12" height="12" fill="${colorOf(s, i)}"/><text x="${x + 17}" y="${y + 1}" font-size="12">${escapeXml(s.name)}</text>`,
    );
    x += w;
  });
  return { svg: items.join(''), height: y - y0 + 20 };
}

const colorOf = (s: Series, i: number) => s.color ?? PALETTE[i % PALETTE.length]!;

function frame(
  options: Frame,
  panelCount: number,
  drawPanel: (index: number, x: number, y: number, panelWidth: number) => string,
): string {
  const panelWidth = options.panelWidth ?? 340;
  const columns = Math.max(1, Math.min(options.columns ?? 3, panelCount));
  const rows = Math.ceil(panelCount / columns);
  const width = Math.ceil(Math.max(columns * panelWidth + 16, 32 + options.title.length * 8.6, 32 + (options.subtitle?.length ?? 0) * 6.4));
  const header = 30 + (options.subtitle ? 18 : 0);
  const key = legend(options.series, width, header + 12);
  const top = header + key.height + 4;
  const height = top + rows * PANEL_H + 8;
  const panels: string[] = [];
  for (let i = 0; i < panelCount; i++) panels.push(drawPanel(i, 8 + (i % columns) * panelWidth, top + Math.floor(i / columns) * PANEL_H, panelWidth));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="16" y="22" font-size="15" font-weight="600">${escapeXml(options.title)}</text>`,
    options.subtitle ? `<text x="16" y="40" font-size="12" fill="#555">${escapeXml(options.subtitle)}</text>` : '',
    key.svg,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}

/** The plot area of the panel at (px, py): x from x0 to x1, y from y0 (bottom) up to y1. */
function plotArea(px: number, py: number, panelWidth: number): { x0: number; x1: number; y0: number; y1: number } {
  return { x0: px + PLOT.left, x1: px + panelWidth - PLOT.right, y0: py + PANEL_H - PLOT.bottom, y1: py + PLOT.top };
}

/** A panel's title, centred above its plot. */
function panelTitle(title: string, px: number, py: number, panelWidth: number): string {
  return `<text x="${px + panelWidth / 2}" y="${py + 14}" font-size="12" font-weight="600" text-anchor="middle">${escapeXml(title)}</text>`;
}

function axisY(ticks: readonly number[], scale: (v: number) => number, x0: number, x1: number, label: string, top: number, bottom: number): string {
  const parts = ticks.map((t) => {
    const y = scale(t).toFixed(1);
    return `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="#e4e4e4"/><text x="${x0 - 5}" y="${Number(y) + 4}" font-size="10" text-anchor="end" fill="#444">${formatTick(t)}</text>`;
  });
  const mid = (top + bottom) / 2;
  parts.push(`<text transform="translate(${x0 - 44} ${mid}) rotate(-90)" font-size="10" text-anchor="middle" fill="#444">${escapeXml(label)}</text>`);
  return parts.join('');
}

/** Small multiples of grouped bar charts with whiskers. */
export function barChart(options: Frame & { readonly yLabel: string; readonly panels: readonly BarPanel[] }): string {
  return frame(options, options.panels.length, (index, px, py, panelWidth) => {
    const panel = options.panels[index]!;
    const { x0, x1, y0, y1 } = plotArea(px, py, panelWidth);
    const max = Math.max(1e-12, ...panel.groups.flatMap((g) => g.bars.map((b) => Math.max(b.value, b.high ?? b.value))));
    const ticks = linearTicks(max);
    const top = ticks[ticks.length - 1]!;
    const scale = (v: number) => y0 - (v / top) * (y0 - y1);
    const parts = [panelTitle(panel.title, px, py, panelWidth), axisY(ticks, scale, x0, x1, options.yLabel, y1, y0)];
    const groupWidth = (x1 - x0) / Math.max(1, panel.groups.length);
    panel.groups.forEach((group, g) => {
      const gx = x0 + g * groupWidth;
      const barWidth = Math.min(28, (groupWidth * 0.8) / Math.max(1, group.bars.length));
      const start = gx + (groupWidth - barWidth * group.bars.length) / 2;
      group.bars.forEach((bar, b) => {
        const bx = start + b * barWidth;
        const color = colorOf(options.series[bar.series] ?? { name: '' }, bar.series);
        const y = scale(bar.value);
        parts.push(
          `<rect x="${bx.toFixed(1)}" y="${y.toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${Math.max(0, y0 - y).toFixed(1)}" fill="${color}"><title>${escapeXml(`${options.series[bar.series]?.name ?? ''}: ${formatTick(bar.value)}`)}</title></rect>`,
        );
        if (bar.low !== undefined && bar.high !== undefined) {
          const cx = (bx + (barWidth - 2) / 2).toFixed(1);
          parts.push(`<line x1="${cx}" x2="${cx}" y1="${scale(bar.low).toFixed(1)}" y2="${scale(bar.high).toFixed(1)}" stroke="#222" stroke-width="1.2"/>`);
        }
      });
      parts.push(`<text x="${(gx + groupWidth / 2).toFixed(1)}" y="${y0 + 14}" font-size="10.5" text-anchor="middle" fill="#222">${escapeXml(group.label)}</text>`);
    });
    parts.push(`<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" stroke="#888"/>`);
    return parts.join('');
  });
}

/** Small multiples of line charts, each axis linear or log. */
export function lineChart(
  options: Frame & { readonly xLabel: string; readonly yLabel: string; readonly xLog?: boolean; readonly yLog?: boolean; readonly panels: readonly LinePanel[] },
): string {
  return frame(options, options.panels.length, (index, px, py, panelWidth) => {
    const panel = options.panels[index]!;
    const { x0, x1, y0, y1 } = plotArea(px, py, panelWidth);
    const points = panel.lines.flatMap((l) => l.points);
    const xs = points.map((p) => p.x);
    const ys = points.flatMap((p) => [p.y, p.low ?? p.y, p.high ?? p.y]).filter((v) => !options.yLog || v > 0);
    const parts = [panelTitle(panel.title, px, py, panelWidth)];
    if (points.length === 0 || ys.length === 0) return parts.join('');
    const tx = (v: number) => (options.xLog ? Math.log10(v) : v);
    const ty = (v: number) => (options.yLog ? Math.log10(Math.max(v, 1e-300)) : v);
    let xMin = Math.min(...xs);
    let xMax = Math.max(...xs);
    if (xMin === xMax) [xMin, xMax] = options.xLog ? [xMin / 2, xMax * 2] : [xMin - 1, xMax + 1];
    const yTicks = options.yLog ? logTicks(Math.min(...ys), Math.max(...ys)) : linearTicks(Math.max(...ys));
    const yLo = options.yLog ? Math.min(Math.min(...ys), yTicks[0]!) : 0;
    const yHi = Math.max(Math.max(...ys), yTicks[yTicks.length - 1]!);
    const sx = (v: number) => x0 + ((tx(v) - tx(xMin)) / (tx(xMax) - tx(xMin) || 1)) * (x1 - x0);
    const sy = (v: number) => y0 - ((ty(v) - ty(yLo)) / (ty(yHi) - ty(yLo) || 1)) * (y0 - y1);
    parts.push(axisY(yTicks, sy, x0, x1, options.yLabel, y1, y0));
    const xTicks = options.xLog ? [...new Set(xs)].sort((a, b) => a - b) : linearTicks(xMax).filter((t) => t >= xMin);
    for (const t of xTicks) {
      parts.push(`<line x1="${sx(t).toFixed(1)}" x2="${sx(t).toFixed(1)}" y1="${y0}" y2="${y0 + 4}" stroke="#888"/><text x="${sx(t).toFixed(1)}" y="${y0 + 15}" font-size="10" text-anchor="middle" fill="#444">${formatTick(t)}</text>`);
    }
    parts.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 32}" font-size="10" text-anchor="middle" fill="#444">${escapeXml(options.xLabel)}</text>`);
    parts.push(`<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" stroke="#888"/>`);
    for (const marker of panel.markers ?? []) {
      const mx = sx(marker.x).toFixed(1);
      parts.push(`<line x1="${mx}" x2="${mx}" y1="${y1}" y2="${y0}" stroke="#999" stroke-dasharray="4 3"/><text x="${Number(mx) + 4}" y="${y1 + 10}" font-size="10" fill="#444">${escapeXml(marker.label)}</text>`);
    }
    for (const line of panel.lines) {
      const color = colorOf(options.series[line.series] ?? { name: '' }, line.series);
      const sorted = [...line.points].filter((p) => !options.yLog || p.y > 0).sort((a, b) => a.x - b.x);
      if (sorted.length === 0) continue;
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.8" points="${sorted.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}"/>`);
      for (const p of sorted) {
        if (p.low !== undefined && p.high !== undefined) {
          parts.push(`<line x1="${sx(p.x).toFixed(1)}" x2="${sx(p.x).toFixed(1)}" y1="${sy(p.low).toFixed(1)}" y2="${sy(p.high).toFixed(1)}" stroke="${color}"/>`);
        }
        if (sorted.length <= 40) parts.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="2.6" fill="${color}"><title>${formatTick(p.x)}: ${formatTick(p.y)}</title></circle>`);
      }
    }
    return parts.join('');
  });
}
