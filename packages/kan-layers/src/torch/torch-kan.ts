import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { createBasis, describe, trainableStateNames, truncate } from '@kanjs/basis-core';
import { FastKANLayer } from '../layers/fastkan-layer.js';
import { KANLinear, whileLoadingWeights } from '../layers/kan-linear.js';
import type { BaseActivation } from '../layers/activations.js';
import type { KANLayerBase } from '../layers/kan-layer-base.js';
import { checkLayerSize } from '../layers/limits.js';
import { kan, kanLayers, type KANModelOptions } from '../model.js';
import { readSafetensors, shapeText, writeSafetensors, type SafetensorsTensor } from './safetensors.js';
import { splineToTorch, torchToSpline, transpose2d } from './layout.js';

/** The two PyTorch state-dict formats kanjs reads and writes. */
export type TorchKANFormat = 'efficient-kan' | 'fast-kan';

/** Hyper-parameters a state dict does not hold; the defaults are PyTorch's. */
export interface TorchKANOptions {
  /** fast-kan's RBF denominator h. Default: the centre spacing (grid[K−1] − grid[0])/(K − 1). */
  readonly denominator?: number;
  /** The base activation. Default `silu`. */
  readonly baseActivation?: BaseActivation;
  /** fast-kan's LayerNorm ε. Default 1e-5. */
  readonly layerNormEpsilon?: number;
  /** Refuse tensors the format does not use, as PyTorch's `load_state_dict(strict=True)` does. Default true. */
  readonly strict?: boolean;
}

/** Thrown for a safetensors file that does not hold a KAN state dict kanjs can read. */
export class TorchKANError extends Error {
  override readonly name = 'TorchKANError';
}

/**
 * Reads an efficient-kan `KAN` or fast-kan `FastKAN` state dict from safetensors bytes and returns a
 * `tf.Sequential` that computes the same function. The format comes from `__metadata__.format` when present,
 * otherwise from the tensor names. Tensors the format does not use are refused unless `strict` is false.
 */
export function loadTorchKAN(bytes: Uint8Array, options: TorchKANOptions = {}): tfl.Sequential {
  const file = readSafetensors(bytes);
  const format = detectFormat(file.metadata['format'], [...file.tensors.keys()]);
  const dict = new StateDict(file.tensors, format);
  const count = layerCount(dict.names, format);
  const plan = format === 'efficient-kan' ? planEfficientKan(count, dict, options) : planFastKan(count, dict, options);
  if (options.strict !== false) dict.checkAllUsed();
  return buildModel(plan);
}

/** The tensors of a state dict, read by name with their rank and shape checked; remembers which were read. */
class StateDict {
  private readonly used = new Set<string>();

  constructor(
    private readonly tensors: ReadonlyMap<string, SafetensorsTensor>,
    private readonly format: TorchKANFormat,
  ) {}

  get names(): string[] {
    return [...this.tensors.keys()];
  }

  has(name: string): boolean {
    return this.tensors.has(name);
  }

  /** The tensor `name`, which must exist and have `rank` dimensions. */
  get(name: string, rank: number): SafetensorsTensor {
    const tensor = this.tensors.get(name);
    if (tensor === undefined) throw new TorchKANError(`loadTorchKAN: missing tensor "${name}" for the ${this.format} format.`);
    if (tensor.shape.length !== rank) {
      throw new TorchKANError(`loadTorchKAN: "${name}" should have rank ${rank}, got shape ${shapeText(tensor.shape)}.`);
    }
    this.used.add(name);
    return tensor;
  }

  /** The tensor `name`, which must exist and have exactly `shape`. */
  getShaped(name: string, shape: readonly number[]): SafetensorsTensor {
    const tensor = this.get(name, shape.length);
    if (tensor.shape.some((d, i) => d !== shape[i])) {
      throw new TorchKANError(`loadTorchKAN: "${name}" should have shape ${shapeText(shape)}, got ${shapeText(tensor.shape)}.`);
    }
    return tensor;
  }

