// Command-line parsing for kanjs-bench: every flag is checked, and a bad one gets one sentence naming what was
// expected and what was found.
import { parseArgs } from 'node:util';
import { PRESET_NAMES, type PresetName } from './presets.js';
import { BENCH_BACKENDS, LAYER_KINDS, type BenchOptions } from './run.js';
import { CUDA_PATHS, OPS, type CudaPath, type LayerKind, type Op } from './types.js';

/** Thrown for bad command-line input; the CLI prints the message and exits 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `kanjs-bench: benchmarks of kanjs KAN layers (every basis × layer kind × backend × shape × batch)

Usage:
  kanjs-bench [run] [options]     time forward, forward+backward, a training step and the spline branch
  kanjs-bench approx [outputs]    the FastKAN paper's approximation experiment alone (float64, no tfjs)

Options:
  --preset smoke|paper|full|large|scaling  smoke: seconds on the CPU (default); paper: 100→100 @8 and [784, 64, 10] @64;
                             full: paper + 1024→1024 @4096 + a batch sweep of 100→100 from 1 to 8192;
                             large: 1024→1024 @4096 and 4096→4096 @8192;
                             scaling: widths 256, 1024 and 4096, each over batch 1 to 16384
  --backends LIST            comma-separated: ${BENCH_BACKENDS.join(', ')} (default: every available one,
                             except a software WebGPU adapter, which is measured only when named)
  --bases LIST               bases by name (default bspline,gaussian), or all: every basis of every installed
                             @kanjs/basis-* package
  --layers LIST              fastkan,kan-linear (default both)
  --ops LIST                 ${OPS.join(', ')} (default all)
  --cases LIST               only these case ids of the preset (e.g. layer-100x100-b8)
  --warmup N, --repeats N    override the preset's warm-up rounds and timed repeats
  --min-sample-ms X          a sample repeats the op until it lasts about X ms (default: the preset's)
  --max-group-seconds X      time budget of one backend × case group: slow groups run fewer rounds (warm-up
                             down to 1, repeats down to 3); 0: no budget (default: the preset's)
  --all                      also run what is skipped as too slow on cpu, wasm, software WebGPU and torch-cpu
  --baseline-backend NAME    backend ratios against NAME (default torch-cuda if measured, else cpu)
  --torch                    require PyTorch (fail without it); default: use it when python has torch
  --no-torch                 do not run PyTorch
  --torch-compile            also time torch.compile'd models
  --torch-cuda-graph         also time PyTorch's training step captured whole in one CUDA graph (torch-cuda-graph)
  --torch-tf32               PyTorch with TF32 tensor cores (allow_tf32 for matmuls and cuDNN), to compare with --tf32
  --tf32                     on cuda, let fp32 products use TF32 tensor cores (cuBLAS and the fused kernels)
  --cuda-paths LIST          on cuda, also time KanBasisLinear with its path forced, interleaved with the per-call
                             choice: fused (variants layer-simt, simt) and/or vendor (layer-vendor, vendor)
  --cuda-capture             on cuda, also time the train-step captured whole in one CUDA graph (captureStep;
                             variant layer-captured), to compare with --torch-cuda-graph
  --python PATH              the python with torch (default $KANJS_BENCH_PYTHON or python3)
  --no-approx                leave the approximation experiment out
  --seed N                   inputs and initialisation (default 1)
  --commit SHA               the commit to record where git cannot tell (default: $KANJS_BENCH_COMMIT,
                             else git rev-parse HEAD, else "unknown")

Outputs (without any, everything goes to benchmarks/<preset>.* in the repository, ./kanjs-bench-results/ when installed):
  --out FILE.json            the JSON result (schema: schema/bench.schema.json)
  --markdown FILE.md         the markdown report
  --out-dir DIR              DIR/<name>.json, DIR/<name>.md and DIR/<name>-*.svg
  --name NAME                the file name stem in --out-dir (default: the preset, or "approx")
  --quiet                    no progress bar
  -h, --help                 this text
`;

export interface Outputs {
  readonly json?: string;
  readonly markdown?: string;
  readonly outDir?: string;
  readonly name: string;
}

export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'run'; readonly options: BenchOptions; readonly outputs: Outputs; readonly quiet: boolean }
  | { readonly name: 'approx'; readonly outputs: Outputs; readonly quiet: boolean };

function list<T extends string>(flag: string, value: string | undefined, allowed?: readonly T[]): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new UsageError(`--${flag} needs a comma-separated list, got "${value}".`);
  if (allowed !== undefined) {
    for (const item of items) {
      if (!(allowed as readonly string[]).includes(item)) throw new UsageError(`--${flag}: unknown "${item}"; expected ${allowed.join(', ')}.`);
    }
  }
  return items as T[];
}

function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer ≥ ${min}, got "${value}".`);
  return n;
}

/** Parses argv (without node and the script). */
export function parseCommand(argv: readonly string[], defaultOutDir: string): Command {
  const [first, ...rest] = argv;
  const name = first === 'approx' ? 'approx' : 'run';
  const args = first === 'approx' || first === 'run' ? rest : [...argv];
  let values;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        preset: { type: 'string' }, backends: { type: 'string' }, bases: { type: 'string' }, layers: { type: 'string' }, ops: { type: 'string' },
        cases: { type: 'string' }, warmup: { type: 'string' }, repeats: { type: 'string' }, 'min-sample-ms': { type: 'string' },
        'max-group-seconds': { type: 'string' },
        all: { type: 'boolean' }, 'baseline-backend': { type: 'string' }, torch: { type: 'boolean' }, 'no-torch': { type: 'boolean' },
        'torch-compile': { type: 'boolean' }, 'torch-tf32': { type: 'boolean' }, 'torch-cuda-graph': { type: 'boolean' }, tf32: { type: 'boolean' }, 'cuda-paths': { type: 'string' }, 'cuda-capture': { type: 'boolean' }, python: { type: 'string' }, 'no-approx': { type: 'boolean' }, seed: { type: 'string' },
        commit: { type: 'string' },
        out: { type: 'string' }, markdown: { type: 'string' }, 'out-dir': { type: 'string' }, name: { type: 'string' },
        quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}; see kanjs-bench --help.`);
  }
  if (values.help) return { name: 'help' };
  const preset = values.preset ?? 'smoke';
  if (!(PRESET_NAMES as readonly string[]).includes(preset)) throw new UsageError(`--preset must be one of ${PRESET_NAMES.join(', ')}, got "${preset}".`);
  const stem = values.name ?? (name === 'approx' ? 'approx' : preset);
  if (!/^[\w.-]+$/.test(stem)) throw new UsageError(`--name must be a plain file name stem, got "${stem}".`);
  const anyOutput = values.out !== undefined || values.markdown !== undefined || values['out-dir'] !== undefined;
  const outputs: Outputs = {
    name: stem,
    ...(values.out === undefined ? {} : { json: values.out }),
    ...(values.markdown === undefined ? {} : { markdown: values.markdown }),
    ...(values['out-dir'] !== undefined ? { outDir: values['out-dir'] } : anyOutput ? {} : { outDir: defaultOutDir }),
  };
  const quiet = values.quiet === true;
  if (name === 'approx') return { name, outputs, quiet };
  if (values.torch && values['no-torch']) throw new UsageError('--torch and --no-torch contradict each other.');
  const minSampleMs = values['min-sample-ms'] === undefined ? undefined : Number(values['min-sample-ms']);
  if (minSampleMs !== undefined && !(minSampleMs >= 0)) throw new UsageError(`--min-sample-ms must be a number ≥ 0, got "${values['min-sample-ms']}".`);
  const maxGroup = values['max-group-seconds'] === undefined ? undefined : Number(values['max-group-seconds']);
  if (maxGroup !== undefined && !(maxGroup >= 0)) throw new UsageError(`--max-group-seconds must be a number ≥ 0, got "${values['max-group-seconds']}".`);
  const backends = list('backends', values.backends, BENCH_BACKENDS);
  const bases = list('bases', values.bases);
  const layers = list<LayerKind>('layers', values.layers, LAYER_KINDS);
  const ops = list<Op>('ops', values.ops, OPS);
  const caseIds = list('cases', values.cases);
  const cudaPaths = list<CudaPath>('cuda-paths', values['cuda-paths'], CUDA_PATHS);
  const warmup = integer('warmup', values.warmup, 0);
  const repeats = integer('repeats', values.repeats, 1);
  const seed = integer('seed', values.seed, 0);
  const options: BenchOptions = {
    preset: preset as PresetName,
    torch: values.torch ? 'on' : values['no-torch'] ? 'off' : 'auto',
    torchCompile: values['torch-compile'] === true,
    torchTf32: values['torch-tf32'] === true,
    torchCudaGraph: values['torch-cuda-graph'] === true,
    tf32: values.tf32 === true,
    ...(values['cuda-capture'] === true ? { cudaCapture: true } : {}),
    all: values.all === true,
    ...(values['no-approx'] ? { approx: false } : {}),
    ...(backends === undefined ? {} : { backends }),
    ...(bases === undefined ? {} : { bases }),
    ...(layers === undefined ? {} : { layers }),
    ...(ops === undefined ? {} : { ops }),
    ...(caseIds === undefined ? {} : { caseIds }),
    ...(cudaPaths === undefined ? {} : { cudaPaths }),
    ...(warmup === undefined ? {} : { warmup }),
    ...(repeats === undefined ? {} : { repeats }),
    ...(minSampleMs === undefined ? {} : { minSampleMs }),
    ...(maxGroup === undefined ? {} : { maxGroupSeconds: maxGroup === 0 ? null : maxGroup }),
    ...(seed === undefined ? {} : { seed }),
    ...(values.python === undefined ? {} : { python: values.python }),
    ...(values.commit === undefined ? {} : { commit: values.commit }),
    ...(values['baseline-backend'] === undefined ? {} : { baselineBackend: values['baseline-backend'] }),
  };
  return { name, options, outputs, quiet };
}
