// The markdown report of a result: the paper's claim first, then the other ratios, every measurement, what was
// skipped, and the approximation experiment.
import type { ApproxResult } from '../approx.js';
import type { BenchResult, Measurement, Op, Ratio } from '../types.js';
import { caseLabel, formatBytes, formatMs, formatRatio, table } from './format.js';
import { scalingMarkdown } from './scaling.js';

const spread = (r: Ratio) => `${r.spread.p25.toFixed(2)}–${r.spread.p75.toFixed(2)}`;

function caseOf(result: BenchResult, id: string): string {
  const c = result.cases.find((x) => x.id === id);
  return c === undefined ? id : caseLabel(c.widths, c.batch);
}

/** The paper's table: efficient-KAN / FastKAN and bspline / gaussian per layer kind, for one op. */
function paperTable(result: BenchResult, op: Op): string | null {
  const paper = result.ratios.filter((r) => r.kind === 'paper' && r.op === op);
  const basis = result.ratios.filter((r) => r.kind === 'basis' && r.op === op);
  const keys = [...new Set([...paper, ...basis].map((r) => `${r.backend}|${r.caseId}`))];
  if (keys.length === 0) return null;
  const rows = keys.map((k) => {
    const [backend, caseId] = k.split('|') as [string, string];
    const p = paper.find((r) => r.backend === backend && r.caseId === caseId);
    const linear = basis.find((r) => r.backend === backend && r.caseId === caseId && r.label.startsWith('kan-linear'));
    const fast = basis.find((r) => r.backend === backend && r.caseId === caseId && r.label.startsWith('fastkan'));
    const cell = (r: Ratio | undefined) => (r === undefined ? '—' : `**${formatRatio(r.ratio)}** (${spread(r)})`);
    return [
      backend,
      caseOf(result, caseId),
      p ? formatMs(p.contenderMs) : '—',
      p ? formatMs(p.baselineMs) : '—',
      cell(p),
      cell(linear),
      cell(fast),
    ];
  });
  return table(
    ['backend', 'shape @batch', 'efficient-KAN ms', 'FastKAN ms', 'efficient-KAN / FastKAN', 'kan-linear: bspline / gaussian', 'fastkan: bspline / gaussian'],
    rows,
    ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
  );
}

function fusedTable(result: BenchResult): string | null {
  const fused = result.ratios.filter((r) => r.kind === 'fused');
  if (fused.length === 0) return null;
  const byId = new Map(result.measurements.map((m) => [m.id, m]));
  return table(
    ['backend', 'shape @batch', 'basis', 'op', 'fused ms', 'generic ms', 'generic / fused', 'fused peak', 'generic peak'],
    fused.map((r) => [
      r.backend,
      caseOf(result, r.caseId),
      byId.get(r.contender)?.basis ?? '',
      r.op === 'basis-linear-forward' ? 'forward' : 'forward + backward',
      formatMs(r.baselineMs),
      formatMs(r.contenderMs),
      `**${formatRatio(r.ratio)}** (${spread(r)})`,
      formatBytes(byId.get(r.baseline)?.memory.peakAddedBytes),
      formatBytes(byId.get(r.contender)?.memory.peakAddedBytes),
    ]),
    ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'r'],
  );
}

/** Backends as columns: median ms and × the baseline, per case, contender and op. */
function backendTable(result: BenchResult): string | null {
  const backends = [...new Set(result.measurements.map((m) => m.backend))];
  if (backends.length < 2 || result.baselineBackend === null) return null;
  const rowsByKey = new Map<string, Map<string, Measurement>>();
  for (const m of result.measurements) {
    const key = `${m.caseId}|${m.layer ?? '-'}|${m.basis}|${m.op}|${m.variant}`;
    const row = rowsByKey.get(key) ?? new Map<string, Measurement>();
    row.set(m.backend, m);
    rowsByKey.set(key, row);
  }
  const rows = [...rowsByKey.entries()]
    .filter(([, row]) => row.size > 1)
    .map(([key, row]) => {
      const [caseId, layer, basis, op, variant] = key.split('|') as [string, string, string, string, string];
      const base = row.get(result.baselineBackend!);
      return [
        caseOf(result, caseId),
        layer === '-' ? `${basis} · ${variant}` : `${layer} · ${basis}`,
        op,
        ...backends.map((b) => {
          const m = row.get(b);
          if (m === undefined) return '—';
          return base === undefined || b === result.baselineBackend ? formatMs(m.timeMs.median) : `${formatMs(m.timeMs.median)} (${formatRatio(m.timeMs.median / base.timeMs.median)})`;
        }),
      ];
    });
  if (rows.length === 0) return null;
  return table(
    ['shape @batch', 'contender', 'op', ...backends.map((b) => (b === result.baselineBackend ? `${b} ms (baseline)` : `${b} ms`))],
    rows,
    ['l', 'l', 'l', ...backends.map(() => 'r' as const)],
  );
}