  /** Refuses tensors that were never read, naming them (PyTorch's "Unexpected key(s) in state_dict"). */
  checkAllUsed(): void {
    const unused = this.names.filter((name) => !this.used.has(name));
    if (unused.length === 0) return;
    const shown = unused.slice(0, 3).map((name) => describe(name)).join(', ');
    const more = unused.length > 3 ? ` and ${unused.length - 3} more` : '';
    throw new TorchKANError(
      `loadTorchKAN: unexpected tensors for the ${this.format} format: ${shown}${more}; pass { strict: false } to ignore them.`,
    );
  }
}

/** What to build and the weights to write into it: the `kan()` options, then per layer its weights by name. */
interface ModelPlan {
  /** Plain widths: the PyTorch formats have no multiplication nodes. */
  readonly options: KANModelOptions & { readonly layers: readonly number[] };
  readonly weights: readonly Readonly<Record<string, Float32Array>>[];
}

function planEfficientKan(count: number, dict: StateDict, options: TorchKANOptions): ModelPlan {
  const widths: number[] = [];
  const weights: Record<string, Float32Array>[] = [];
  const standalone = dict.has('layers.0.spline_scaler');
  let first: { splineOrder: number; gridSize: number; gridRange: [number, number] } | undefined;
  for (let l = 0; l < count; l++) {
    const p = `layers.${l}.`;
    const base = dict.get(`${p}base_weight`, 2);
    const [out, inFeatures] = base.shape as [number, number];
    checkWidth(widths, l, inFeatures, out);
    const spline = dict.get(`${p}spline_weight`, 3);
    const size = spline.shape[2]!;
    dict.getShaped(`${p}spline_weight`, [out, inFeatures, size]);
    const grid = dict.get(`${p}grid`, 2);
    const knots = grid.shape[1]!;
    dict.getShaped(`${p}grid`, [inFeatures, knots]);
    const splineOrder = knots - size - 1;
    const gridSize = size - splineOrder;
    if (splineOrder < 0 || gridSize < 1) {
      throw new TorchKANError(`loadTorchKAN: "${p}grid" has ${knots} knots per input and "${p}spline_weight" ${size} coefficients; expected G+2k+1 knots and G+k coefficients with G ≥ 1, k ≥ 0.`);
    }
    if (first === undefined) {
      first = { splineOrder, gridSize, gridRange: [grid.data[splineOrder]!, grid.data[splineOrder + gridSize]!] };
    } else if (splineOrder !== first.splineOrder || gridSize !== first.gridSize) {
      throw new TorchKANError(`loadTorchKAN: layers.${l} has grid size ${gridSize} and spline order ${splineOrder}; layers.0 has ${first.gridSize} and ${first.splineOrder}; kan() needs them equal.`);
    }
    if (dict.has(`${p}spline_scaler`) !== standalone) {
      throw new TorchKANError(`loadTorchKAN: "${p}spline_scaler" is ${standalone ? 'missing' : 'present'}, unlike in layers.0.`);
    }
    weights.push({
      grid: grid.data,
      base_weight: transpose2d(base.data, out, inFeatures),
      spline_weight: torchToSpline(spline.data, out, inFeatures, size),
      ...(standalone ? { spline_scaler: transpose2d(dict.getShaped(`${p}spline_scaler`, [out, inFeatures]).data, out, inFeatures) } : {}),
    });
  }
  const { splineOrder, gridSize, gridRange } = first!;
  return {
    options: {
      layers: widths,
      layer: 'kan-linear',
      // The range [t_k, t_{k+G}] of the first input's knots, which the basis config records.
      basis: { name: 'bspline', splineOrder, gridSize, gridRange },
      standaloneScaleSpline: standalone,
      baseActivation: options.baseActivation ?? 'silu',
      seed: 0,
    },
    weights,
  };
}

