import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { KANLinear, KANNodes, symbolicFunction, type BaseActivation, type KANLayerBase } from '@kanjs/kan-layers';
import { readPyKANConfig, type PyKANConfig } from './config.js';
import { PyKANError, cut, quote } from './errors.js';
import { readTorchState, type StateTensor } from './torch-state.js';

/** A pykan checkpoint as `MultKAN.saveckpt(path)` writes it: `<path>_state` bytes and `<path>_config.yml` text. */
export interface PyKANCheckpoint {
  readonly state: Uint8Array;
  readonly config: string;
}

/** pykan base_fun names and the KANLinear base activations that compute them. */
export const PYKAN_BASE_FUNCTIONS: Readonly<Record<string, BaseActivation>> = { silu: 'silu', identity: 'linear', zero: 'zero' };

/** One layer of a checkpoint, checked against the config: shapes, sizes, weights (as float32) and function names. */
interface LayerPlan {
  readonly inFeatures: number;
  readonly out: number;
  readonly nSum: number;
  readonly nMult: number;
  readonly arities: number[];
  readonly gridSize: number;
  readonly k: number;
  /** in × out symbolic function names, as KANLinear takes them. */
  readonly symbolic: string[][];
  readonly linear: Record<string, Float32Array>;
  readonly nodes: Record<string, Float32Array>;
}

/**
 * Reads a pykan MultKAN checkpoint into a tf.Sequential that computes pykan's forward: per layer a KANLinear
 * (B-spline with the checkpoint's per-input grid, base weight = scale_base, spline scaler = scale_sp, edge
 * mask = act_fun mask, symbolic edges from symbolic_fun) and a KANNodes (subnode/node scale and bias, mult
 * nodes). Float32 and float64 storages load (as float32). Every shape, value and name is checked before the
 * first layer is made, and the initial least-squares fit is skipped (the checkpoint's weights replace it).
 */
export async function loadPyKAN(checkpoint: PyKANCheckpoint): Promise<tfl.Sequential> {
  const config = readPyKANConfig(checkpoint.config);
  const state = await readTorchState(checkpoint.state);
  if (!Object.hasOwn(PYKAN_BASE_FUNCTIONS, config.baseFun)) {
    throw new PyKANError(`pykan config: base_fun_name ${quote(config.baseFun)} is not one of ${Object.keys(PYKAN_BASE_FUNCTIONS).join(', ')}.`);
  }
  const plans = Array.from({ length: config.width.length - 1 }, (_, l) => planLayer(config, state, l));
  return build(plans, config, PYKAN_BASE_FUNCTIONS[config.baseFun]!);
}

/** Layer `l`'s sizes and weights from the state dict, each checked against the config. */
function planLayer(config: PyKANConfig, state: Map<string, StateTensor>, l: number): LayerPlan {
  const { width } = config;
  const inFeatures = width[l]![0] + width[l]![1];
  const [nSum, nMult] = width[l + 1]!;
  const get = (name: string, shape: readonly number[]) => tensor(state, name, shape, config);
  const nodeScale = get(`node_scale_${l}`, [nSum + nMult]); // bounds the width by what the state holds
  const arities = multArities(config, l + 1, nMult);
  const out = nSum + arities.reduce((a, b) => a + b, 0);
  const k = perLayer(config.k, l, 'k');
  const knots = state.get(`act_fun.${l}.grid`)?.shape;
  if (knots === undefined || knots.length !== 2) throw new PyKANError(`pykan: the state dict lacks act_fun.${l}.grid [in, G+2k+1].`);
  const gridSize = knots[1]! - 2 * k - 1;
  if (gridSize < 1) throw new PyKANError(`pykan: act_fun.${l}.grid has ${knots[1]} knots per input, too few for k = ${k}.`);
  const configGrid = perLayer(config.grid, l, 'grid');
  if (configGrid !== gridSize) throw new PyKANError(`pykan: the config's grid for layer ${l} is ${cut(String(configGrid), 20)}, but act_fun.${l}.grid has ${gridSize} intervals (k = ${k}).`);
  const names = config.funsName[l]!;
  if (names.length !== out || names.some((row) => row.length !== inFeatures)) {
    throw new PyKANError(`pykan config: symbolic.funs_name.${l} should be ${out} × ${inFeatures} (width), found ${names.length} × ${names[0]?.length ?? 0}.`);
  }
  checkFunctionNames(names, l);
  const grid = get(`act_fun.${l}.grid`, [inFeatures, gridSize + 2 * k + 1]);
  checkKnots(grid, inFeatures, gridSize + 2 * k + 1, l);
  const symbolicMask = get(`symbolic_fun.${l}.mask`, [out, inFeatures]);
  return {
    inFeatures, out, nSum, nMult, arities, gridSize, k,
    symbolic: transpose(names, out, inFeatures),
    linear: {
      grid,
      base_weight: get(`act_fun.${l}.scale_base`, [inFeatures, out]),
      spline_scaler: get(`act_fun.${l}.scale_sp`, [inFeatures, out]),
      spline_weight: permute(get(`act_fun.${l}.coef`, [inFeatures, out, gridSize + k]), [inFeatures, out, gridSize + k], [0, 2, 1]),
      edge_mask: get(`act_fun.${l}.mask`, [inFeatures, out]),
      symbolic_mask: config.symbolicEnabled ? permute(symbolicMask, [out, inFeatures], [1, 0]) : new Float32Array(symbolicMask.length),
      symbolic_affine: permute(get(`symbolic_fun.${l}.affine`, [out, inFeatures, 4]), [out, inFeatures, 4], [1, 0, 2]),
    },
    nodes: {
      subnode_scale: get(`subnode_scale_${l}`, [out]),
      subnode_bias: get(`subnode_bias_${l}`, [out]),
      node_scale: nodeScale,
      node_bias: get(`node_bias_${l}`, [nSum + nMult]),
    },
  };
}

