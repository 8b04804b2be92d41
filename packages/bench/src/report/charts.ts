// The charts of a result: bars per shape for each op, lines for each batch sweep, and error vs h.
import type { ApproxResult } from '../approx.js';
import type { BenchResult, Measurement, Op } from '../types.js';
import { caseLabel, contenderName } from './format.js';
import { scalingCharts } from './scaling.js';
import { barChart, lineChart, type BarPanel, type LinePanel, type Series } from './svg.js';

const OP_TITLES: Record<Op, string> = {
  forward: 'Forward',
  'forward-backward': 'Forward + backward',
  'train-step': 'Training step (AdamW, cross-entropy, loss read back)',
  'basis-linear-forward': 'Spline branch (basisLinear) forward',
  'basis-linear-forward-backward': 'Spline branch (basisLinear) forward + backward',
};

function seriesOf(measurements: readonly Measurement[]): { series: Series[]; index: Map<string, number> } {
  const names = [...new Set(measurements.map(contenderName))];
  return { series: names.map((name) => ({ name })), index: new Map(names.map((n, i) => [n, i])) };
}

/** Chart files of a result, by file name (`<name>-forward.svg`, …). */
export function renderCharts(result: BenchResult, name: string): Record<string, string> {
  const files: Record<string, string> = {};
  const casesById = new Map(result.cases.map((c) => [c.id, c]));
  const backends = [...new Set(result.measurements.map((m) => m.backend))];
  const subtitle = `${result.preset} preset · commit ${result.commit.slice(0, 10)} · median ms per call, whiskers p25–p75 · float32`;

  for (const op of result.ops) {
    const ms = result.measurements.filter((m) => m.op === op);
    if (ms.length === 0) continue;
    const { series, index } = seriesOf(ms);
    const shapeCases = result.cases.filter((c) => c.charts.includes('shapes'));
    const panels: BarPanel[] = [];
    for (const c of shapeCases) {
      const groups = backends
        .map((backend) => ({
          label: backend,
          bars: ms
            .filter((m) => m.caseId === c.id && m.backend === backend)
            .map((m) => ({ series: index.get(contenderName(m))!, value: m.timeMs.median, low: m.timeMs.p25, high: m.timeMs.p75 })),
        }))
        .filter((g) => g.bars.length > 0);
      // One panel per backend keeps each panel's scale readable (backends differ by orders of magnitude).
      for (const group of groups) panels.push({ title: `${caseLabel(c.widths, c.batch)} · ${group.label}`, groups: [{ label: '', bars: group.bars }] });
    }
    if (panels.length > 0) {
      files[`${name}-${op}.svg`] = barChart({ title: `${OP_TITLES[op]}: time per shape`, subtitle, yLabel: 'ms', series, panels, columns: Math.min(4, Math.max(1, backends.length)) });
    }

    const sweepCases = result.cases.filter((c) => c.charts.includes('sweep'));
    const sweeps = new Map<string, string[]>();
    for (const c of sweepCases) sweeps.set(c.widths.join('x'), [...(sweeps.get(c.widths.join('x')) ?? []), c.id]);
    const linePanels: LinePanel[] = [];
    for (const [widths, ids] of sweeps) {
      for (const backend of backends) {
        const inSweep = ms.filter((m) => m.backend === backend && ids.includes(m.caseId));
        if (inSweep.length === 0) continue;
        const byContender = new Map<number, Measurement[]>();
        for (const m of inSweep) byContender.set(index.get(contenderName(m))!, [...(byContender.get(index.get(contenderName(m))!) ?? []), m]);
        linePanels.push({
          title: `${widths.replace('x', '→')} · ${backend}`,
          lines: [...byContender].map(([s, list]) => ({
            series: s,
            points: list.map((m) => ({ x: casesById.get(m.caseId)!.batch, y: m.timeMs.median, low: m.timeMs.p25, high: m.timeMs.p75 })),
          })),
        });
      }
    }
    if (linePanels.some((p) => p.lines.some((l) => l.points.length > 1))) {
      files[`${name}-sweep-${op}.svg`] = lineChart({
        title: `${OP_TITLES[op]}: batch sweep`,
        subtitle,
        xLabel: 'batch',
        yLabel: 'ms (log)',
        xLog: true,
        yLog: true,
        series,
        panels: linePanels,
        columns: Math.min(4, linePanels.length),
      });
    }
  }
  Object.assign(files, scalingCharts(result, name, subtitle, OP_TITLES));
  if (result.approx !== null) files[`${name}-approx.svg`] = renderApproxChart(result.approx);
  return files;
}

/** Error vs h / spacing of the Gaussian fit of the cubic B-splines. */
export function renderApproxChart(approx: ApproxResult): string {
  const fit = approx.splineFit;
  return lineChart({
    title: `Cubic B-splines fitted by Gaussian RBFs: error vs h (G = ${fit.gridSize}, K = ${fit.size})`,
    subtitle: `least squares in float64 over ${fit.points} points in [${fit.gridRange.join(', ')}]; best h = ${fit.best.hRatio}·spacing (max error ${fit.best.maxError.toExponential(2)})`,
    xLabel: 'h / grid spacing',
    yLabel: 'absolute error (log)',
    yLog: true,
    series: [{ name: 'max error' }, { name: 'mean error' }],
    panels: [
      {
        title: 'fit error',
        lines: [
          { series: 0, points: fit.sweep.map((p) => ({ x: p.hRatio, y: p.maxError })) },
          { series: 1, points: fit.sweep.map((p) => ({ x: p.hRatio, y: p.meanError })) },
        ],
        markers: [{ x: fit.best.hRatio, label: `best ${fit.best.hRatio}` }],
      },
    ],
    columns: 1,
    panelWidth: 640,
  });
}
