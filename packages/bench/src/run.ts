// runBench: every combination of basis × layer kind × backend × case, timed interleaved within each (backend,
// case) group, then PyTorch, ratios and the approximation experiment.
import * as tf from '@tensorflow/tfjs-core';
import '@kanjs/kan-layers';
import { basisNames, createBasis, hasBasis } from '@kanjs/basis-core';
import { installedBasisPackages, registerInstalledBases } from '@kanjs/kan-layers/node';
import { listBackends, useBackend, type BackendInfo } from '@kanjs/backends';
import { runApprox, hRatioSweep, type ApproxResult } from './approx.js';
import { buildGroup, type CaptureStepFn, type Group } from './contenders.js';
import { commit, machine, packageVersions, ownVersion } from './environment.js';
import { PRESETS, SLOW_LIMITS, slowSkipReason, type Preset, type PresetName } from './presets.js';
import { computeRatios } from './ratios.js';
import { summarize } from './stats.js';
import { timeInterleaved } from './timing.js';
import { probeTorch, runTorch, torchRecord, TORCH_BASES, type TorchProbe } from './torch.js';
import { CUDA_PATHS, OPS, type BackendRecord, type BenchCase, type BenchResult, type CudaPath, type LayerKind, type Measurement, type Op, type Skipped } from './types.js';

/** The backends kanjs-bench knows. */
export const BENCH_BACKENDS = ['cpu', 'wasm', 'webgpu', 'cuda', 'tensorflow'] as const;
export const LAYER_KINDS: readonly LayerKind[] = ['fastkan', 'kan-linear'];
export const DEFAULT_BASES = ['bspline', 'gaussian'] as const;

