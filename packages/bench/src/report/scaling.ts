// The scaling view of a result whose batch sweeps span several widths (the scaling preset): per contender, a
// table of time against batch and width with the work of each case, and a chart of time against that work.
import { caseWork } from '../presets.js';
import type { BenchCase, BenchResult, Measurement, Op } from '../types.js';
import { contenderName, formatMs, formatRatio, table } from './format.js';
import { lineChart, type LinePanel } from './svg.js';

/** The sweep cases, when they cover at least two widths; otherwise there is no scaling view. */
function scalingCases(result: BenchResult): BenchCase[] {
  const sweep = result.cases.filter((c) => c.charts.includes('sweep'));
  return new Set(sweep.map((c) => c.widths.join('x'))).size >= 2 ? sweep : [];
}

const widthsOf = (c: BenchCase) => c.widths.join('→');
const byWork = (a: BenchCase, b: BenchCase) => caseWork(a) - caseWork(b) || a.batch - b.batch;

/** Work as multiply-adds of the spline branch (batch · Σ in·out · 8), with an SI prefix. */
export function formatWork(macs: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [scale, unit] of units) if (macs >= scale) return `${Number((macs / scale).toPrecision(3))} ${unit}`;
  return String(macs);
}

/** Markdown: one table per op and contender, rows by width then batch, backends as columns. Null: no scaling view. */
export function scalingMarkdown(result: BenchResult): string | null {
  const cases = scalingCases(result);
  if (cases.length === 0) return null;
  const ids = new Set(cases.map((c) => c.id));
  const sorted = [...cases].sort((a, b) => a.widths[0]! - b.widths[0]! || a.batch - b.batch);
  const parts: string[] = [];
  for (const op of result.ops) {
    const ms = result.measurements.filter((m) => m.op === op && ids.has(m.caseId));
    for (const contender of [...new Set(ms.map(contenderName))]) {
      const mine = ms.filter((m) => contenderName(m) === contender);
      const backends = [...new Set(mine.map((m) => m.backend))];
      const base = result.baselineBackend !== null && backends.includes(result.baselineBackend) ? result.baselineBackend : null;
      const rows = sorted
        .map((c) => {
          const at = (backend: string) => mine.find((m) => m.caseId === c.id && m.backend === backend);
          if (backends.every((b) => at(b) === undefined)) return null;
          const cells = backends.map((b) => {
            const m = at(b);
            return m === undefined ? '—' : formatMs(m.timeMs.median);
          });
          const speed = backends
            .filter((b) => b !== base)
            .map((b) => {
              const m = at(b);
              const baseline = base === null ? undefined : at(base);
              return m === undefined || baseline === undefined ? '—' : formatRatio(baseline.timeMs.median / m.timeMs.median);
            });
          const first = backends.map(at).find((m): m is Measurement => m !== undefined)!;
          // The throughput of the first backend: the case's spline-branch multiply-adds (counted once, whatever the op) per second.
          return [widthsOf(c), String(c.batch), formatWork(caseWork(c)), ...cells, ...(base === null ? [] : speed), `${formatWork(caseWork(c) / (first.timeMs.median / 1000))}/s`];
        })
        .filter((r): r is string[] => r !== null);
      if (rows.length === 0) continue;
      const others = backends.filter((b) => b !== base);
      parts.push(
        `### ${contender}, ${op}`,
        '',
        table(
          ['width', 'batch', 'work (MACs)', ...backends.map((b) => `${b} ms`), ...(base === null ? [] : others.map((b) => `${b} speed vs ${base}`)), `${backends[0]} MACs/s`],
          rows,
          ['l', 'r', 'r', ...backends.map(() => 'r' as const), ...(base === null ? [] : others.map(() => 'r' as const)), 'r'],
        ),
        '',
      );
    }
  }
  if (parts.length === 0) return null;
  return [
    '## Scaling: time against batch and width',
    '',
    'Work: the multiply-adds of the spline branch, batch · in · out · 8 (K = 8). Time grows with the work once the ' +
      'GPU is full; below that, time is the fixed cost per call. Speed: the baseline\'s ms / the backend\'s ms (above 1: faster).',
    '',
    ...parts,
  ].join('\n');
}

/** Chart files: per op, one panel per backend and contender, one line per width, time against work. */
export function scalingCharts(result: BenchResult, name: string, subtitle: string, titles: Record<Op, string>): Record<string, string> {
  const cases = scalingCases(result);
  if (cases.length === 0) return {};
  const byId = new Map(cases.map((c) => [c.id, c]));
  const widths = [...new Set([...cases].sort((a, b) => a.widths[0]! - b.widths[0]!).map(widthsOf))];
  const files: Record<string, string> = {};
  for (const op of result.ops) {
    const ms = result.measurements.filter((m) => m.op === op && byId.has(m.caseId));
    const panels: LinePanel[] = [];
    for (const backend of [...new Set(ms.map((m) => m.backend))]) {
      for (const contender of [...new Set(ms.filter((m) => m.backend === backend).map(contenderName))]) {
        const mine = ms.filter((m) => m.backend === backend && contenderName(m) === contender);
        const lines = widths
          .map((w, series) => ({
            series,
            points: mine
              .map((m) => ({ m, c: byId.get(m.caseId)! }))
              .filter(({ c }) => widthsOf(c) === w)
              .sort((a, b) => byWork(a.c, b.c))
              .map(({ m, c }) => ({ x: caseWork(c), y: m.timeMs.median, low: m.timeMs.p25, high: m.timeMs.p75 })),
          }))
          .filter((l) => l.points.length > 0);
        if (lines.length > 0) panels.push({ title: `${contender} · ${backend}`, lines });
      }
    }
    if (panels.length === 0) continue;
    const title = titles[op];
    files[`${name}-scaling-${op}.svg`] = lineChart({
      title: `${title}: time against work, one line per width (batch ${[...new Set(cases.map((c) => c.batch))].sort((a, b) => a - b).join(', ')})`,
      subtitle,
      xLabel: 'work: batch · in · out · 8 multiply-adds (log)',
      yLabel: 'ms (log)',
      xLog: true,
      yLog: true,
      series: widths.map((w) => ({ name: w })),
      panels,
      columns: Math.min(4, panels.length),
    });
  }
  return files;
}
