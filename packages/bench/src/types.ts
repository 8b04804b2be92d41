// The result of a benchmark run: what `runBench` returns and `bench.json` holds. The JSON Schema in
// schema/bench.schema.json describes the same shape, field by field.
import type { ApproxResult } from './approx.js';

/** The layer kinds `kan()` builds. */
export type LayerKind = 'fastkan' | 'kan-linear';

/** What one measurement times. */
export type Op = 'forward' | 'forward-backward' | 'train-step' | 'basis-linear-forward' | 'basis-linear-forward-backward';

/** The ops on a whole model (`layer` variant) and on the spline branch alone (`fused` and `generic` variants). */
export const MODEL_OPS = ['forward', 'forward-backward', 'train-step'] as const satisfies readonly Op[];
export const BASIS_LINEAR_OPS = ['basis-linear-forward', 'basis-linear-forward-backward'] as const satisfies readonly Op[];
export const OPS = [...MODEL_OPS, ...BASIS_LINEAR_OPS] as const;

/**
 * How the op is computed: `layer` is a whole `kan()` model; `fused` is `basisLinear` running a backend's fused
 * kernel; `generic` is `genericBasisLinear` (evaluate + matMul), the same math. On cuda with `--cuda-paths`, the
 * same with KanBasisLinear's path forced: `layer-simt` and `simt` on the fused SIMT kernels, `layer-vendor` and
 * `vendor` on the chunked cuBLAS path (`layer` and `fused` then let it choose per call). On cuda with
 * `--cuda-capture`, `layer-captured` is the training step replayed from one CUDA graph (`captureStep`).
 */
export type Variant = 'layer' | 'fused' | 'generic' | 'layer-simt' | 'layer-vendor' | 'simt' | 'vendor' | 'layer-captured';

/** KanBasisLinear's paths on cuda that a run can force (`setBasisLinearPath` of @kanjs/backend-cuda). */
export const CUDA_PATHS = ['fused', 'vendor'] as const;
export type CudaPath = (typeof CUDA_PATHS)[number];

/** One shape at one batch size: a single layer [in, out] or a network [in, hidden…, out]. */
export interface BenchCase {
  /** A stable id, e.g. `layer-100x100-b8` or `network-784-64-10-b64`. */
  readonly id: string;
  readonly kind: 'layer' | 'network';
  /** Widths from input to output; a layer has two. */
  readonly widths: readonly number[];
  readonly batch: number;
  /** Drawn as bars per shape (`shapes`) and/or as a line over batch sizes (`sweep`). */
  readonly charts: readonly ('shapes' | 'sweep')[];
}