/** Progress: steps done of the planned total, and what runs now. */
export interface ProgressEvent {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

export interface BenchOptions {
  /** A preset name or a whole preset. Default `smoke`. */
  readonly preset?: PresetName | Preset;
  /** Backends to measure. Default: every one `listBackends()` finds available, except a software WebGPU adapter. */
  readonly backends?: readonly string[];
  /** Bases by registered name. Default bspline and gaussian. */
  readonly bases?: readonly string[];
  /** Layer kinds. Default both. */
  readonly layers?: readonly LayerKind[];
  /** Ops. Default all five. */
  readonly ops?: readonly Op[];
  /** Overrides of the preset's method. */
  readonly warmup?: number;
  readonly repeats?: number;
  readonly minSampleMs?: number;
  /** The most seconds one group may take (null: no limit); default the preset's. */
  readonly maxGroupSeconds?: number | null;
  /** Only these cases (by id) of the preset. */
  readonly caseIds?: readonly string[];
  /** Run PyTorch too: `auto` (when python has torch), `on` (fail without it), `off`. Default `auto`. */
  readonly torch?: 'auto' | 'on' | 'off';
  /** Also time torch.compile'd models. */
  readonly torchCompile?: boolean;
  /** PyTorch with TF32 tensor cores for matmuls and cuDNN (allow_tf32), to compare TF32 with TF32 (--tf32). */
  readonly torchTf32?: boolean;
  /** Also time PyTorch's training step captured whole in one CUDA graph (backend torch-cuda-graph; CUDA only). */
  readonly torchCudaGraph?: boolean;
  /** On cuda: TF32 tensor cores for fp32 products (cuBLAS and the fused kernels). */
  readonly tf32?: boolean;
  /**
   * On cuda: KanBasisLinear's paths to force as extra contenders, interleaved with the per-call choice (variants
   * `layer-simt`/`simt` for `fused`, `layer-vendor`/`vendor` for `vendor`). Default none.
   */
  readonly cudaPaths?: readonly CudaPath[];
  /** On cuda: also time the train-step replayed from one CUDA graph (variant `layer-captured`, captureStep). */
  readonly cudaCapture?: boolean;
  /** The python with torch. Default KANJS_BENCH_PYTHON or `python3`. */
  readonly python?: string;
  /** Run the cases that are skipped on slow backends (cpu, wasm, software WebGPU, torch on the CPU) too. */
  readonly all?: boolean;
  /** Include the approximation experiment: default as the preset says. */
  readonly approx?: boolean;
  /** The backend that backend ratios are against. Default torch-cuda if measured, else cpu, else the first measured. */
  readonly baselineBackend?: string;
  /** Seeds inputs and initialisation. Default 1. */
  readonly seed?: number;
  /** The commit to record, where the run cannot ask git (e.g. a copy of the tree without .git). */
  readonly commit?: string;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Notes as they happen (e.g. "torch: not available (python3 has no torch)"). */
  readonly log?: (line: string) => void;
}

/** The first line of an error's message. */
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/** Registers the installed basis packages when `name` is not registered yet, then checks it. */
async function ensureBasis(name: string): Promise<void> {
  if (hasBasis(name)) return;
  await registerInstalledBases();
  if (!hasBasis(name)) {
    throw new Error(`unknown basis "${name}"; registered bases: ${basisNames().join(', ')} (install the package that registers it, e.g. @kanjs/basis-${name}).`);
  }
}

/** Which backends to measure, with the record of each. */
async function selectBackends(requested: readonly string[] | undefined): Promise<BackendRecord[]> {
  if (requested !== undefined) {
    for (const name of requested) {
      if (!(BENCH_BACKENDS as readonly string[]).includes(name)) throw new Error(`unknown backend "${name}"; expected one of ${BENCH_BACKENDS.join(', ')}.`);
    }
    return requested.map((name) => ({ name, available: true, selected: true }));
  }
  const list = await listBackends();
  return list
    .filter((b) => (BENCH_BACKENDS as readonly string[]).includes(b.name))
    .map((b) => {
      const software = b.adapter?.software === true;
      const reason = !b.available ? b.reason : software ? `the WebGPU adapter is a software one (${b.adapter?.description || b.adapter?.architecture}); name it in --backends to measure it` : undefined;
      return { name: b.name, available: b.available, selected: b.available && !software, ...(reason === undefined ? {} : { reason }) };
    });
}

/** @kanjs/backend-cuda's setBasisLinearPath (loaded by name: the bench does not depend on the cuda backend). */
async function cudaPathSetter(): Promise<(path: CudaPath | 'auto') => void> {
  const name = '@kanjs/backend-cuda';
  const module = (await import(name)) as { setBasisLinearPath?: (path: CudaPath | 'auto') => void };
  if (typeof module.setBasisLinearPath !== 'function') throw new Error('--cuda-paths: this @kanjs/backend-cuda has no setBasisLinearPath (it is older than the vendor path).');
  return module.setBasisLinearPath;
}

/** @kanjs/backend-cuda's captureStep (loaded by name, like setBasisLinearPath). */
async function cudaCaptureStep(): Promise<CaptureStepFn> {
  const name = '@kanjs/backend-cuda';
  const module = (await import(name)) as { captureStep?: CaptureStepFn };
  if (typeof module.captureStep !== 'function') throw new Error('--cuda-capture: this @kanjs/backend-cuda has no captureStep (it is older than captured steps).');
  return module.captureStep;
}

/** Runs the benchmark and returns the result (files are the CLI's business). */
export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const startedAt = new Date();
  const log = options.log ?? (() => undefined);
  const preset = typeof options.preset === 'object' ? options.preset : PRESETS[options.preset ?? 'smoke'];
  if (preset === undefined) throw new Error(`unknown preset "${String(options.preset)}"; expected one of ${Object.keys(PRESETS).join(', ')}.`);
  const seed = options.seed ?? 1;
  const warmup = options.warmup ?? preset.warmup;
  const repeats = options.repeats ?? preset.repeats;
  const minSampleMs = options.minSampleMs ?? preset.minSampleMs;
  const maxGroupSeconds = options.maxGroupSeconds === undefined ? preset.maxGroupSeconds : options.maxGroupSeconds;
  const budget = maxGroupSeconds === null ? {} : { budgetMs: maxGroupSeconds * 1000 };
  if (!(Number.isInteger(warmup) && warmup >= 0)) throw new Error(`warmup must be an integer ≥ 0, got ${warmup}.`);
  if (!(Number.isInteger(repeats) && repeats >= 1)) throw new Error(`repeats must be an integer ≥ 1, got ${repeats}.`);
  // "all": every basis of every installed basis package.
  const bases = options.bases?.includes('all') ? await registerInstalledBases() : [...(options.bases ?? DEFAULT_BASES)];
  for (const name of bases) await ensureBasis(name);
  const layers = [...(options.layers ?? LAYER_KINDS)];
  for (const layer of layers) if (!LAYER_KINDS.includes(layer)) throw new Error(`unknown layer kind "${layer}"; expected ${LAYER_KINDS.join(' or ')}.`);
  const cudaPaths = [...(options.cudaPaths ?? [])];
  for (const path of cudaPaths) if (!(CUDA_PATHS as readonly string[]).includes(path)) throw new Error(`unknown cuda path "${path}"; expected ${CUDA_PATHS.join(' or ')}.`);
  const ops = [...(options.ops ?? OPS)];
  for (const op of ops) if (!(OPS as readonly string[]).includes(op)) throw new Error(`unknown op "${op}"; expected one of ${OPS.join(', ')}.`);
  let cases: BenchCase[] = [...preset.cases];
  if (options.caseIds !== undefined) {
    const unknown = options.caseIds.filter((id) => !cases.some((c) => c.id === id));
    if (unknown.length > 0) throw new Error(`unknown case ${unknown.join(', ')}; the ${preset.name} preset has ${cases.map((c) => c.id).join(', ')}.`);
    cases = cases.filter((c) => options.caseIds!.includes(c.id));
  }

