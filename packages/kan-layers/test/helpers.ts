// Helpers for the kan-layers tests: moving weights between a layer and the float64 references, with the layout
// written out index by index here (independently of src/torch/layout.ts).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type * as tfl from '@tensorflow/tfjs-layers';
import { rng, uniform, type FastKan64, type KanLinear64 } from '@kanjs/testing';
import { FastKANLayer, KANLinear, kan, kanLayers, type KANLayerBase, type KANModelOptions } from '@kanjs/kan-layers';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
}

/** A layer's weights by short name (`grid`, `base_weight`, …), as float32 data. */
export function weightsOf(layer: KANLayerBase): Record<string, Float32Array> {
  return Object.fromEntries(layer.weights.map((w) => [w.originalName.split('/').pop()!, w.read().dataSync() as Float32Array]));
}

/** Overwrites the named weights of a layer. */
export function setWeights(layer: KANLayerBase, values: Record<string, ArrayLike<number>>): void {
  const tensors = layer.weights.map((w) => {
    const name = w.originalName.split('/').pop()!;
    return values[name] === undefined ? w.read().clone() : tf.tensor(Float32Array.from(values[name]!), w.shape as number[]);
  });
  layer.setWeights(tensors);
  tf.dispose(tensors);
}

/** The KANLinear's parameters in PyTorch layout, for the float64 reference: Ws[o,i,k] = ours[i,k,o]. */
export function kanLinearReference(layer: KANLinear): KanLinear64 {
  const w = weightsOf(layer);
  const { inFeatures: n, units: m } = layer;
  const size = layer.basis.size;
  const splineWeight = new Float64Array(m * n * size);
  const baseWeight = new Float64Array(m * n);
  const splineScaler = layer.standaloneScaleSpline ? new Float64Array(m * n) : null;
  for (let o = 0; o < m; o++) for (let i = 0; i < n; i++) {
    baseWeight[o * n + i] = w['base_weight']![i * m + o]!;
    if (splineScaler !== null) splineScaler[o * n + i] = w['spline_scaler']![i * m + o]!;
    for (let k = 0; k < size; k++) splineWeight[(o * n + i) * size + k] = w['spline_weight']![(i * size + k) * m + o]!;
  }
  return {
    inFeatures: n,
    outFeatures: m,
    splineOrder: layer.basis.config['splineOrder'] as number,
    grid: Float64Array.from(w['grid']!),
    baseWeight,
    splineWeight,
    splineScaler,
  };
}

/** The FastKANLayer's parameters in PyTorch layout: spline_linear.weight[o, i·K + k] = ours[i·K + k, o]. */
export function fastKanReference(layer: FastKANLayer): FastKan64 {
  const w = weightsOf(layer);
  const { inFeatures: n, units: m } = layer;
  const size = layer.basis.size;
  const splineWeight = new Float64Array(m * n * size);
  for (let o = 0; o < m; o++) for (let r = 0; r < n * size; r++) splineWeight[o * n * size + r] = w['spline_weight']![r * m + o]!;
  let base: FastKan64['base'] = null;
  if (layer.useBaseUpdate) {
    const weight = new Float64Array(m * n);
    for (let o = 0; o < m; o++) for (let i = 0; i < n; i++) weight[o * n + i] = w['base_kernel']![i * m + o]!;
    base = { weight, bias: Float64Array.from(w['base_bias']!) };
  }
  return {
    inFeatures: n,
    outFeatures: m,
    layerNorm: layer.useLayerNorm
      ? { weight: Float64Array.from(w['layernorm_gamma']!), bias: Float64Array.from(w['layernorm_beta']!), eps: layer.layerNormEpsilon }
      : null,
    centres: Float64Array.from(w['grid']!),
    denominator: layer.basis.config['denominator'] as number,
    splineWeight,
    base,
  };
}

/** Applies a layer to float64 data (rounded to float32) and returns the float32 output. */
export function applyLayer(layer: KANLayerBase, x: ArrayLike<number>, batch: number): Float32Array {
  return tf.tidy(() => (layer.apply(tf.tensor2d(Float32Array.from(x), [batch, layer.inFeatures])) as tf.Tensor).dataSync() as Float32Array);
}

/** d/dx Σ y ⊙ r for the layer, as float32. */
export function inputGradient(layer: KANLayerBase, x: ArrayLike<number>, batch: number, r: ArrayLike<number>): Float32Array {
  return tf.tidy(() => {
    const weights = tf.tensor2d(Float32Array.from(r), [batch, layer.units]);
    const f = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, weights));
    return tf.grad(f)(tf.tensor2d(Float32Array.from(x), [batch, layer.inFeatures])).dataSync() as Float32Array;
  });
}

