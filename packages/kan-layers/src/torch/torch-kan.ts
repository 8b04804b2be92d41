import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { FastKANLayer } from '../layers/fastkan-layer.js';
import { KANLinear } from '../layers/kan-linear.js';
import type { BaseActivation } from '../layers/activations.js';
import type { KANLayerBase } from '../layers/kan-layer-base.js';
import { kan, kanLayers } from '../model.js';
import { readSafetensors, writeSafetensors, type SafetensorsTensor } from './safetensors.js';
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
}

/** Thrown for a safetensors file that does not hold a KAN state dict kanjs can read. */
export class TorchKANError extends Error {
  override readonly name = 'TorchKANError';
}

/**
 * Reads an efficient-kan `KAN` or fast-kan `FastKAN` state dict from safetensors bytes and returns a
 * `tf.Sequential` that computes the same function. The format comes from `__metadata__.format` when present,
 * otherwise from the tensor names.
 */
export function loadTorchKAN(bytes: Uint8Array, options: TorchKANOptions = {}): tfl.Sequential {
  const file = readSafetensors(bytes);
  const tensors = file.tensors;
  const format = detectFormat(file.metadata['format'], [...tensors.keys()]);
  const count = layerCount(tensors);
  const get = (name: string, rank: number): SafetensorsTensor => {
    const tensor = tensors.get(name);
    if (tensor === undefined) throw new TorchKANError(`loadTorchKAN: missing tensor "${name}" for the ${format} format.`);
    if (tensor.shape.length !== rank) {
      throw new TorchKANError(`loadTorchKAN: "${name}" should have rank ${rank}, got shape [${tensor.shape.join(', ')}].`);
    }
    return tensor;
  };
  const expectShape = (name: string, tensor: SafetensorsTensor, shape: readonly number[]) => {
    if (tensor.shape.length !== shape.length || tensor.shape.some((d, i) => d !== shape[i])) {
      throw new TorchKANError(`loadTorchKAN: "${name}" should have shape [${shape.join(', ')}], got [${tensor.shape.join(', ')}].`);
    }
  };
  return format === 'efficient-kan'
    ? loadEfficientKan(count, get, expectShape, (name) => tensors.has(name), options)
    : loadFastKan(count, get, expectShape, (name) => tensors.has(name), options);
}

interface EfficientKanLayer {
  readonly out: number;
  readonly inFeatures: number;
  readonly size: number;
  readonly splineOrder: number;
  readonly gridSize: number;
  readonly base: SafetensorsTensor;
  readonly spline: SafetensorsTensor;
  readonly grid: SafetensorsTensor;
  readonly scaler: SafetensorsTensor | null;
}

interface FastKanLayer {
  readonly out: number;
  readonly inFeatures: number;
  readonly size: number;
  readonly centres: SafetensorsTensor;
  readonly spline: SafetensorsTensor;
  readonly norm: { readonly weight: SafetensorsTensor; readonly bias: SafetensorsTensor } | null;
  readonly base: { readonly weight: SafetensorsTensor; readonly bias: SafetensorsTensor } | null;
}

type Get = (name: string, rank: number) => SafetensorsTensor;
type ExpectShape = (name: string, tensor: SafetensorsTensor, shape: readonly number[]) => void;