  // tfjs's one-time console notes (e.g. "install the node backend") are not for bench output.
  tf.env().set('PROD', true);
  const backends = await selectBackends(options.backends);
  const selected = backends.filter((b) => b.selected);
  // KANLinear runs its initial least-squares fit on cpu when cpu is registered: backends without synchronous
  // reads (webgpu in Node) cannot run it themselves.
  await import('@tensorflow/tfjs-backend-cpu').catch(() => undefined);

  const python = options.python ?? process.env['KANJS_BENCH_PYTHON'] ?? 'python3';
  const torchMode = options.torch ?? 'auto';
  let probe: TorchProbe = { available: false, reason: 'not requested (--no-torch)' };
  if (torchMode !== 'off') {
    probe = probeTorch(python);
    if (!probe.available) {
      if (torchMode === 'on') throw new Error(`torch: not available (${probe.reason}).`);
      log(`torch: not available (${probe.reason})`);
    } else {
      log(`torch: ${probe.version} on ${probe.device}${probe.deviceName ? ` (${probe.deviceName})` : ''}`);
    }
  }
  const torchBases = bases.filter((b) => (TORCH_BASES as readonly string[]).includes(b));

  // The plan, for the progress bar: contenders × (warm-up + repeats + one check) steps per group.
  const modelOps = ops.filter((op) => op === 'forward' || op === 'forward-backward' || op === 'train-step').length;
  const branchOps = ops.length - modelOps;
  const perGroup = (c: BenchCase, fusedShare: number, torchBasesCount: number, modelCopies = 1) =>
    (layers.length * torchBasesCount * modelOps * modelCopies + (c.kind === 'layer' ? torchBasesCount * branchOps * fusedShare : 0)) * (warmup + repeats + 1);
  // Contenders per model op, and per spline-branch op, on a backend: forced cuda paths add one of each per path.
  const copies = (name: string) => (name === 'cuda' ? 1 + cudaPaths.length : 1);
  // --cuda-capture adds one train-step contender per model on cuda.
  const captured = (name: string) => (name === 'cuda' && options.cudaCapture === true && ops.includes('train-step') ? layers.length * bases.length * (warmup + repeats + 1) : 0);
  const planOf = (name: string, c: BenchCase) => perGroup(c, name === 'webgpu' || name === 'cuda' ? 1 + copies(name) : 1, bases.length, copies(name)) + captured(name);
  let total = 0;
  for (const b of selected) for (const c of cases) total += planOf(b.name, c);
  const torchVariants = options.torchCompile ? 2 : 1;
  const torchWarmup = options.torchCompile ? Math.max(1, warmup) : warmup;
  if (probe.available) for (const c of cases) total += torchVariants * ((torchWarmup + repeats + 1) / (warmup + repeats + 1)) * perGroup(c, 1, torchBases.length);
  total = Math.round(total);
  let done = 0;
  let label = '';
  const report = (steps = 1) => {
    done += steps;
    options.onProgress?.({ done: Math.min(done, total), total, label });
  };

  const measurements: Measurement[] = [];
  const skipped: Skipped[] = [];
  const records: BackendRecord[] = [];
  const notes: string[] = [];
  let setPath: ((path: CudaPath | 'auto') => void) | undefined;
  let captureStep: CaptureStepFn | undefined;

