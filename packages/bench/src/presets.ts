// The presets: which shapes and batch sizes a run covers, and how many warm-up and timed repeats it takes.
import type { BenchCase } from './types.js';

export const PRESET_NAMES = ['smoke', 'paper', 'full', 'large', 'scaling'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface Preset {
  readonly name: string;
  readonly description: string;
  readonly cases: readonly BenchCase[];
  readonly warmup: number;
  readonly repeats: number;
  /** See TimingOptions.minSampleMs. */
  readonly minSampleMs: number;
  /** The most time one group (a backend and a case) may take, s: slow groups run fewer rounds (TimingOptions.budgetMs). */
  readonly maxGroupSeconds: number | null;
  /** Whether the result includes the approximation experiment, and how finely it sweeps h. */
  readonly approx: 'none' | 'quick' | 'full';
}

/** A case id: `layer-100x100-b8`, `network-784-64-10-b64`. */
export function caseId(widths: readonly number[], batch: number): string {
  return widths.length === 2 ? `layer-${widths[0]}x${widths[1]}-b${batch}` : `network-${widths.join('-')}-b${batch}`;
}

/** A case of the given widths and batch, drawn in the given charts. */
export function benchCase(widths: readonly number[], batch: number, charts: BenchCase['charts'] = ['shapes']): BenchCase {
  return { id: caseId(widths, batch), kind: widths.length === 2 ? 'layer' : 'network', widths: [...widths], batch, charts: [...charts] };
}

/** Merges cases with the same id (their chart lists joined), keeping the first one's position. */
export function mergeCases(cases: readonly BenchCase[]): BenchCase[] {
  const byId = new Map<string, BenchCase>();
  for (const c of cases) {
    const seen = byId.get(c.id);
    byId.set(c.id, seen === undefined ? c : { ...seen, charts: [...new Set([...seen.charts, ...c.charts])] });
  }
  return [...byId.values()];
}

/** The paper's timing case: one 100 → 100 layer at batch 8. */
export const PAPER_LAYER = [100, 100] as const;
/** The paper's MNIST network. */
export const MNIST_NETWORK = [784, 64, 10] as const;

/** The batch sizes of the scaling preset's sweeps. */
export const SCALING_BATCHES = [1, 16, 256, 1024, 4096, 16384] as const;

const sweep = (widths: readonly number[], batches: readonly number[]) => batches.map((batch) => benchCase(widths, batch, ['sweep']));

export const PRESETS: Record<PresetName, Preset> = {
  smoke: {
    name: 'smoke',
    description: 'A harness check in seconds on the CPU: the paper layer, a small network and a three-point batch sweep.',
    cases: mergeCases([benchCase(PAPER_LAYER, 8), benchCase([64, 16, 10], 16), ...sweep(PAPER_LAYER, [1, 8, 32])]),
    warmup: 1,
    repeats: 5,
    minSampleMs: 0,
    maxGroupSeconds: 20,
    approx: 'quick',
  },
  paper: {
    name: 'paper',
    description: "The paper's timing case (100 → 100, batch 8) and its MNIST network ([784, 64, 10], batch 64).",
    cases: [benchCase(PAPER_LAYER, 8), benchCase(MNIST_NETWORK, 64)],
    warmup: 5,
    repeats: 25,
    minSampleMs: 5,
    maxGroupSeconds: 60,
    approx: 'full',
  },
  full: {
    name: 'full',
    description: 'The paper cases, the MNIST network at batch 1024, 1024 → 1024 at batch 4096, and a batch sweep of the paper layer from 1 to 8192.',
    cases: mergeCases([
      benchCase(PAPER_LAYER, 8),
      benchCase(MNIST_NETWORK, 64),
      benchCase(MNIST_NETWORK, 1024),
      benchCase([1024, 1024], 4096),
      ...sweep(PAPER_LAYER, [1, 4, 8, 16, 64, 256, 1024, 4096, 8192]),
    ]),
    warmup: 3,
    repeats: 15,
    minSampleMs: 5,
    maxGroupSeconds: 40,
    approx: 'full',
  },
  large: {
    name: 'large',
    description: 'The GEMM-bound layers of issue 17: 1024 → 1024 at batch 4096 and 4096 → 4096 at batch 8192 (GPU backends; the CPU ones skip them).',
    cases: [benchCase([1024, 1024], 4096), benchCase([4096, 4096], 8192)],
    warmup: 3,
    repeats: 15,
    minSampleMs: 5,
    maxGroupSeconds: 60,
    approx: 'none',
  },
  scaling: {
    name: 'scaling',
    description: 'How cost grows with the work (issue 17): layers of width 256, 1024 and 4096, each swept over batch 1 to 16384.',
    cases: [256, 1024, 4096].flatMap((width) => sweep([width, width], SCALING_BATCHES)),
    warmup: 3,
    repeats: 11,
    minSampleMs: 5,
    maxGroupSeconds: 30,
    approx: 'none',
  },
};

/**
 * Limits on the backends that run big cases too slowly to be worth the wait: the batch size, and the work of
 * the spline branch, batch · Σ in·out · K (K = 8). Measured on 2 CPU cores: tfjs-cpu's B-spline basis costs
 * about 0.1 s for 100 → 100 at batch 8 (its Slice kernel copies element by element), wasm about 8 times less.
 */
export const SLOW_LIMITS: Readonly<Record<string, { readonly maxBatch: number; readonly maxWork: number }>> = {
  cpu: { maxBatch: 1024, maxWork: 2 ** 22 },
  wasm: { maxBatch: 1024, maxWork: 2 ** 25 },
  'torch-cpu': { maxBatch: 1024, maxWork: 2 ** 27 },
  /** WebGPU on a software adapter (SwiftShader). */
  software: { maxBatch: 1024, maxWork: 2 ** 22 },
};

/** The spline-branch work of a case: batch · Σ in·out · 8. */
export function caseWork(benchCase: BenchCase): number {
  let work = 0;
  for (let i = 0; i + 1 < benchCase.widths.length; i++) work += benchCase.widths[i]! * benchCase.widths[i + 1]!;
  return work * benchCase.batch * 8;
}

/** Why a case is skipped on a slow backend, or null when it runs. */
export function slowSkipReason(backend: string, benchCase: BenchCase, software = false): string | null {
  const limits = software ? SLOW_LIMITS['software'] : SLOW_LIMITS[backend];
  if (limits === undefined) return null;
  const what = software ? `${backend} on a software adapter` : backend;
  if (benchCase.batch > limits.maxBatch) {
    return `${what} is too slow for batch ${benchCase.batch} (its limit is ${limits.maxBatch}); run it on a GPU backend, or pass --all`;
  }
  const work = caseWork(benchCase);
  if (work > limits.maxWork) {
    return (
      `${what} is too slow for ${benchCase.widths.join('→')} at batch ${benchCase.batch}: ${(work / 1e6).toFixed(1)}M multiply-adds in the spline branch, ` +
      `over its ${(limits.maxWork / 1e6).toFixed(1)}M limit; run it on a GPU backend, or pass --all`
    );
  }
  return null;
}