/** Gradients of Σ y ⊙ r with respect to every trainable weight, by short name. */
export function weightGradients(layer: KANLayerBase, x: ArrayLike<number>, batch: number, r: ArrayLike<number>): Record<string, Float32Array> {
  return tf.tidy(() => {
    const input = tf.tensor2d(Float32Array.from(x), [batch, layer.inFeatures]);
    const weights = tf.tensor2d(Float32Array.from(r), [batch, layer.units]);
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, weights)) as tf.Scalar,
      layer.trainableWeights.map((w) => w.read() as tf.Variable),
    );
    const byId = new Map(layer.trainableWeights.map((w) => [(w.read() as tf.Variable).name, w.originalName.split('/').pop()!]));
    return Object.fromEntries(Object.entries(grads).map(([name, g]) => [byId.get(name) ?? name, g.dataSync() as Float32Array]));
  });
}

/** Σ y ⊙ r for a float64 output. */
export function dot(y: ArrayLike<number>, r: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]! * r[i]!;
  return s;
}

/** Frees a layer's weights (Layer.dispose() refuses layers never called on a symbolic input). */
export function release(layer: KANLayerBase): void {
  for (const weight of layer.weights) weight.dispose();
}

/** A model from `kan()` whose every trainable weight is random (LayerNorm γ around 1), so that a lost or swapped weight shows. */
export function randomModel(options: KANModelOptions, seed: number): tfl.Sequential {
  const model = kan(options);
  const random = rng(seed);
  for (const layer of kanLayers(model)) {
    const trainable = new Set(layer.trainableWeights.map((w) => w.originalName.split('/').pop()!));
    const values: Record<string, Float64Array> = {};
    for (const [name, data] of Object.entries(weightsOf(layer))) {
      if (trainable.has(name)) values[name] = uniform(random, data.length, name === 'layernorm_gamma' ? 0.5 : -1, name === 'layernorm_gamma' ? 1.5 : 1);
    }
    setWeights(layer, values);
  }
  return model;
}

/** efficient-kan's regularization_loss of one layer in float64, from its unscaled spline weights [in, K, out]. */
export function efficientKanRegularization(layer: KANLayerBase, l1: number, entropy: number): number {
  const weights = weightsOf(layer)['spline_weight']!; // [in, K, out] (KANLinear) or [in·K, out] (FastKAN): one layout
  const [n, size, m] = [layer.inFeatures, layer.basis.size, layer.units];
  const a: number[] = [];
  for (let i = 0; i < n; i++) for (let o = 0; o < m; o++) {
    let s = 0;
    for (let k = 0; k < size; k++) s += Math.abs(weights[(i * size + k) * m + o]!);
    a.push(s / size);
  }
  const total = a.reduce((x, y) => x + y, 0);
  const h = -a.reduce((sum, v) => sum + (v === 0 ? 0 : (v / total) * Math.log(v / total)), 0);
  return l1 * total + entropy * h;
}

/** pykan's reg (edge_forward_spline_n) of one layer in float64, from its input x [batch, in] and edge outputs [batch, in, out]. */
export function pykanRegularization(x: Float32Array, edges: Float32Array, batch: number, n: number, m: number, l1: number, entropy: number): number {
  const std = (value: (b: number) => number) => {
    let mean = 0;
    for (let b = 0; b < batch; b++) mean += value(b) / batch;
    let sq = 0;
    for (let b = 0; b < batch; b++) sq += (value(b) - mean) ** 2;
    return Math.sqrt(sq / (batch - 1));
  };
  const v = (i: number, o: number) => std((b) => edges[(b * n + i) * m + o]!) / (std((b) => x[b * n + i]!) + 0.1);
  const scale = Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, o) => v(i, o)));
  const plogp = (p: number) => p * Math.log2(p + 1e-4);
  let l1Term = 0;
  let hIn = 0;
  let hOut = 0;
  for (let o = 0; o < m; o++) {
    const column = scale.reduce((s, row) => s + row[o]!, 0) + 1;
    hIn -= scale.reduce((s, row) => s + plogp(row[o]! / column), 0) / m;
  }
  for (let i = 0; i < n; i++) {
    const row = scale[i]!.reduce((s, value) => s + value, 0) + 1;
    hOut -= scale[i]!.reduce((s, value) => s + plogp(value / row), 0) / n;
    l1Term += row - 1;
  }
  return l1 * l1Term + entropy * (hIn + hOut);
}

/** `n` seeded samples of f(x, y) = sin(2x) + y² on [-1, 1]²: x [n, 2], y [n, 1], and the targets as numbers. */
export function smoothSamples(seed: number, n: number): { x: tf.Tensor2D; y: tf.Tensor2D; ys: Float32Array } {
  const xs = Float32Array.from(uniform(rng(seed), n * 2, -1, 1));
  const ys = Float32Array.from({ length: n }, (_, i) => Math.sin(2 * xs[2 * i]!) + xs[2 * i + 1]! ** 2);
  return { x: tf.tensor2d(xs, [n, 2]), y: tf.tensor2d(ys, [n, 1]), ys };
}
