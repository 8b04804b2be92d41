// Drives the PyTorch reference runner (torch/bench_torch.py) in a child process: a JSON spec on stdin, a JSON
// result on stdout, progress lines on stderr.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchCase, LayerKind, Measurement, Op, Skipped, TorchRecord } from './types.js';

/** Where the runner lives: packages/bench/torch/bench_torch.py. */
export const TORCH_RUNNER = fileURLToPath(new URL('../torch/bench_torch.py', import.meta.url));

/** The bases the runner implements. */
export const TORCH_BASES = ['bspline', 'gaussian'] as const;

export interface TorchProbe {
  readonly available: boolean;
  readonly reason?: string;
  readonly version?: string;
  readonly device?: string;
  readonly deviceName?: string;
}

/** Whether `python` runs and has torch; on which device the runner would time. */
export function probeTorch(python: string): TorchProbe {
  const result = spawnSync(python, [TORCH_RUNNER, '--probe'], { encoding: 'utf8', timeout: 120_000 });
  if (result.error !== undefined) {
    const code = (result.error as NodeJS.ErrnoException).code;
    return { available: false, reason: code === 'ENOENT' ? `${python} not found` : `${python} failed to start: ${result.error.message}` };
  }
  if (result.status !== 0) {
    const text = `${result.stderr}`;
    if (result.status === 3 || /No module named .?torch/.test(text)) return { available: false, reason: `${python} has no torch` };
    return { available: false, reason: `${python} ${TORCH_RUNNER} --probe exited ${result.status}: ${text.trim().split('\n').pop() ?? ''}` };
  }
  try {
    const info = JSON.parse(result.stdout) as { version: string; device: string; deviceName?: string };
    return { available: true, version: info.version, device: info.device, ...(info.deviceName === undefined ? {} : { deviceName: info.deviceName }) };
  } catch {
    return { available: false, reason: `the torch probe printed no JSON: ${result.stdout.slice(0, 200)}` };
  }
}

export interface TorchSpec {
  readonly cases: readonly BenchCase[];
  readonly layers: readonly LayerKind[];
  readonly bases: readonly { name: string; config: Readonly<Record<string, unknown>> }[];
  readonly ops: readonly Op[];
  readonly warmup: number;
  readonly repeats: number;
  readonly minSampleMs: number;
  readonly compile: boolean;
  /** torch.backends.cuda.matmul.allow_tf32 and torch.backends.cudnn.allow_tf32. */
  readonly tf32: boolean;
  /** Also time the training step captured whole in one CUDA graph (backend torch-cuda-graph). */
  readonly cudaGraph: boolean;
  readonly seed: number;
  readonly all: boolean;
  readonly slowMaxBatch: number;
  readonly slowMaxWork: number;
  readonly maxGroupSeconds: number | null;
}

/** What the runner returns. */
export interface TorchRun {
  readonly torch: { version: string; device: string; deviceName?: string };
  readonly measurements: Measurement[];
  readonly skipped: Skipped[];
}

type RawMeasurement = Omit<Measurement, 'id' | 'runtime' | 'kind' | 'shape' | 'network' | 'batch' | 'dtype' | 'group'>;

/** Runs the torch runner; `onSteps` gets the number of steps finished since the last call. */
export async function runTorch(python: string, spec: TorchSpec, onSteps: (steps: number) => void): Promise<TorchRun> {
  const child = spawn(python, [TORCH_RUNNER], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderrTail = '';
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^PROGRESS (\d+)$/.exec(line);
      if (match) onSteps(Number(match[1]));
      else if (line.trim() !== '') stderrTail = `${stderrTail}\n${line}`.slice(-4000);
    }
  });
  child.stdin.end(JSON.stringify(spec));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`the torch runner exited ${code}: ${stderrTail.trim().split('\n').slice(-5).join(' | ')}`);
  const raw = JSON.parse(stdout) as { torch: TorchRun['torch']; measurements: RawMeasurement[]; skipped: Skipped[] };
  const byId = new Map(spec.cases.map((c) => [c.id, c]));
  const measurements = raw.measurements.map((m): Measurement => {
    const benchCase = byId.get(m.caseId)!;
    const layer = benchCase.kind === 'layer';
    const branch = m.op === 'basis-linear-forward' || m.op === 'basis-linear-forward-backward';
    return {
      id: `${m.backend}/${m.caseId}/${m.layer ?? '-'}/${m.basis}/${m.op}/${m.variant}`,
      backend: m.backend,
      runtime: 'torch',
      caseId: m.caseId,
      kind: benchCase.kind,
      shape: layer || branch ? { in: benchCase.widths[0]!, out: benchCase.widths[1]! } : null,
      network: [...benchCase.widths],
      batch: benchCase.batch,
      dtype: 'float32',
      basis: m.basis,
      basisConfig: m.basisConfig,
      layer: m.layer,
      op: m.op,
      variant: m.variant,
      group: `${m.backend}/${m.caseId}`,
      warmup: m.warmup,
      repeats: m.repeats,
      inner: m.inner,
      timeMs: m.timeMs,
      samplesMs: m.samplesMs,
      params: m.params,
      nonTrainableParams: m.nonTrainableParams,
      memory: m.memory,
      finite: m.finite,
    };
  });
  return { torch: raw.torch, measurements, skipped: raw.skipped };
}

/** The record of torch in a result. */
export function torchRecord(probe: TorchProbe, python: string, compile: boolean, tf32: boolean, reason?: string): TorchRecord {
  if (!probe.available || reason !== undefined) return { available: false, reason: reason ?? probe.reason ?? 'unknown', python, compile, tf32 };
  return {
    available: true,
    python,
    compile,
    tf32,
    ...(probe.version === undefined ? {} : { version: probe.version }),
    ...(probe.device === undefined ? {} : { device: probe.device }),
    ...(probe.deviceName === undefined ? {} : { deviceName: probe.deviceName }),
  };
}
