// The tfjs contenders of one group (one backend, one case): each (layer kind, basis) model timed on forward,
// forward+backward and a training step, and the spline-branch op alone, fused and generic.
import * as tf from '@tensorflow/tfjs-core';
import { createBasis, type Basis, type BasisState } from '@kanjs/basis-core';
import { hasFusedBasisLinear } from '@kanjs/kernels';
import { AdamW, basisLinear, genericBasisLinear, initialState, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';
import type { Timed } from './timing.js';
import type { BenchCase, CudaPath, LayerKind, MemoryFigures, Op, Skipped, Variant } from './types.js';

/** A contender: how to time it, and how to check it once (finite output, memory). */
export interface Contender extends Timed {
  readonly layer: LayerKind | null;
  readonly basis: string;
  readonly basisConfig: Readonly<Record<string, unknown>>;
  readonly op: Op;
  readonly variant: Variant;
  readonly params: number;
  readonly nonTrainableParams: number;
  /** One untimed call: whether everything it produced is finite, and its memory. */
  check(): Promise<{ finite: boolean; memory: MemoryFigures }>;
}

/** One call of an op: returns the tensors it produced (the caller disposes them). `sample` is called while its intermediates are alive. */
type Exec = (sample: () => void) => tf.Tensor[];

export interface Group {
  readonly contenders: Contender[];
  readonly skipped: Skipped[];
  dispose(): void;
}

export interface GroupSpec {
  readonly backend: string;
  readonly benchCase: BenchCase;
  readonly bases: readonly string[];
  readonly layers: readonly LayerKind[];
  readonly ops: readonly Op[];
  readonly seed: number;
  /**
   * On cuda: KanBasisLinear's paths to force, each as extra contenders (`layer-simt`/`simt`, `layer-vendor`/`vendor`)
   * beside the per-call choice, through `setPath` (@kanjs/backend-cuda's setBasisLinearPath).
   */
  readonly cudaPaths?: { readonly paths: readonly CudaPath[]; readonly setPath: (path: CudaPath | 'auto') => void };
  /** On cuda: @kanjs/backend-cuda's captureStep, for a `layer-captured` train-step contender per model. */
  readonly captureStep?: CaptureStepFn;
}

/** The shape of @kanjs/backend-cuda's captureStep that the bench uses: a step of no inputs, and its dispose. */
export type CaptureStepFn = (fn: () => tf.Tensor, options?: { warn?: (note: string) => void }) => (() => tf.Tensor) & { dispose(): void };

/** The variant names of a forced cuda path, for model ops and for the spline-branch op. */
const PATH_VARIANTS: Record<CudaPath, { readonly layer: Variant; readonly branch: Variant }> = {
  fused: { layer: 'layer-simt', branch: 'simt' },
  vendor: { layer: 'layer-vendor', branch: 'vendor' },
};

const bytesOf = (tensors: readonly tf.Tensor[]) => tensors.reduce((sum, t) => sum + t.size * 4, 0);
const noSample = () => undefined;

/**
 * Waits for the work behind tensors to finish by reading one value back. One is enough: every backend measured
 * runs its work in order (cpu and wasm at once; cuda on one stream; webgpu on one queue, submitted before the
 * read's copy), so a read queued after the last output waits for all of them. Reading a value of each output
 * instead cost ~17 more small ops per sample for a layer's gradients (about 1 ms through Dawn).
 */
async function complete(tensors: readonly tf.Tensor[]): Promise<void> {
  const last = tensors[tensors.length - 1];
  if (last === undefined) return;
  if (last.size === 1) {
    await last.data();
    return;
  }
  const probe = tf.tidy(() => tf.slice(tf.reshape(last, [-1]), [0], [1]));
  await probe.data();
  probe.dispose();
}

/** The numeric fields of tf.memory() that only some backends report (GPU bytes). */
export function backendMemory(): Record<string, number> {
  const info = tf.memory() as unknown as Record<string, unknown>;
  const standard = new Set(['numTensors', 'numDataBuffers', 'numBytes', 'unreliable', 'reasons']);
  return Object.fromEntries(Object.entries(info).filter(([key, value]) => !standard.has(key) && typeof value === 'number')) as Record<string, number>;
}

function mergeMax(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, value] of Object.entries(from)) into[key] = Math.max(into[key] ?? -Infinity, value);
}