function loadEfficientKan(count: number, get: Get, expectShape: ExpectShape, has: (name: string) => boolean, options: TorchKANOptions): tfl.Sequential {
  const widths: number[] = [];
  const layers: EfficientKanLayer[] = [];
  const standalone = has('layers.0.spline_scaler');
  for (let l = 0; l < count; l++) {
    const p = `layers.${l}.`;
    const base = get(`${p}base_weight`, 2);
    const [out, inFeatures] = base.shape as [number, number];
    checkWidth(widths, l, inFeatures, out);
    const spline = get(`${p}spline_weight`, 3);
    const size = spline.shape[2]!;
    expectShape(`${p}spline_weight`, spline, [out, inFeatures, size]);
    const grid = get(`${p}grid`, 2);
    const knots = grid.shape[1]!;
    expectShape(`${p}grid`, grid, [inFeatures, knots]);
    const splineOrder = knots - size - 1;
    const gridSize = size - splineOrder;
    if (splineOrder < 0 || gridSize < 1) {
      throw new TorchKANError(`loadTorchKAN: "${p}grid" has ${knots} knots per input and "${p}spline_weight" ${size} coefficients; expected G+2k+1 knots and G+k coefficients with G ≥ 1, k ≥ 0.`);
    }
    if (has(`${p}spline_scaler`) !== standalone) {
      throw new TorchKANError(`loadTorchKAN: "${p}spline_scaler" is ${standalone ? 'missing' : 'present'}, unlike in layers.0.`);
    }
    const scaler = standalone ? get(`${p}spline_scaler`, 2) : null;
    if (scaler !== null) expectShape(`${p}spline_scaler`, scaler, [out, inFeatures]);
    layers.push({ out, inFeatures, size, splineOrder, gridSize, base, spline, grid, scaler });
  }
  const first = layers[0]!;
  const model = kan({
    layers: widths,
    layer: 'kan-linear',
    basis: { name: 'bspline', splineOrder: first.splineOrder, gridSize: first.gridSize, gridRange: gridRange(first.grid, first.splineOrder, first.gridSize) },
    standaloneScaleSpline: standalone,
    baseActivation: options.baseActivation ?? 'silu',
    seed: 0,
  });
  kanLayers(model).forEach((layer, l) => {
    const w = layers[l]!;
    if (w.splineOrder !== first.splineOrder || w.gridSize !== first.gridSize) {
      throw new TorchKANError(`loadTorchKAN: layers.${l} has grid size ${w.gridSize} and spline order ${w.splineOrder}; layers.0 has ${first.gridSize} and ${first.splineOrder}; kan() needs them equal.`);
    }
    setWeights(layer, {
      grid: w.grid.data,
      base_weight: transpose2d(w.base.data, w.out, w.inFeatures),
      spline_weight: torchToSpline(w.spline.data, w.out, w.inFeatures, w.size),
      ...(w.scaler === null ? {} : { spline_scaler: transpose2d(w.scaler.data, w.out, w.inFeatures) }),
    });
  });
  return model;
}