/** Five-number summary of samples, in milliseconds per iteration. */
export interface TimeSummary {
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/** Memory of one untimed call of the op. */
export interface MemoryFigures {
  /**
   * The highest tf.memory().numBytes during one call minus its value before the call: what the call adds
   * (activations, gradients, outputs). tfjs keeps no running peak: this is sampled after every kernel (the
   * `peakBytes` of tf.profile), or after each step of the call where profiling fails (`method`).
   */
  readonly peakAddedBytes: number | null;
  /** The bytes the contender holds between calls: weights, inputs, optimizer slots. */
  readonly persistentBytes: number | null;
  /** persistentBytes + peakAddedBytes. */
  readonly peakBytes: number | null;
  readonly method: 'tf.profile' | 'sampled' | 'torch.cuda' | 'none';
  /**
   * What the backend itself reports, the largest value seen while the call's tensors were alive: for webgpu
   * `numBytesInGPU` and `numBytesAllocatedInGPU` (process-wide, the buffer pool included); for torch on CUDA
   * `maxMemoryAllocated` (torch.cuda.max_memory_allocated, process-wide).
   */
  readonly backend: Readonly<Record<string, number>>;
}

/** One timed contender. */
export interface Measurement {
  /** `backend/case/layer/basis/op/variant`, unique in a result. */
  readonly id: string;
  /** The tfjs backend (`cpu`, `wasm`, `webgpu`, `cuda`, `tensorflow`) or `torch-cuda`, `torch-cpu`, `torch-cuda-compiled`, … */
  readonly backend: string;
  readonly runtime: 'tfjs' | 'torch';
  readonly caseId: string;
  readonly kind: 'layer' | 'network';
  /** For a single layer (and for the spline-branch ops): in → out. */
  readonly shape: { readonly in: number; readonly out: number } | null;
  /** The widths of the model, [in, …, out]. */
  readonly network: readonly number[];
  readonly batch: number;
  readonly dtype: 'float32';
  readonly basis: string;
  /** The basis config with defaults filled in. */
  readonly basisConfig: Readonly<Record<string, unknown>>;
  /** The layer kind, or null for the spline-branch ops, which have no layer. */
  readonly layer: LayerKind | null;
  readonly op: Op;
  readonly variant: Variant;
  /** Interleaved with the other contenders of this group (one backend, one case). */
  readonly group: string;
  readonly warmup: number;
  readonly repeats: number;
  /** Iterations per timed sample (ending with one completion wait); times are per iteration. */
  readonly inner: number;
  readonly timeMs: TimeSummary;
  /** Every sample, ms per iteration, in repeat order. */
  readonly samplesMs: readonly number[];
  /** Trainable parameters (for the spline-branch ops: the weight, in·K·out). */
  readonly params: number;
  /** Non-trainable parameters (knots, centres). */
  readonly nonTrainableParams: number;
  readonly memory: MemoryFigures;
  /** Every value of the output (forward), the gradients (forward-backward) or the loss (train step) is finite. */
  readonly finite: boolean;
}

/** A combination that was not measured, and why. */
export interface Skipped {
  readonly backend: string;
  readonly caseId: string | null;
  readonly basis: string | null;
  readonly layer: LayerKind | null;
  readonly op: Op | null;
  readonly variant: Variant | null;
  readonly reason: string;
}

/** contender time / baseline time, for one pair. */
export interface Ratio {
  /** `paper`: efficient-KAN (kan-linear, bspline) vs FastKAN (fastkan, gaussian); `basis`: bspline vs gaussian in the same layer kind; `fused`: generic vs fused; `backend`: a backend vs the baseline backend. */
  readonly kind: 'paper' | 'basis' | 'fused' | 'backend';
  readonly label: string;
  readonly backend: string;
  readonly caseId: string;
  readonly op: Op;
  readonly baseline: string;
  readonly contender: string;
  readonly baselineMs: number;
  readonly contenderMs: number;
  /**
   * The contender takes `ratio` times the baseline's time: the median of the per-repeat ratios when both ran
   * interleaved in one group, else contenderMs / baselineMs.
   */
  readonly ratio: number;
  /**
   * The spread of the ratio. Same group (interleaved): quartiles of the per-repeat ratios. Otherwise
   * [p25 contender / p75 baseline, p75 contender / p25 baseline].
   */
  readonly spread: { readonly p25: number; readonly p75: number };
  readonly interleaved: boolean;
}

/** A backend as requested, and what it turned out to be. */
export interface BackendRecord {
  readonly name: string;
  readonly available: boolean;
  /** Measured in this run. */
  readonly selected: boolean;
  readonly reason?: string;
  /** What `useBackend` returned: the tfjs name, the WebGPU adapter, backend details. */
  readonly info?: Readonly<Record<string, unknown>>;
}

export interface TorchRecord {
  readonly available: boolean;
  readonly reason?: string;
  readonly python?: string;
  readonly version?: string;
  readonly device?: string;
  readonly deviceName?: string;
  readonly compile: boolean;
  /** Whether PyTorch's matmuls and cuDNN could use TF32 tensor cores (--torch-tf32). */
  readonly tf32: boolean;
}

export interface MachineRecord {
  readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  readonly cpus: { readonly model: string; readonly count: number };
  readonly totalMemoryBytes: number;
  readonly node: string;
  readonly hostname: string;
}

export interface MethodRecord {
  /** Warm-up rounds and timed repeats asked for; a measurement records what ran (fewer where a group ran out of budget). */
  readonly warmup: number;
  readonly repeats: number;
  readonly minSampleMs: number;
  /** The time budget of one group, s, or null. */
  readonly maxGroupSeconds: number | null;
  readonly interleaving: string;
  readonly completion: string;
  readonly timer: string;
  readonly memory: string;
  readonly seed: number;
}

export interface BenchResult {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: '@kanjs/bench'; readonly version: string };
  readonly preset: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** `git rev-parse HEAD`, or KANJS_BENCH_COMMIT, or "unknown". */
  readonly commit: string;
  /** Uncommitted changes in the working tree, where git could tell. */
  readonly dirty: boolean | null;
  readonly machine: MachineRecord;
  /** Versions of tfjs and kanjs packages, by name. */
  readonly packages: Readonly<Record<string, string>>;
  readonly method: MethodRecord;
  readonly cases: readonly BenchCase[];
  readonly bases: readonly string[];
  readonly layers: readonly LayerKind[];
  readonly ops: readonly Op[];
  readonly backends: readonly BackendRecord[];
  readonly torch: TorchRecord;
  readonly measurements: readonly Measurement[];
  readonly skipped: readonly Skipped[];
  readonly ratios: readonly Ratio[];
  readonly baselineBackend: string | null;
  readonly approx: ApproxResult | null;
  readonly notes: readonly string[];
}