function measurementTable(result: BenchResult): string {
  return table(
    ['backend', 'shape @batch', 'layer', 'basis', 'op', 'variant', 'median ms', 'p25–p75', 'min–max', 'repeats × inner', 'params', 'peak tf bytes', 'backend bytes', 'finite'],
    result.measurements.map((m) => [
      m.backend,
      caseOf(result, m.caseId),
      m.layer ?? '—',
      m.basis,
      m.op,
      m.variant,
      formatMs(m.timeMs.median),
      `${formatMs(m.timeMs.p25)}–${formatMs(m.timeMs.p75)}`,
      `${formatMs(m.timeMs.min)}–${formatMs(m.timeMs.max)}`,
      `${m.repeats} × ${m.inner}`,
      String(m.params),
      formatBytes(m.memory.peakBytes),
      Object.entries(m.memory.backend).map(([k, v]) => `${k} ${formatBytes(v)}`).join(', ') || '—',
      m.finite ? 'yes' : '**no**',
    ]),
    ['l', 'l', 'l', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
  );
}

/** What was skipped, one row per backend and reason, the cases and combinations listed. */
function skippedTable(result: BenchResult): string {
  const groups = new Map<string, { backend: string; reason: string; cases: Set<string>; what: Set<string> }>();
  for (const s of result.skipped) {
    const key = `${s.backend}|${s.reason}`;
    const group = groups.get(key) ?? { backend: s.backend, reason: s.reason, cases: new Set<string>(), what: new Set<string>() };
    group.cases.add(s.caseId === null ? 'all' : caseOf(result, s.caseId));
    group.what.add([s.layer, s.basis, s.op, s.variant].filter((x) => x !== null).join(' · ') || 'all');
    groups.set(key, group);
  }
  return table(
    ['backend', 'shape @batch', 'what', 'reason'],
    [...groups.values()].map((g) => [g.backend, [...g.cases].join(', '), [...g.what].join('; '), g.reason]),
    ['l', 'l', 'l', 'l'],
  );
}

/** The approximation experiment as markdown. */
export function approxMarkdown(approx: ApproxResult, chart?: string): string {
  const fit = approx.splineFit;
  const wanted = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3];
  const shown = fit.sweep.filter((p) => wanted.some((w) => Math.abs(p.hRatio - w) < 1e-9) || p === fit.best || p === fit.bestByMean);
  const lines = [
    '## Approximation: cubic B-splines by Gaussian RBFs (the paper\'s Figure 1)',
    '',
    fit.description,
    '',
    `Best h: **${fit.best.hRatio} × the grid spacing** (h = ${fit.best.h.toPrecision(4)}): max error ${fit.best.maxError.toExponential(2)}, mean error ${fit.best.meanError.toExponential(2)}. ` +
      `Smallest mean error at h = ${fit.bestByMean.hRatio} × spacing (${fit.bestByMean.meanError.toExponential(2)}).`,
    '',
    table(
      ['h / spacing', 'h', 'max error', 'mean error'],
      shown.map((p) => [`${p.hRatio}${p === fit.best ? ' (best max)' : ''}${p === fit.bestByMean ? ' (best mean)' : ''}`, p.h.toPrecision(4), p.maxError.toExponential(2), p.meanError.toExponential(2)]),
    ),
    '',
    ...(chart ? [`![error vs h](${chart})`, ''] : []),
    '## Approximation: B-splines vs Gaussians on 1-D functions',
    '',
    approx.functionFit.description,
    '',
  ];
  const rows: string[][] = [];
  for (const fn of approx.functionFit.functions) {
    const sizes = [...new Set(approx.functionFit.results.filter((r) => r.function === fn.name).map((r) => r.gridSize))];
    for (const g of sizes) {
      const b = approx.functionFit.results.find((r) => r.function === fn.name && r.gridSize === g && r.basis === 'bspline')!;
      const gs = approx.functionFit.results.find((r) => r.function === fn.name && r.gridSize === g && r.basis === 'gaussian')!;
      rows.push([
        `${fn.expression.split(' ')[0]} (${fn.kind})`,
        String(b.size),
        b.maxError.toExponential(2),
        gs.maxError.toExponential(2),
        b.rmsError.toExponential(2),
        gs.rmsError.toExponential(2),
        b.rmsError < gs.rmsError ? `B-spline, ${(gs.rmsError / b.rmsError).toFixed(1)}×` : `Gaussian, ${(b.rmsError / gs.rmsError).toFixed(1)}×`,
      ]);
    }
  }
  lines.push(table(['function', 'K', 'B-spline max', 'Gaussian max', 'B-spline rms', 'Gaussian rms', 'lower rms error'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'l']), '');
  return lines.join('\n');
}