  for (const record of backends) {
    if (!record.selected) {
      records.push(record);
      continue;
    }
    let info: BackendInfo;
    try {
      info = await useBackend(record.name, { tf32: options.tf32 === true });
      if (record.name === 'cuda' && options.tf32 === true) notes.push('cuda ran with TF32 tensor cores on (--tf32): fp32 products round their operands to 10 mantissa bits.');
      if (record.name === 'cuda' && cudaPaths.length > 0) {
        setPath = await cudaPathSetter();
        notes.push(`cuda also ran KanBasisLinear with its path forced (--cuda-paths ${cudaPaths.join(',')}), interleaved with the per-call choice: ${cudaPaths.map((p) => (p === 'fused' ? 'layer-simt/simt: the fused SIMT kernels' : 'layer-vendor/vendor: the chunked cuBLAS path')).join('; ')}.`);
      }
      if (record.name === 'cuda' && options.cudaCapture === true) {
        captureStep = await cudaCaptureStep();
        notes.push('cuda also ran the train-step captured whole in one CUDA graph (--cuda-capture, variant layer-captured: captureStep of @kanjs/backend-cuda, its own model and optimizer, replayed each call).');
      }
    } catch (error) {
      const reason = (error as Error).message;
      log(`${record.name}: not available (${reason})`);
      records.push({ name: record.name, available: false, selected: true, reason });
      skipped.push({ backend: record.name, caseId: null, basis: null, layer: null, op: null, variant: null, reason: `backend not available: ${reason}` });
      done += cases.reduce((n, c) => n + planOf(record.name, c), 0);
      continue;
    }
    records.push({ name: record.name, available: true, selected: true, info: { ...info } });
    const software = info.adapter?.software === true;
    for (const benchCase of cases) {
      const planned = planOf(record.name, benchCase);
      const reason = options.all ? null : slowSkipReason(record.name, benchCase, software);
      if (reason !== null) {
        skipped.push({ backend: record.name, caseId: benchCase.id, basis: null, layer: null, op: null, variant: null, reason });
        report(planned);
        continue;
      }
      const before = done;
      const groupId = `${record.name}/${benchCase.id}`;
      label = `${record.name} ${benchCase.id}`;
      let group: Group;
      try {
        group = buildGroup({ backend: record.name, benchCase, bases, layers, ops, seed, ...(setPath === undefined ? {} : { cudaPaths: { paths: cudaPaths, setPath } }), ...(captureStep === undefined || record.name !== 'cuda' ? {} : { captureStep }) });
      } catch (error) {
        const reason = `building the models failed: ${firstLine(error)}`;
        log(`${groupId}: ${reason}`);
        skipped.push({ backend: record.name, caseId: benchCase.id, basis: null, layer: null, op: null, variant: null, reason });
        report(planned);
        continue;
      }
      try {
        skipped.push(...group.skipped);
        // A contender that throws (e.g. out of memory) is dropped with its reason; the others go on.
        const failures = new Map<number, string>();
        const guarded = group.contenders.map((c, i) => ({
          alwaysComplete: c.alwaysComplete === true,
          async step(complete: boolean) {
            if (failures.has(i)) return;
            try {
              await c.step(complete);
            } catch (error) {
              failures.set(i, firstLine(error));
            }
          },
        }));
        const timings = await timeInterleaved(guarded, { warmup, repeats, minSampleMs, ...budget, onStep: () => report() });
        for (const [i, c] of group.contenders.entries()) {
          let check: Awaited<ReturnType<typeof c.check>> | undefined;
          if (!failures.has(i)) {
            try {
              check = await c.check();
            } catch (error) {
              failures.set(i, firstLine(error));
            }
          }
          report();
          const failure = failures.get(i);
          if (failure !== undefined || check === undefined) {
            const reason = `failed: ${failure ?? 'unknown error'}`;
            log(`${groupId} ${c.layer ?? '-'} ${c.basis} ${c.op} ${c.variant}: ${reason}`);
            skipped.push({ backend: record.name, caseId: benchCase.id, basis: c.basis, layer: c.layer, op: c.op, variant: c.variant, reason });
            continue;
          }
          const timing = timings[i]!;
          measurements.push({
            id: `${record.name}/${benchCase.id}/${c.layer ?? '-'}/${c.basis}/${c.op}/${c.variant}`,
            backend: record.name,
            runtime: 'tfjs',
            caseId: benchCase.id,
            kind: benchCase.kind,
            shape: benchCase.kind === 'layer' ? { in: benchCase.widths[0]!, out: benchCase.widths[1]! } : null,
            network: [...benchCase.widths],
            batch: benchCase.batch,
            dtype: 'float32',
            basis: c.basis,
            basisConfig: c.basisConfig,
            layer: c.layer,
            op: c.op,
            variant: c.variant,
            group: groupId,
            warmup: timing.warmup,
            repeats: timing.repeats,
            inner: timing.inner,
            timeMs: summarize(timing.samplesMs),
            samplesMs: timing.samplesMs,
            params: c.params,
            nonTrainableParams: c.nonTrainableParams,
            memory: check.memory,
            finite: check.finite,
          });
        }
      } finally {
        group.dispose();
      }
      // Planned steps of skipped contenders (e.g. no fused kernel) still count toward the total.
      report(Math.max(0, planned - (done - before)));
    }
  }