function planFastKan(count: number, dict: StateDict, options: TorchKANOptions): ModelPlan {
  const widths: number[] = [];
  const weights: Record<string, Float32Array>[] = [];
  const useLayerNorm = dict.has('layers.0.layernorm.weight');
  const useBaseUpdate = dict.has('layers.0.base_linear.weight');
  let size0 = 0;
  for (let l = 0; l < count; l++) {
    const p = `layers.${l}.`;
    const centres = dict.get(`${p}rbf.grid`, 1);
    const size = centres.shape[0]!;
    if (l === 0) size0 = size;
    else if (size !== size0) {
      throw new TorchKANError(`loadTorchKAN: layers.${l} has ${size} centres, layers.0 has ${size0}; kan() needs them equal.`);
    }
    const spline = dict.get(`${p}spline_linear.weight`, 2);
    const [out, flat] = spline.shape as [number, number];
    if (size === 0 || flat % size !== 0) {
      throw new TorchKANError(`loadTorchKAN: "${p}spline_linear.weight" has ${flat} columns, not a multiple of the ${size} centres in "${p}rbf.grid".`);
    }
    const inFeatures = flat / size;
    checkWidth(widths, l, inFeatures, out);
    if (useLayerNorm && inFeatures < 2) {
      throw new TorchKANError(`loadTorchKAN: layers.${l} has LayerNorm over ${inFeatures} input, which kanjs's FastKANLayer refuses; it needs 2 or more.`);
    }
    for (const [name, present, expected] of [['layernorm.weight', useLayerNorm, 'layernorm'], ['base_linear.weight', useBaseUpdate, 'base_linear']] as const) {
      if (dict.has(`${p}${name}`) !== present) {
        throw new TorchKANError(`loadTorchKAN: "${p}${name}" is ${present ? 'missing' : 'present'}, unlike in layers.0 (${expected} must be on or off in every layer).`);
      }
    }
    weights.push({
      ...(useLayerNorm
        ? { layernorm_gamma: dict.getShaped(`${p}layernorm.weight`, [inFeatures]).data, layernorm_beta: dict.getShaped(`${p}layernorm.bias`, [inFeatures]).data }
        : {}),
      grid: centres.data,
      spline_weight: transpose2d(spline.data, out, inFeatures * size),
      ...(useBaseUpdate
        ? {
            base_kernel: transpose2d(dict.getShaped(`${p}base_linear.weight`, [out, inFeatures]).data, out, inFeatures),
            base_bias: dict.getShaped(`${p}base_linear.bias`, [out]).data,
          }
        : {}),
    });
  }
  const c = weights[0]!['grid']!;
  const gridMin = c[0]!;
  const gridMax = c[c.length - 1]!;
  if (!(gridMin < gridMax)) throw new TorchKANError(`loadTorchKAN: "layers.0.rbf.grid" must increase, got first ${gridMin} and last ${gridMax}.`);
  return {
    options: {
      layers: widths,
      layer: 'fastkan',
      basis: { name: 'gaussian', numCenters: size0, gridMin, gridMax, denominator: options.denominator ?? (gridMax - gridMin) / (size0 - 1) },
      useLayerNorm,
      useBaseUpdate,
      baseActivation: options.baseActivation ?? 'silu',
      layerNormEpsilon: options.layerNormEpsilon ?? 1e-5,
      seed: 0,
    },
    weights,
  };
}

/**
 * Builds the model, skipping the initial fit that the file's weights replace, then writes the weights. What
 * kanjs refuses (a bound, a bad grid range) is checked before anything is allocated and becomes a TorchKANError.
 */
