import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { KANLinear, KANNodes, type BaseActivation, type KANLayerBase } from '@kanjs/kan-layers';
import { readPyKANConfig, type PyKANConfig } from './config.js';
import { PyKANError } from './errors.js';
import { readTorchState, type StateTensor } from './torch-state.js';

/** A pykan checkpoint as `MultKAN.saveckpt(path)` writes it: `<path>_state` bytes and `<path>_config.yml` text. */
export interface PyKANCheckpoint {
  readonly state: Uint8Array;
  readonly config: string;
}

/** pykan base_fun names and the KANLinear base activations that compute them. */
export const PYKAN_BASE_FUNCTIONS: Readonly<Record<string, BaseActivation>> = { silu: 'silu', identity: 'linear', zero: 'zero' };

/**
 * Reads a pykan MultKAN checkpoint into a tf.Sequential that computes pykan's forward: per layer a KANLinear
 * (B-spline with the checkpoint's per-input grid, base weight = scale_base, spline scaler = scale_sp, edge
 * mask = act_fun mask, symbolic edges from symbolic_fun) and a KANNodes (subnode/node scale and bias, mult
 * nodes). Float32 and float64 storages load (as float32).
 */
export async function loadPyKAN(checkpoint: PyKANCheckpoint): Promise<tfl.Sequential> {
  const config = readPyKANConfig(checkpoint.config);
  const state = await readTorchState(checkpoint.state);
  const { width } = config;
  const widthIn = width.map(([n, m]) => n + m);
  const model = tfl.sequential();
  for (let l = 0; l + 1 < width.length; l++) {
    const inFeatures = widthIn[l]!;
    const [nSum, nMult] = width[l + 1]!;
    const arities = multArities(config, l + 1, nMult);
    const out = nSum + arities.reduce((a, b) => a + b, 0);
    const get = (name: string, shape: readonly number[]) => tensor(state, name, shape, config);
    const grid = state.get(`act_fun.${l}.grid`);
    const k = perLayer(config.k, l, 'k');
    if (grid === undefined || grid.shape.length !== 2) throw new PyKANError(`pykan: the state dict lacks act_fun.${l}.grid [in, G+2k+1].`);
    const gridSize = grid.shape[1]! - 2 * k - 1;
    if (gridSize < 1) throw new PyKANError(`pykan: act_fun.${l}.grid has ${grid.shape[1]} knots per input, too few for k = ${k}.`);
    const names = config.funsName[l]!;
    if (names.length !== out || names.some((row) => row.length !== inFeatures)) {
      throw new PyKANError(`pykan config: symbolic.funs_name.${l} should be ${out} × ${inFeatures} (width), found ${names.length} × ${names[0]?.length ?? 0}.`);
    }
    const baseActivation = PYKAN_BASE_FUNCTIONS[config.baseFun];
    if (baseActivation === undefined) throw new PyKANError(`pykan config: base_fun_name "${config.baseFun}" is not one of ${Object.keys(PYKAN_BASE_FUNCTIONS).join(', ')}.`);
    const layer = new KANLinear({
      units: out,
      name: `pykan_layer_${l}`,
      basis: { name: 'bspline', gridSize, splineOrder: k, gridRange: [config.gridRange[0], config.gridRange[1]] },
      baseActivation,
      edges: true,
      symbolic: transpose(names, out, inFeatures),
      ...(l === 0 ? { inputShape: [inFeatures] } : {}),
    });
    model.add(layer);
    const coef = get(`act_fun.${l}.coef`, [inFeatures, out, gridSize + k]);
    const symbolicMask = get(`symbolic_fun.${l}.mask`, [out, inFeatures]);
    writeWeights(layer, {
      grid: get(`act_fun.${l}.grid`, [inFeatures, gridSize + 2 * k + 1]),
      base_weight: get(`act_fun.${l}.scale_base`, [inFeatures, out]),
      spline_scaler: get(`act_fun.${l}.scale_sp`, [inFeatures, out]),
      spline_weight: permute(coef, [inFeatures, out, gridSize + k], [0, 2, 1]),
      edge_mask: get(`act_fun.${l}.mask`, [inFeatures, out]),
      symbolic_mask: config.symbolicEnabled ? permute(symbolicMask, [out, inFeatures], [1, 0]) : new Float64Array(symbolicMask.length),
      symbolic_affine: permute(get(`symbolic_fun.${l}.affine`, [out, inFeatures, 4]), [out, inFeatures, 4], [1, 0, 2]),
    });
    const nodes = new KANNodes({ nSum, nMult, multArity: arities, name: `pykan_nodes_${l}` });
    model.add(nodes);
    writeWeights(nodes, {
      subnode_scale: get(`subnode_scale_${l}`, [out]),
      subnode_bias: get(`subnode_bias_${l}`, [out]),
      node_scale: get(`node_scale_${l}`, [nSum + nMult]),
      node_bias: get(`node_bias_${l}`, [nSum + nMult]),
    });
  }
  return model;
}