  const torchTf32 = options.torchTf32 === true;
  let torch = torchRecord(probe, python, options.torchCompile === true, torchTf32);
  if (probe.available) {
    const unsupported = bases.filter((b) => !(TORCH_BASES as readonly string[]).includes(b));
    for (const basis of unsupported) {
      skipped.push({ backend: `torch-${probe.device}`, caseId: null, basis, layer: null, op: null, variant: null, reason: `the torch runner implements ${TORCH_BASES.join(' and ')} only` });
    }
    if (torchBases.length > 0) {
      label = `torch ${probe.device}`;
      try {
        const run = await runTorch(
          python,
          {
            cases, layers, ops, warmup: torchWarmup, repeats, minSampleMs, seed, compile: options.torchCompile === true, tf32: torchTf32, cudaGraph: options.torchCudaGraph === true, all: options.all === true,
            bases: torchBases.map((name) => ({ name, config: createBasis(name, 1).config })),
            slowMaxBatch: SLOW_LIMITS['torch-cpu']!.maxBatch, slowMaxWork: SLOW_LIMITS['torch-cpu']!.maxWork, maxGroupSeconds,
          },
          (steps) => report(steps),
        );
        measurements.push(...run.measurements);
        skipped.push(...run.skipped);
      } catch (error) {
        const reason = (error as Error).message;
        log(`torch: failed (${reason})`);
        torch = torchRecord(probe, python, options.torchCompile === true, torchTf32, `failed: ${reason}`);
        skipped.push({ backend: `torch-${probe.device}`, caseId: null, basis: null, layer: null, op: null, variant: null, reason: `the torch runner failed: ${reason}` });
      }
      report(Math.max(0, total - done));
    }
  }

  const measuredBackends = [...new Set(measurements.map((m) => m.backend))];
  const baselineBackend =
    options.baselineBackend ?? (measuredBackends.includes('torch-cuda') ? 'torch-cuda' : measuredBackends.includes('cpu') ? 'cpu' : (measuredBackends[0] ?? null));
  const includeApprox = options.approx ?? preset.approx !== 'none';
  let approx: ApproxResult | null = null;
  if (includeApprox) {
    label = 'approximation experiment';
    approx = runApprox(preset.approx === 'quick' ? { hRatios: hRatioSweep(0.2, 3, 0.1), points: 401 } : {});
  }
  if (measurements.some((m) => !m.finite)) notes.push('Some outputs were not finite: see the measurements with finite = false.');
  const finishedAt = new Date();
  const { commit: head, dirty } = options.commit === undefined ? commit() : { commit: options.commit, dirty: null };
  return {
    schemaVersion: 1,
    tool: { name: '@kanjs/bench', version: ownVersion() },
    preset: preset.name,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    commit: head,
    dirty,
    machine: machine(),
    packages: packageVersions(installedBasisPackages()),
    method: {
      warmup,
      repeats,
      minSampleMs,
      maxGroupSeconds,
      interleaving: 'Within each group (one backend, one case), every contender runs once per repeat, round-robin, the starting contender rotating by one each repeat; warm-up rounds come first and are not timed. Backends run one after another (models are rebuilt per backend).',
      completion: 'A sample ends by reading a value back: one element of the output (forward), of the last gradient (forward+backward), or the loss (training step, every iteration). Every backend runs its work in order (one CUDA stream, one WebGPU queue), so that read waits for all queued work; nothing is subtracted. torch: torch.cuda.synchronize() after the sample.',
      timer: 'performance.now() (torch: time.perf_counter()) around a sample of `inner` iterations; times are per iteration.',
      memory: 'One extra untimed call per contender. tfjs has no running peak counter: peakAddedBytes is the highest tf.memory().numBytes sampled after each kernel (tf.profile peakBytes) minus the value before the call; persistentBytes counts weights, inputs and optimizer slots. backend memory: tf.memory() fields the backend adds (webgpu: numBytesInGPU, numBytesAllocatedInGPU), process-wide; torch on CUDA: torch.cuda.max_memory_allocated.',
      seed,
    },
    cases,
    bases,
    layers,
    ops,
    backends: records,
    torch,
    measurements,
    skipped,
    ratios: computeRatios(measurements, baselineBackend),
    baselineBackend,
    approx,
    notes,
  };
}