function buildModel(plan: ModelPlan): tfl.Sequential {
  const widths = plan.options.layers;
  let model: tfl.Sequential;
  try {
    const { size } = createBasis(plan.options.basis!, widths[0]!);
    for (let l = 0; l + 1 < widths.length; l++) checkLayerSize(`layers.${l}`, widths[l]!, widths[l + 1]!, size);
    model = whileLoadingWeights(() => kan(plan.options));
  } catch (error) {
    throw new TorchKANError(`loadTorchKAN: the file describes a model kanjs cannot build: ${(error as Error).message}`, { cause: error });
  }
  try {
    kanLayers(model).forEach((layer, l) => setWeights(layer, plan.weights[l]!));
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

/**
 * Writes a model built of KANLinear (B-spline) or FastKANLayer (Gaussian) layers as an efficient-kan or
 * fast-kan state dict in safetensors, with `__metadata__.format` set. `loadTorchKAN` reads it back exactly.
 * Asynchronous like `model.save`: it reads the weights with `data()`, which every backend supports.
 */
export async function saveTorchKAN(model: tfl.LayersModel): Promise<Uint8Array> {
  const layers = kanLayers(model);
  if (layers.length === 0 || layers.length !== model.layers.length) {
    throw new TorchKANError(`saveTorchKAN: the model must consist of KAN layers only; found ${model.layers.map((l) => l.getClassName()).join(', ')}.`);
  }
  const tensors: { name: string; shape: number[]; data: Float32Array }[] = [];
  const fast = layers[0] instanceof FastKANLayer;
  const values = await Promise.all(layers.map((layer) => Promise.all(layer.weights.map(async (w) => [w.originalName, (await w.read().data()) as Float32Array] as const))));
  layers.forEach((layer, l) => {
    const p = `layers.${l}.`;
    const byName = (suffix: string) => {
      const found = values[l]!.find(([name]) => name.endsWith(`/${suffix}`));
      if (found === undefined) throw new TorchKANError(`saveTorchKAN: ${layer.name} has no ${suffix} weight.`);
      return found[1];
    };
    const { inFeatures, units: out } = layer;
    const size = layer.basis.size;
    const trainable = trainableStateNames(layer.basis);
    if (trainable.length > 0) {
      throw new TorchKANError(`saveTorchKAN: ${layer.name}'s ${layer.basis.name} basis has trainable state (${trainable.join(', ')}), which neither efficient-kan nor fast-kan has; only fixed bases export.`);
    }
    if (fast) {
      if (!(layer instanceof FastKANLayer) || layer.basis.name !== 'gaussian') {
        throw new TorchKANError(`saveTorchKAN: fast-kan needs FastKANLayer layers with the gaussian basis; ${layer.name} is a ${layer.getClassName()} with the ${layer.basis.name} basis.`);
      }
      if (layer.useLayerNorm) {
        tensors.push({ name: `${p}layernorm.weight`, shape: [inFeatures], data: byName('layernorm_gamma') });
        tensors.push({ name: `${p}layernorm.bias`, shape: [inFeatures], data: byName('layernorm_beta') });
      }
      tensors.push({ name: `${p}rbf.grid`, shape: [size], data: byName('grid') });
      tensors.push({ name: `${p}spline_linear.weight`, shape: [out, inFeatures * size], data: transpose2d(byName('spline_weight'), inFeatures * size, out) });
      if (layer.useBaseUpdate) {
        tensors.push({ name: `${p}base_linear.weight`, shape: [out, inFeatures], data: transpose2d(byName('base_kernel'), inFeatures, out) });
        tensors.push({ name: `${p}base_linear.bias`, shape: [out], data: byName('base_bias') });
      }
    } else {
      if (!(layer instanceof KANLinear) || layer.basis.name !== 'bspline') {
        throw new TorchKANError(`saveTorchKAN: efficient-kan needs KANLinear layers with the bspline basis; ${layer.name} is a ${layer.getClassName()} with the ${layer.basis.name} basis.`);
      }
      const grid = byName('grid');
      tensors.push({ name: `${p}grid`, shape: [inFeatures, grid.length / inFeatures], data: grid });
      tensors.push({ name: `${p}base_weight`, shape: [out, inFeatures], data: transpose2d(byName('base_weight'), inFeatures, out) });
      tensors.push({ name: `${p}spline_weight`, shape: [out, inFeatures, size], data: splineToTorch(byName('spline_weight'), out, inFeatures, size) });
      if (layer.standaloneScaleSpline) {
        tensors.push({ name: `${p}spline_scaler`, shape: [out, inFeatures], data: transpose2d(byName('spline_scaler'), inFeatures, out) });
      }
    }
  });
  return writeSafetensors(tensors, { format: fast ? 'fast-kan' : 'efficient-kan' });
}


function detectFormat(declared: string | undefined, names: readonly string[]): TorchKANFormat {
  if (declared !== undefined) {
    if (declared === 'efficient-kan' || declared === 'fast-kan') return declared;
    throw new TorchKANError(`loadTorchKAN: __metadata__.format is ${describe(declared)}; expected "efficient-kan" or "fast-kan".`);
  }
  if (names.some((n) => /^layers\.\d+\.(rbf\.grid|spline_linear\.weight)$/.test(n))) return 'fast-kan';
  if (names.some((n) => /^layers\.\d+\.(spline_weight|base_weight)$/.test(n))) return 'efficient-kan';
  const shown = truncate(names.slice(0, 6).map((name) => truncate(name, 40)).join(', ') + (names.length > 6 ? ', …' : ''), 120);
  throw new TorchKANError(
    `loadTorchKAN: cannot tell the format; expected efficient-kan names (layers.0.base_weight, …) or fast-kan names (layers.0.rbf.grid, …), found ${shown || 'no tensors'}.`,
  );
}

/** The tensors of one layer `layers.{i}.`, by format; the first is the one every layer has and a load reads first. */
const LAYER_TENSORS: Readonly<Record<TorchKANFormat, readonly string[]>> = {
  'efficient-kan': ['base_weight', 'spline_weight', 'grid', 'spline_scaler'],
  'fast-kan': ['rbf.grid', 'spline_linear.weight', 'layernorm.weight', 'layernorm.bias', 'base_linear.weight', 'base_linear.bias'],
};

/** The number of layers: the indices i of the `layers.{i}.<a layer tensor>` names, which must run 0..count−1. */
function layerCount(names: readonly string[], format: TorchKANFormat): number {
  const layerTensors = LAYER_TENSORS[format];
  const indices = new Set<number>();
  for (const name of names) {
    const match = /^layers\.(\d+)\.(.+)$/.exec(name);
    if (match !== null && layerTensors.includes(match[2]!)) indices.add(Number(match[1]));
  }
  const count = indices.size;
  for (let l = 0; l < count; l++) {
    if (!indices.has(l)) {
      const found = [...indices].sort((a, b) => a - b);
      const shown = found.slice(0, 8).join(', ') + (found.length > 8 ? ', …' : '');
      throw new TorchKANError(`loadTorchKAN: layer indices must run 0..${count - 1}; layers.${l} is missing (found ${shown}).`);
    }
  }
  if (count === 0) throw new TorchKANError(`loadTorchKAN: missing tensor "layers.0.${layerTensors[0]}" for the ${format} format.`);
  return count;
}

function checkWidth(widths: number[], layer: number, inFeatures: number, out: number): void {
  if (layer === 0) widths.push(inFeatures);
  else if (widths[layer] !== inFeatures) {
    throw new TorchKANError(`loadTorchKAN: inconsistent layer widths: layers.${layer - 1} outputs ${widths[layer]} features but layers.${layer} takes ${inFeatures}.`);
  }
  widths.push(out);
}

/** Writes the weights of a layer named in `values` (`grid`, `base_weight`, …, by the weight's own name). */
function setWeights(layer: KANLayerBase, values: Readonly<Record<string, Float32Array>>): void {
  let written = 0;
  for (const weight of layer.weights) {
    const data = values[weight.originalName.slice(weight.originalName.lastIndexOf('/') + 1)];
    if (data === undefined) continue;
    tf.tidy(() => {
      weight.write(tf.tensor(data, weight.shape as number[]));
    });
    written += 1;
  }
  if (written !== Object.keys(values).length) {
    throw new Error(`internal: ${layer.name} has no weight for some of ${Object.keys(values).join(', ')}.`);
  }
}