/** Subnodes per mult node of width entry `entry`. */
function multArities(config: PyKANConfig, entry: number, nMult: number): number[] {
  if (typeof config.multArity === 'number') return new Array<number>(nMult).fill(config.multArity);
  const row = config.multArity[entry];
  if (row === undefined || row.length !== nMult) {
    throw new PyKANError(`pykan config: mult_arity[${entry}] should list ${nMult} arities (one per mult node), found ${row === undefined ? 'none' : row.length}.`);
  }
  return [...row];
}

function perLayer(value: number | readonly number[], l: number, key: string): number {
  const v = typeof value === 'number' ? value : value[l];
  if (v === undefined) throw new PyKANError(`pykan config: ${key} lists no value for layer ${l}.`);
  return v;
}

function tensor(state: Map<string, StateTensor>, name: string, shape: readonly number[], config: PyKANConfig): Float64Array {
  const found = state.get(name);
  if (found === undefined) throw new PyKANError(`pykan: the state dict lacks ${name}, which the config's width ${JSON.stringify(config.width)} needs.`);
  if (found.shape.length !== shape.length || found.shape.some((d, n) => d !== shape[n])) {
    throw new PyKANError(`pykan: config widths disagree with the state dict: ${name} should be [${shape.join(', ')}] for width ${JSON.stringify(config.width)}, found [${found.shape.join(', ')}].`);
  }
  return found.values;
}

/** Row-major values of shape `shape` with their axes permuted (`axes[d]` = the source axis of output axis d). */
function permute(values: Float64Array, shape: readonly number[], axes: readonly number[]): Float64Array {
  const outShape = axes.map((a) => shape[a]!);
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const out = new Float64Array(values.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < out.length; n++) {
    let at = 0;
    for (let d = 0; d < axes.length; d++) at += index[d]! * strides[axes[d]!]!;
    out[n] = values[at]!;
    for (let d = index.length - 1; d >= 0; d--) {
      if (++index[d]! < outShape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}

function transpose(table: readonly (readonly string[])[], rows: number, cols: number): string[][] {
  return Array.from({ length: cols }, (_, c) => Array.from({ length: rows }, (_, r) => table[r]![c]!));
}

/** Writes a layer's weights by short name; every weight of the layer must be given. */
function writeWeights(layer: KANLayerBase | KANNodes, values: Record<string, Float64Array>): void {
  const tensors = layer.weights.map((weight) => {
    const name = weight.originalName.split('/').pop()!;
    const data = values[name];
    if (data === undefined) throw new PyKANError(`pykan: no value for ${layer.name}'s weight ${name}.`);
    return tf.tensor(Float32Array.from(data), weight.shape as number[]);
  });
  layer.setWeights(tensors);
  tf.dispose(tensors);
}