async function allFinite(tensors: readonly tf.Tensor[]): Promise<boolean> {
  for (const t of tensors) {
    const values = await t.data();
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  }
  return true;
}

/**
 * tf.profile, with the backend's kernel timer replaced by a no-op for the call: the profiler would otherwise
 * time every kernel, and where a backend has no timer it reads every output back synchronously (which
 * WebGPU cannot do in Node). Only the memory snapshots after each kernel are wanted here.
 */
async function profileMemory(run: () => tf.Tensor[]): Promise<number> {
  const backend = tf.engine().backend as unknown as Record<string, unknown>;
  const saved = ['time', 'timerAvailable'].map((name) => [name, Object.getOwnPropertyDescriptor(backend, name)] as const);
  backend['timerAvailable'] = () => true;
  backend['time'] = (f: () => void) => {
    f();
    return Promise.resolve({ kernelMs: 0 });
  };
  try {
    return (await tf.profile(run)).peakBytes;
  } finally {
    (tf.engine().state as unknown as { profiling: boolean }).profiling = false;
    for (const [name, descriptor] of saved) {
      if (descriptor === undefined) delete backend[name];
      else Object.defineProperty(backend, name, descriptor);
    }
  }
}

/** Runs exec once under tf.profile (or sampling tf.memory() where profiling fails) and checks its outputs. */
async function checkOnce(exec: Exec, persistentBytes: () => Promise<number>): Promise<{ finite: boolean; memory: MemoryFigures }> {
  const backend: Record<string, number> = {};
  // A backend with a resettable device peak (cuda) also gives the call's own peak of device bytes, which counts
  // scratch buffers that are not tensors (the vendor path's chunk of the basis).
  const device = tf.backend() as unknown as { resetMemoryPeak?: () => void };
  const deviceBefore = typeof device.resetMemoryPeak === 'function' ? (device.resetMemoryPeak(), backendMemory()['numBytesInGPU']) : undefined;
  const before = tf.memory().numBytes;
  let peakAdded: number;
  let method: MemoryFigures['method'];
  let outputs: tf.Tensor[];
  const sample = () => mergeMax(backend, backendMemory());
  try {
    let produced: tf.Tensor[] = [];
    const peak = await profileMemory(() => {
      produced = exec(sample);
      return produced;
    });
    outputs = produced;
    peakAdded = Math.max(0, peak - before);
    method = 'tf.profile';
  } catch {
    let peak = before;
    outputs = exec(() => {
      sample();
      peak = Math.max(peak, tf.memory().numBytes);
    });
    peakAdded = Math.max(peak, tf.memory().numBytes) - before;
    method = 'sampled';
  }
  sample();
  const finite = await allFinite(outputs);
  const devicePeak = backendMemory()['numBytesInGPUPeak'];
  if (deviceBefore !== undefined && devicePeak !== undefined) backend['numBytesInGPUPeakAdded'] = devicePeak - deviceBefore;
  tf.dispose(outputs);
  const persistent = await persistentBytes();
  return { finite, memory: { peakAddedBytes: peakAdded, persistentBytes: persistent, peakBytes: persistent + peakAdded, method, backend } };
}

function contender(
  meta: Omit<Contender, 'step' | 'check' | 'alwaysComplete'>,
  exec: Exec,
  persistentBytes: () => Promise<number>,
  alwaysComplete = false,
): Contender {
  return {
    ...meta,
    alwaysComplete,
    async step(done) {
      const outputs = exec(noSample);
      if (done) await complete(outputs);
      tf.dispose(outputs);
    },
    check: () => checkOnce(exec, persistentBytes),
  };
}