/**
 * The model of the planned layers. The layers' own checks (basis and size limits) still apply; their errors come
 * back as PyKANErrors, and whatever was built before one is disposed.
 */
function build(plans: readonly LayerPlan[], config: PyKANConfig, baseActivation: BaseActivation): tfl.Sequential {
  const model = tfl.sequential();
  let pending: KANLinear | KANNodes | null = null; // made, not yet in the model
  let l = 0;
  try {
    for (; l < plans.length; l++) {
      const plan = plans[l]!;
      const layer: KANLinear = (pending = new KANLinear({
        units: plan.out,
        name: `pykan_layer_${l}`,
        basis: { name: 'bspline', gridSize: plan.gridSize, splineOrder: plan.k, gridRange: [config.gridRange[0], config.gridRange[1]] },
        baseActivation,
        edges: true,
        symbolic: plan.symbolic,
        ...(l === 0 ? { inputShape: [plan.inFeatures] } : {}),
      }));
      layer.setFastWeightInitDuringBuild(true); // the checkpoint's weights replace the initial fit
      model.add(layer);
      pending = null;
      writeWeights(layer, plan.linear);
      const nodes: KANNodes = (pending = new KANNodes({ nSum: plan.nSum, nMult: plan.nMult, multArity: plan.arities, name: `pykan_nodes_${l}` }));
      model.add(nodes);
      pending = null;
      writeWeights(nodes, plan.nodes);
    }
    return model;
  } catch (error) {
    for (const weight of pending?.weights ?? []) weight.dispose();
    if (model.layers.length > 0) model.dispose();
    if (error instanceof PyKANError) throw error;
    throw new PyKANError(`pykan: layer ${l} of the checkpoint cannot be built: ${cut(error instanceof Error ? error.message : String(error), 200)}`);
  }
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

/** The state dict's tensor `name` as float32, after checking its shape and that every value is finite. */
function tensor(state: Map<string, StateTensor>, name: string, shape: readonly number[], config: PyKANConfig): Float32Array {
  const found = state.get(name);
  const width = cut(JSON.stringify(config.width), 60);
  if (found === undefined) throw new PyKANError(`pykan: the state dict lacks ${name}, which the config's width ${width} needs.`);
  if (found.shape.length !== shape.length || found.shape.some((d, n) => d !== shape[n])) {
    throw new PyKANError(`pykan: config widths disagree with the state dict: ${name} should be [${shape.join(', ')}] for width ${width}, found [${cut(found.shape.join(', '), 40)}].`);
  }
  const values = Float32Array.from(found.values);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new PyKANError(`pykan: ${name} holds ${found.values[bad]} at element ${bad}; expected finite float32 values.`);
  return values;
}

/** Refuses knots that decrease along an input's row of act_fun.L.grid [in, count]. */
function checkKnots(grid: Float32Array, inFeatures: number, count: number, l: number): void {
  for (let i = 0; i < inFeatures; i++) {
    for (let j = 1; j < count; j++) {
      if (grid[i * count + j]! < grid[i * count + j - 1]!) {
        throw new PyKANError(`pykan: act_fun.${l}.grid decreases along input ${i} (knot ${j} is ${grid[i * count + j]}, knot ${j - 1} is ${grid[i * count + j - 1]}); expected non-decreasing knots.`);
      }
    }
  }
}

/** Refuses a symbolic function name that neither pykan's SYMBOLIC_LIB nor registerSymbolic knows. */
function checkFunctionNames(table: readonly (readonly string[])[], l: number): void {
  for (const name of new Set(table.flat())) {
    if (name === '0') continue;
    try {
      symbolicFunction(name);
    } catch {
      throw new PyKANError(`pykan config: symbolic.funs_name.${l} names ${quote(name)}, which is not a symbolic function kanjs knows (SYMBOLIC_LIB or registerSymbolic).`);
    }
  }
}

/** Row-major values of shape `shape` with their axes permuted (`axes[d]` = the source axis of output axis d). */
function permute(values: Float32Array, shape: readonly number[], axes: readonly number[]): Float32Array {
  const outShape = axes.map((a) => shape[a]!);
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(values.length);
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
function writeWeights(layer: KANLayerBase | KANNodes, values: Record<string, Float32Array>): void {
  const data = layer.weights.map((weight) => {
    const name = weight.originalName.split('/').pop()!;
    const found = values[name];
    if (found === undefined) throw new PyKANError(`pykan: no value for ${layer.name}'s weight ${name}.`);
    return found;
  });
  const tensors = data.map((values, n) => tf.tensor(values, layer.weights[n]!.shape as number[]));
  try {
    layer.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}
