// Ratios against named baselines: B-spline vs Gaussian (the paper's claim), generic vs fused, backend vs backend.
import { pairedRatioSpread } from './stats.js';
import type { Measurement, Op, Ratio } from './types.js';

/**
 * contender / baseline. Interleaved in one group: the median and quartiles of the per-repeat ratios (each
 * repeat ran both, so slow spells of the machine cancel). Otherwise: the ratio of the medians, and
 * [p25 / p75, p75 / p25].
 */
export function ratioOf(kind: Ratio['kind'], label: string, baseline: Measurement, contender: Measurement): Ratio {
  const interleaved = baseline.group === contender.group && baseline.samplesMs.length === contender.samplesMs.length;
  const paired = interleaved ? pairedRatioSpread(contender.samplesMs, baseline.samplesMs) : null;
  const spread = paired ?? { p25: contender.timeMs.p25 / baseline.timeMs.p75, p75: contender.timeMs.p75 / baseline.timeMs.p25 };
  return {
    kind,
    label,
    backend: contender.backend === baseline.backend ? contender.backend : `${contender.backend} vs ${baseline.backend}`,
    caseId: contender.caseId,
    op: contender.op,
    baseline: baseline.id,
    contender: contender.id,
    baselineMs: baseline.timeMs.median,
    contenderMs: contender.timeMs.median,
    ratio: paired?.median ?? contender.timeMs.median / baseline.timeMs.median,
    spread: { p25: spread.p25, p75: spread.p75 },
    interleaved,
  };
}

const key = (m: Pick<Measurement, 'backend' | 'caseId' | 'layer' | 'basis' | 'op' | 'variant'>) =>
  `${m.backend}|${m.caseId}|${m.layer ?? '-'}|${m.basis}|${m.op}|${m.variant}`;

/**
 * Every ratio the result reports:
 * - `paper`: kan-linear with bspline (efficient-KAN) over fastkan with gaussian (FastKAN), per backend, case
 *   and model op; the FastKAN paper reports 3.33 for the forward pass.
 * - `basis`: bspline over gaussian within one layer kind.
 * - `fused`: generic over fused for the spline-branch ops, where a backend has fused kernels.
 * - `backend`: each backend over the baseline backend, for the same case, layer, basis, op and variant.
 */
export function computeRatios(measurements: readonly Measurement[], baselineBackend: string | null): Ratio[] {
  const index = new Map(measurements.map((m) => [key(m), m]));
  const find = (m: Measurement, change: Partial<Pick<Measurement, 'backend' | 'layer' | 'basis' | 'variant'>>) => index.get(key({ ...m, ...change }));
  const ratios: Ratio[] = [];
  const modelOps: readonly Op[] = ['forward', 'forward-backward', 'train-step'];
  for (const m of measurements) {
    if (m.variant === 'layer' && modelOps.includes(m.op)) {
      if (m.layer === 'kan-linear' && m.basis === 'bspline') {
        const fast = find(m, { layer: 'fastkan', basis: 'gaussian' });
        if (fast) ratios.push(ratioOf('paper', 'efficient-KAN (kan-linear, bspline) / FastKAN (fastkan, gaussian)', fast, m));
      }
      if (m.basis === 'bspline') {
        const gaussian = find(m, { basis: 'gaussian' });
        if (gaussian) ratios.push(ratioOf('basis', `${m.layer}: bspline / gaussian`, gaussian, m));
      }
    }
    if (m.variant === 'generic' && (m.op === 'basis-linear-forward' || m.op === 'basis-linear-forward-backward')) {
      for (const variant of ['fused', 'simt', 'vendor'] as const) {
        const fused = find(m, { variant });
        if (fused) ratios.push(ratioOf('fused', `${m.basis}: generic / ${variant}`, fused, m));
      }
    }
    if (baselineBackend !== null && m.backend !== baselineBackend) {
      // A forced cuda path is compared with the baseline's own variant (a whole model, or the spline branch).
      const variant = m.variant === 'layer-simt' || m.variant === 'layer-vendor' || m.variant === 'layer-captured' ? 'layer' : m.variant === 'simt' || m.variant === 'vendor' ? 'fused' : m.variant;
      const base = find(m, { backend: baselineBackend, variant });
      if (base) ratios.push(ratioOf('backend', `${m.backend} / ${baselineBackend}`, base, m));
    }
  }
  return ratios;
}