/** Deterministic labels in [0, classes). */
function labels(batch: number, classes: number, seed: number): tf.Tensor2D {
  const indices = Int32Array.from({ length: batch }, (_, i) => (i * 7919 + seed * 104729) % classes);
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(indices, 'int32'), classes), 'float32')) as tf.Tensor2D;
}

/** Builds the contenders of one group on the active backend. */
export function buildGroup(spec: GroupSpec): Group {
  const { benchCase, seed } = spec;
  const forcedPaths = spec.backend === 'cuda' ? (spec.cudaPaths?.paths ?? []) : [];
  /** exec with KanBasisLinear's path forced for the call (and the per-call choice restored after). */
  const forced = (exec: Exec, path: CudaPath): Exec => (sample) => {
    spec.cudaPaths!.setPath(path);
    try {
      return exec(sample);
    } finally {
      spec.cudaPaths!.setPath('auto');
    }
  };
  /** The contender, and one per forced path. */
  const withPaths = (meta: Omit<Contender, 'step' | 'check' | 'alwaysComplete'>, exec: Exec, persistentBytes: () => Promise<number>, alwaysComplete = false): Contender[] => [
    contender(meta, exec, persistentBytes, alwaysComplete),
    ...forcedPaths.map((path) =>
      contender({ ...meta, variant: PATH_VARIANTS[path][meta.variant === 'layer' ? 'layer' : 'branch'] }, forced(exec, path), persistentBytes, alwaysComplete),
    ),
  ];
  const inFeatures = benchCase.widths[0]!;
  const outFeatures = benchCase.widths[benchCase.widths.length - 1]!;
  const owned: { dispose(): void }[] = [];
  const keep = <T extends { dispose(): void }>(thing: T): T => {
    owned.push(thing);
    return thing;
  };
  const x = keep(tf.randomUniform([benchCase.batch, inFeatures], -1, 1, 'float32', seed) as tf.Tensor2D);
  const contenders: Contender[] = [];
  const skipped: Skipped[] = [];
  const modelOps = spec.ops.filter((op) => op === 'forward' || op === 'forward-backward' || op === 'train-step');

  if (modelOps.length > 0) {
    for (const layer of spec.layers) {
      for (const basisName of spec.bases) {
        const model = keep(kan({ layers: [...benchCase.widths], layer, basis: basisName, seed }));
        const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
        const params = model.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
        const nonTrainableParams = model.nonTrainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
        const modelBytes = (params + nonTrainableParams) * 4;
        const basisConfig = createBasis(basisName, inFeatures).config;
        const meta = { layer, basis: basisName, basisConfig, variant: 'layer' as const, params, nonTrainableParams };
        const apply = (sample: () => void) => {
          const y = model.apply(x) as tf.Tensor;
          sample();
          return y;
        };
        for (const op of modelOps) {
          if (op === 'forward') {
            contenders.push(...withPaths({ ...meta, op }, (sample) => [tf.tidy(() => apply(sample))], async () => modelBytes + x.size * 4));
          } else if (op === 'forward-backward') {
            contenders.push(
              ...withPaths(
                { ...meta, op },
                (sample) =>
                  tf.tidy(() => {
                    const { value, grads } = tf.variableGrads(() => tf.sum(apply(sample)) as tf.Scalar, variables);
                    return [value, ...Object.values(grads)];
                  }),
                async () => modelBytes + x.size * 4,
              ),
            );
          } else {
            const targets = keep(labels(benchCase.batch, outFeatures, seed));
            const optimizer = keep(new AdamW(1e-3, 1e-4));
            /** The step's persistent bytes: the model, its inputs and AdamW's slots. */
            const stepBytes = (adamw: AdamW) => async () => {
              const slots = await adamw.getWeights();
              const slotBytes = bytesOf(slots.slice(1).map((s) => s.tensor));
              tf.dispose(slots.map((s) => s.tensor).slice(0, 1));
              return modelBytes + x.size * 4 + targets.size * 4 + slotBytes;
            };
            contenders.push(
              ...withPaths(
                { ...meta, op },
                (sample) => [optimizer.minimize(() => softmaxCrossEntropy(targets, apply(sample) as tf.Tensor2D), true, variables)!],
                stepBytes(optimizer),
                true,
              ),
            );
            if (spec.backend === 'cuda' && spec.captureStep !== undefined) {
              // Its own model and optimizer (same seed): the uncaptured contender moving the same variables between
              // replays would make every replay copy them back first.
              const own = keep(kan({ layers: [...benchCase.widths], layer, basis: basisName, seed }));
              const ownVariables = own.trainableWeights.map((w) => w.read() as tf.Variable);
              const ownOptimizer = keep(new AdamW(1e-3, 1e-4));
              const step = keep(
                spec.captureStep(() => ownOptimizer.minimize(() => softmaxCrossEntropy(targets, own.apply(x) as tf.Tensor2D), true, ownVariables)!, {
                  warn: (note) => {
                    throw new Error(`the captured train-step fell back: ${note}`);
                  },
                }),
              );
              contenders.push(
                contender(
                  { ...meta, op, variant: 'layer-captured' },
                  (sample) => {
                    const loss = step();
                    sample();
                    return [loss];
                  },
                  stepBytes(ownOptimizer),
                  true,
                ),
              );
            }
          }
        }
      }
    }
  }

  const branchOps = spec.ops.filter((op) => op === 'basis-linear-forward' || op === 'basis-linear-forward-backward');
  if (branchOps.length > 0 && benchCase.kind === 'layer') {
    for (const basisName of spec.bases) {
      const basis = createBasis(basisName, inFeatures);
      const state = initialState(basis);
      owned.push({ dispose: () => tf.dispose(Object.values(state)) });
      const rows = inFeatures * basis.size;
      const weight = keep(tf.randomNormal([rows, outFeatures], 0, 1 / Math.sqrt(rows), 'float32', seed + 1) as tf.Tensor2D);
      const stateSize = Object.values(state).reduce((n, t) => n + t.size, 0);
      const persistent = async () => (weight.size + stateSize + x.size) * 4;
      const fused = hasFusedBasisLinear(spec.backend, basis);
      for (const variant of ['fused', 'generic'] as const) {
        if (variant === 'fused' && !fused) {
          for (const op of branchOps) {
            skipped.push({
              backend: spec.backend, caseId: benchCase.id, basis: basisName, layer: null, op, variant,
              reason: `no fused KanBasisLinear kernel for the ${basisName} basis on ${spec.backend} (basisLinear runs the generic composition there)`,
            });
          }
          continue;
        }
        const run = variant === 'fused' ? basisLinear : (a: tf.Tensor2D, w: tf.Tensor2D, b: Basis, s?: BasisState) => genericBasisLinear(a, w, b, s!);
        const meta = { layer: null, basis: basisName, basisConfig: basis.config, variant, params: weight.size, nonTrainableParams: stateSize };
        for (const op of branchOps) {
          const exec: Exec =
            op === 'basis-linear-forward'
              ? (sample) => [tf.tidy(() => {
                  const y = run(x, weight, basis, state);
                  sample();
                  return y;
                })]
              : (sample) =>
                  tf.tidy(() =>
                    tf.grads((a: tf.Tensor, w: tf.Tensor) => {
                      const y = run(a as tf.Tensor2D, w as tf.Tensor2D, basis, state);
                      sample();
                      return tf.sum(y);
                    })([x, weight]),
                  );
          if (variant === 'fused') contenders.push(...withPaths({ ...meta, op }, exec, persistent));
          else contenders.push(contender({ ...meta, op }, exec, persistent));
        }
      }
    }
  } else if (branchOps.length > 0) {
    for (const op of branchOps) {
      skipped.push({
        backend: spec.backend, caseId: benchCase.id, basis: null, layer: null, op, variant: null,
        reason: 'the spline-branch op is measured on single-layer cases only',
      });
    }
  }

  return {
    contenders,
    skipped,
    dispose() {
      for (const thing of owned.reverse()) thing.dispose();
      owned.length = 0;
    },
  };
}
