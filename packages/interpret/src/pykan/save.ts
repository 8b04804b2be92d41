import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { KANLinear, kanLayers, kanNodes, type KANLayerBase, type KANNodes } from '@kanjs/kan-layers';
import { writePyKANConfig } from './config.js';
import { PyKANError } from './errors.js';
import { PYKAN_BASE_FUNCTIONS, type PyKANCheckpoint } from './load.js';
import { writeTorchNone, writeTorchState, type TensorToWrite } from './torch-state.js';

/** What `savePyKAN` writes: pykan's `<path>_state`, `<path>_config.yml` and `<path>_cache_data` (None). */
export interface PyKANFiles extends PyKANCheckpoint {
  readonly cacheData: Uint8Array;
}

/** Options of `savePyKAN`. */
export interface SavePyKANOptions {
  /** The storages' dtype. Default float32. */
  readonly dtype?: 'float32' | 'float64';
}

/**
 * Writes a model of KANLinear layers over B-splines (each optionally followed by KANNodes) as a pykan MultKAN
 * checkpoint that `MultKAN.loadckpt` reads. Layers without KANNodes get pykan's default node scales (1) and
 * biases (0); layers without a spline scaler get scale_sp = 1.
 */
export function savePyKAN(model: tfl.LayersModel, options: SavePyKANOptions = {}): PyKANFiles {
  const dtype = options.dtype ?? 'float32';
  const layers = kanLayers(model);
  const nodes = kanNodes(model);
  if (layers.length === 0) throw new PyKANError('savePyKAN: expected a model with KAN layers, found none.');
  const tensors: TensorToWrite[] = [];
  const add = (name: string, shape: number[], values: ArrayLike<number>) => tensors.push({ name, shape, values, dtype });
  const width: [number, number][] = [[layers[0]!.inFeatures, 0]];
  const grids: number[] = [];
  const orders: number[] = [];
  const arities: number[][] = [[]];
  const funsName: string[][][] = [];
  let baseFun: string | undefined;
  let gridRange: readonly [number, number] = [-1, 1];
  layers.forEach((layer, l) => {
    const linear = asPyKANLayer(layer, l);
    const node = nodes[l] ?? null;
    const { inFeatures: n, units: m } = linear;
    const expectedIn = width[l]![0] + width[l]![1];
    if (n !== expectedIn) throw new PyKANError(`savePyKAN: layer ${l} takes ${n} inputs, the nodes before it give ${expectedIn}.`);
    const config = linear.basis.config as unknown as { gridSize: number; splineOrder: number; gridRange: [number, number] }; // bspline's config
    const K = linear.basis.size;
    grids.push(config.gridSize);
    orders.push(config.splineOrder);
    gridRange = config.gridRange;
    const fun = Object.keys(PYKAN_BASE_FUNCTIONS).find((name) => PYKAN_BASE_FUNCTIONS[name] === linear.baseActivationName);
    if (fun === undefined || (baseFun !== undefined && baseFun !== fun)) {
      throw new PyKANError(`savePyKAN: pykan has one base function for all layers, one of ${Object.values(PYKAN_BASE_FUNCTIONS).join(', ')}; layer ${l} has ${linear.baseActivationName}.`);
    }
    baseFun = fun;
    const weights = tf.tidy(() => ({
      grid: linear.basisStateValues()['grid']!,
      spline: tf.transpose(linear.splineCoefficients(), [0, 2, 1]).dataSync(), // [in, out, K]
      base: linear.baseKernel().dataSync(),
      scaler: linear.standaloneScaleSpline ? weightValues(linear, 'spline_scaler') : new Float32Array(n * m).fill(1),
      symbolicMask: linear.hasEdges ? tf.transpose(weightTensor(linear, 'symbolic_mask')).dataSync() : new Float32Array(n * m),
      affine: linear.hasEdges ? tf.transpose(weightTensor(linear, 'symbolic_affine'), [1, 0, 2]).dataSync() : new Float32Array(n * m * 4),
    }));
    add(`act_fun.${l}.grid`, [n, config.gridSize + 2 * config.splineOrder + 1], weights.grid);
    add(`act_fun.${l}.coef`, [n, m, K], weights.spline);
    add(`act_fun.${l}.scale_base`, [n, m], weights.base);
    add(`act_fun.${l}.scale_sp`, [n, m], weights.scaler);
    add(`act_fun.${l}.mask`, [n, m], linear.edgeMask());
    add(`symbolic_fun.${l}.mask`, [m, n], weights.symbolicMask);
    add(`symbolic_fun.${l}.affine`, [m, n, 4], weights.affine);
    const names = linear.symbolicFunctionNames();
    funsName.push(Array.from({ length: m }, (_, o) => Array.from({ length: n }, (_, i) => names[i]![o]!)));
    const [nSum, nMult, multArity] = node === null ? [m, 0, []] : [node.nSum, node.nMult, [...node.arities]];
    const nodeCount = nSum + nMult;
    add(`subnode_scale_${l}`, [m], node === null ? new Float32Array(m).fill(1) : weightValues(node, 'subnode_scale'));
    add(`subnode_bias_${l}`, [m], node === null ? new Float32Array(m) : weightValues(node, 'subnode_bias'));
    add(`node_scale_${l}`, [nodeCount], node === null ? new Float32Array(nodeCount).fill(1) : weightValues(node, 'node_scale'));
    add(`node_bias_${l}`, [nodeCount], node === null ? new Float32Array(nodeCount) : weightValues(node, 'node_bias'));
    width.push([nSum, nMult]);
    arities.push(multArity);
  });
  const all = arities.flat();
  const homogeneous = all.every((a) => a === all[0]);
  const uniform = <T>(values: T[]): T | T[] => (values.every((v) => v === values[0]) ? values[0]! : values);
  const config = writePyKANConfig({
    width,
    grid: uniform(grids),
    k: uniform(orders),
    multArity: homogeneous ? (all[0] ?? 2) : arities,
    baseFun: baseFun!,
    symbolicEnabled: true,
    gridRange,
    gridEps: 0.02,
    funsName,
  });
  return { state: writeTorchState(tensors), config, cacheData: writeTorchNone() };
}

function asPyKANLayer(layer: KANLayerBase, l: number): KANLinear {
  if (!(layer instanceof KANLinear) || layer.basis.name !== 'bspline') {
    throw new PyKANError(`savePyKAN: pykan layers are B-spline KANLinear layers; layer ${l} is a ${layer.getClassName()} over ${layer.basis.name}.`);
  }
  return layer;
}

function weightTensor(layer: KANLayerBase | KANNodes, name: string): tf.Tensor {
  const weight = layer.weights.find((w) => w.originalName.split('/').pop() === name);
  if (weight === undefined) throw new PyKANError(`savePyKAN: ${layer.name} has no weight ${name}.`);
  return weight.read();
}

function weightValues(layer: KANLayerBase | KANNodes, name: string): Float32Array {
  return Float32Array.from(weightTensor(layer, name).dataSync());
}