function loadFastKan(count: number, get: Get, expectShape: ExpectShape, has: (name: string) => boolean, options: TorchKANOptions): tfl.Sequential {
  const widths: number[] = [];
  const layers: FastKanLayer[] = [];
  const useLayerNorm = has('layers.0.layernorm.weight');
  const useBaseUpdate = has('layers.0.base_linear.weight');
  for (let l = 0; l < count; l++) {
    const p = `layers.${l}.`;
    const centres = get(`${p}rbf.grid`, 1);
    const size = centres.shape[0]!;
    const spline = get(`${p}spline_linear.weight`, 2);
    const [out, flat] = spline.shape as [number, number];
    if (flat % size !== 0) {
      throw new TorchKANError(`loadTorchKAN: "${p}spline_linear.weight" has ${flat} columns, not a multiple of the ${size} centres in "${p}rbf.grid".`);
    }
    const inFeatures = flat / size;
    checkWidth(widths, l, inFeatures, out);
    for (const [name, present, expected] of [['layernorm.weight', useLayerNorm, 'layernorm'], ['base_linear.weight', useBaseUpdate, 'base_linear']] as const) {
      if (has(`${p}${name}`) !== present) {
        throw new TorchKANError(`loadTorchKAN: "${p}${name}" is ${present ? 'missing' : 'present'}, unlike in layers.0 (${expected} must be on or off in every layer).`);
      }
    }
    const norm = useLayerNorm ? { weight: get(`${p}layernorm.weight`, 1), bias: get(`${p}layernorm.bias`, 1) } : null;
    if (norm !== null) {
      expectShape(`${p}layernorm.weight`, norm.weight, [inFeatures]);
      expectShape(`${p}layernorm.bias`, norm.bias, [inFeatures]);
    }
    const base = useBaseUpdate ? { weight: get(`${p}base_linear.weight`, 2), bias: get(`${p}base_linear.bias`, 1) } : null;
    if (base !== null) {
      expectShape(`${p}base_linear.weight`, base.weight, [out, inFeatures]);
      expectShape(`${p}base_linear.bias`, base.bias, [out]);
    }
    layers.push({ out, inFeatures, size, centres, spline, norm, base });
  }
  const first = layers[0]!;
  const c = first.centres.data;
  const gridMin = c[0]!;
  const gridMax = c[c.length - 1]!;
  if (!(gridMin < gridMax)) throw new TorchKANError(`loadTorchKAN: "layers.0.rbf.grid" must increase, got first ${gridMin} and last ${gridMax}.`);
  const model = kan({
    layers: widths,
    layer: 'fastkan',
    basis: { name: 'gaussian', numCenters: first.size, gridMin, gridMax, denominator: options.denominator ?? (gridMax - gridMin) / (first.size - 1) },
    useLayerNorm,
    useBaseUpdate,
    baseActivation: options.baseActivation ?? 'silu',
    layerNormEpsilon: options.layerNormEpsilon ?? 1e-5,
    seed: 0,
  });
  kanLayers(model).forEach((layer, l) => {
    const w = layers[l]!;
    if (w.size !== first.size) {
      throw new TorchKANError(`loadTorchKAN: layers.${l} has ${w.size} centres, layers.0 has ${first.size}; kan() needs them equal.`);
    }
    setWeights(layer, {
      ...(w.norm === null ? {} : { layernorm_gamma: w.norm.weight.data, layernorm_beta: w.norm.bias.data }),
      grid: w.centres.data,
      spline_weight: transpose2d(w.spline.data, w.out, w.inFeatures * w.size),
      ...(w.base === null ? {} : { base_kernel: transpose2d(w.base.weight.data, w.out, w.inFeatures), base_bias: w.base.bias.data }),
    });
  });
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
    throw new TorchKANError(`loadTorchKAN: __metadata__.format is "${declared}"; expected "efficient-kan" or "fast-kan".`);
  }
  if (names.some((n) => /^layers\.\d+\.(rbf\.grid|spline_linear\.weight)$/.test(n))) return 'fast-kan';
  if (names.some((n) => /^layers\.\d+\.(spline_weight|base_weight)$/.test(n))) return 'efficient-kan';
  const shown = names.slice(0, 6).join(', ') + (names.length > 6 ? ', …' : '');
  throw new TorchKANError(
    `loadTorchKAN: cannot tell the format; expected efficient-kan names (layers.0.base_weight, …) or fast-kan names (layers.0.rbf.grid, …), found ${shown || 'no tensors'}.`,
  );
}

function layerCount(tensors: ReadonlyMap<string, unknown>): number {
  const indices = new Set<number>();
  for (const name of tensors.keys()) {
    const match = /^layers\.(\d+)\./.exec(name);
    if (match !== null) indices.add(Number(match[1]));
  }
  const count = indices.size;
  for (let l = 0; l < count; l++) {
    if (!indices.has(l)) throw new TorchKANError(`loadTorchKAN: layer indices must run 0..${count - 1}; layers.${l} is missing (found ${[...indices].sort((a, b) => a - b).join(', ')}).`);
  }
  if (count === 0) throw new TorchKANError('loadTorchKAN: no tensors named layers.{i}.… in the file.');
  return count;
}

function checkWidth(widths: number[], layer: number, inFeatures: number, out: number): void {
  if (layer === 0) widths.push(inFeatures);
  else if (widths[layer] !== inFeatures) {
    throw new TorchKANError(`loadTorchKAN: inconsistent layer widths: layers.${layer - 1} outputs ${widths[layer]} features but layers.${layer} takes ${inFeatures}.`);
  }
  widths.push(out);
}

/** The range [t_k, t_{k+G}] of the first input's knots, which the basis config records. */
function gridRange(grid: SafetensorsTensor, splineOrder: number, gridSize: number): [number, number] {
  return [grid.data[splineOrder]!, grid.data[splineOrder + gridSize]!];
}

/** Sets every weight of a layer from flat values keyed by the weight's own name (`grid`, `base_weight`, …). */
function setWeights(layer: KANLayerBase, values: Readonly<Record<string, Float32Array>>): void {
  const tensors = layer.weights.map((w) => {
    const data = values[w.originalName.slice(w.originalName.lastIndexOf('/') + 1)];
    if (data === undefined) throw new Error(`internal: no value for ${w.originalName}.`);
    return tf.tensor(data, w.shape as number[]);
  });
  layer.setWeights(tensors);
  tf.dispose(tensors);
}
