// Helpers for the kan-layers tests: moving weights between a layer and the float64 references, with the layout
// written out index by index here (independently of src/torch/layout.ts).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { FastKan64, KanLinear64 } from '@kanjs/testing';
import { FastKANLayer, KANLinear, type KANLayerBase } from '@kanjs/kan-layers';

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
