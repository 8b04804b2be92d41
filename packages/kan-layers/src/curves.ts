import * as tf from '@tensorflow/tfjs-core';
import { FastKANLayer } from './layers/fastkan-layer.js';
import type { KANLayerBase } from './layers/kan-layer-base.js';

/** Options of `sampleCurves`. */
export interface CurveOptions {
  /** The abscissa range. Default: the basis's domain. */
  readonly range?: readonly [number, number];
  /** Points per curve. Default 101. */
  readonly points?: number;
  /** Add the base branch, act(x)·Wb[i, o] (SiLU by default). Default false. */
  readonly includeBase?: boolean;
}

/** Sampled edge functions of a layer: `values[(i·out + o)·points + p]` is φ_{o,i}(x[p]). */
export interface Curves {
  /** [points] */
  readonly x: Float32Array;
  /** [in, out, points] */
  readonly values: Float32Array;
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** φ_{o,i} as a [points] view. */
  curve(input: number, output: number): Float32Array;
}

/**
 * The learned univariate functions of a KAN layer, for plots: φ_{o,i}(x) = Σₖ Bₖ(x) · W̃[i, k, o] on a grid of
 * x, optionally plus the base branch act(x)·Wb[i, o]. For a FastKANLayer with LayerNorm, x is the normalised input u, and the
 * base branch (which sees the raw input) cannot be drawn on the same axis, so `includeBase` is refused there.
 */
export function sampleCurves(layer: KANLayerBase, options: CurveOptions = {}): Curves {
  const { basis, units: out } = layer;
  const inFeatures = basis.inFeatures;
  const [low, high] = options.range ?? basis.domain;
  const points = options.points ?? 101;
  if (!Number.isInteger(points) || points < 2) throw new Error(`sampleCurves: points must be an integer ≥ 2, got ${points}.`);
  if (!(low < high)) throw new Error(`sampleCurves: range must have low < high, got [${low}, ${high}].`);
  const includeBase = options.includeBase ?? false;
  if (includeBase && layer instanceof FastKANLayer && layer.useLayerNorm) {
    throw new Error('sampleCurves: includeBase is not available for a FastKANLayer with LayerNorm: its spline sees LayerNorm(x), its base branch the raw x.');
  }
  const x = Float32Array.from({ length: points }, (_, p) => low + ((high - low) * p) / (points - 1));
  const values = tf.tidy(() => {
    const xs = tf.tile(tf.reshape(tf.tensor1d(x), [points, 1]), [1, inFeatures]) as tf.Tensor2D; // [points, in]
    const b = tf.transpose(basis.evaluate(xs, layer.basisState()), [1, 0, 2]); // [in, points, K]
    let curves: tf.Tensor = tf.matMul(b, layer.effectiveSplineCoefficients()); // [in, points, out]
    const baseKernel = layer.baseKernel();
    if (includeBase && baseKernel !== null) {
      const activated = layer.activation(xs); // [points, in]
      curves = tf.add(curves, tf.mul(tf.expandDims(tf.transpose(activated), 2), tf.expandDims(baseKernel, 1)));
    }
    return tf.transpose(curves, [0, 2, 1]).dataSync() as Float32Array; // [in, out, points]
  });
  return {
    x,
    values,
    inFeatures,
    outFeatures: out,
    curve: (input, output) => values.subarray((input * out + output) * points, (input * out + output + 1) * points),
  };
}