/** The whole report. `charts` are file names (relative to the markdown file) to embed. */
export function renderMarkdown(result: BenchResult, charts: readonly string[] = []): string {
  const m = result.machine;
  const packages = Object.entries(result.packages).map(([name, version]) => `${name} ${version}`).join(', ');
  const backendLines = result.backends.map((b) =>
    `- **${b.name}**: ${b.selected && b.available ? 'measured' : 'not measured'}${b.reason ? ` — ${b.reason}` : ''}${b.info?.['adapter'] ? ` (adapter: ${JSON.stringify(b.info['adapter'])})` : ''}${b.info?.['details'] ? ` (${JSON.stringify(b.info['details'])})` : ''}`,
  );
  const torch = result.torch.available
    ? `- **torch**: ${result.torch.version} on ${result.torch.device}${result.torch.deviceName ? ` (${result.torch.deviceName})` : ''}${result.torch.compile ? ', with torch.compile' : ''}${result.torch.tf32 ? ', TF32 on (allow_tf32)' : ', fp32 (TF32 off)'}`
    : `- **torch**: not available (${result.torch.reason})`;
  const out: string[] = [
    `# kanjs-bench: ${result.preset}`,
    '',
    `Commit \`${result.commit}\`${result.dirty ? ' (with uncommitted changes)' : ''}, ${result.startedAt}, ${(result.durationMs / 1000).toFixed(1)} s. ` +
      `${m.os.platform} ${m.os.release} ${m.os.arch}, ${m.cpus.count} × ${m.cpus.model}, ${formatBytes(m.totalMemoryBytes)} RAM, Node ${m.node}. float32 throughout.`,
    '',
    `Packages: ${packages}.`,
    '',
    ...backendLines,
    torch,
    '',
    `Method: ${result.method.warmup} warm-up round${result.method.warmup === 1 ? '' : 's'}, then ${result.method.repeats} repeats` +
      `${result.method.maxGroupSeconds === null ? '' : ` (fewer where a group would exceed ${result.method.maxGroupSeconds} s)`}. ${result.method.interleaving} ${result.method.completion} ` +
      'Times are medians with p25–p75. A ratio between contenders of one group is the median of the per-repeat ratios, with their quartiles in brackets.',
    '',
    "## The paper's claim: B-spline (efficient-KAN) vs Gaussian (FastKAN), forward",
    '',
    'FastKAN (Li, 2024) reports efficient-KAN\'s forward pass at **3.33×** FastKAN\'s time. Here, for each backend: efficient-KAN = `kan-linear` layers with the `bspline` basis, ' +
      'FastKAN = `fastkan` layers with the `gaussian` basis (K = 8 each: G = 5, k = 3 and 8 centres). The last two columns change only the basis. Ratio > 1: the Gaussian one is faster.',
    '',
    paperTable(result, 'forward') ?? '_No forward measurements of both contenders._',
    '',
  ];
  for (const op of ['forward-backward', 'train-step'] as const) {
    const t = paperTable(result, op);
    if (t !== null) out.push(`### The same ratios, ${op === 'train-step' ? 'training step' : 'forward + backward'}`, '', t, '');
  }
  out.push('## Fused vs generic spline branch', '');
  const fused = fusedTable(result);
  out.push(
    fused === null
      ? '_No backend measured here has fused `basisLinear` kernels (webgpu and cuda do); see Skipped._'
      : '`basisLinear` on its fused kernel vs `genericBasisLinear` (evaluate + matMul, the same math) on the same backend, the spline branch alone. Peak: the tf bytes the call adds.\n\n' + fused,
    '',
  );
  const backends = backendTable(result);
  if (backends !== null) out.push(`## Backends (ratios against ${result.baselineBackend})`, '', 'Backends run one after another, not interleaved.', '', backends, '');
  const scaling = scalingMarkdown(result);
  if (scaling !== null) out.push(scaling, '');
  if (charts.length > 0) {
    out.push('## Charts', '');
    for (const chart of charts.filter((c) => !c.endsWith('-approx.svg'))) out.push(`![${chart}](${chart})`, '');
  }
  out.push('## Every measurement', '', measurementTable(result), '');
  out.push('## Skipped', '');
  out.push(result.skipped.length === 0 ? '_Nothing._' : skippedTable(result), '');
  if (result.approx !== null) out.push(approxMarkdown(result.approx, charts.find((c) => c.endsWith('-approx.svg'))));
  if (result.notes.length > 0) out.push('## Notes', '', ...result.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
