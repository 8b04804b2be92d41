import { leastSquares } from '@kanjs/basis-core';
import { bsplineValues, bsplineWork } from './bspline64.js';

/** One B-spline KANLinear layer's spline, as `refitSpline` reads and rewrites it. */
export interface SplineLayer {
  readonly inFeatures: number;
  readonly units: number;
  /** Spline order k and basis count K = G + k. */
  readonly order: number;
  readonly size: number;
  /** Knots [in, G + 2k + 1]. */
  readonly knots: Float64Array;
  /** Unscaled spline weights [in, K, out]. */
  readonly spline: Float64Array;
  /** The spline scalers [in, out], or null. */
  readonly scaler: Float64Array | null;
}

/**
 * kan-layers' `KANLinear.updateGrid` refit in float64: the spline weights [in, K, out] on `knots` (new knots, same
 * G and k) whose scaled curves match the layer's current ones at the samples [batch, in], by least squares per
 * input (minimum norm); a zero scaler keeps its weight at 0. The least squares go through the normal equations
 * BᵀB·C = Bᵀ·target, solved by `leastSquares` (an SVD of the K×K matrix): B has k + 1 nonzeros a row, so this costs
 * O(batch·k²) where an SVD of B costs O(batch·K²) a sweep; B-splines on knots adapted to the samples are well
 * conditioned, and bases that no sample reaches get 0 (the minimum-norm answer) either way.
 */
export function refitSpline(layer: SplineLayer, knots: Float64Array, samples: Float64Array, batch: number): Float64Array {
  const { inFeatures: n, units: m, order, size: K, scaler } = layer;
  const count = K + order + 1;
  const width = order + 1;
  const work = bsplineWork(count, order);
  const local = new Float64Array(width);
  const fitted = new Float64Array(n * K * m);
  const gram = new Float64Array(K * K);
  const right = new Float64Array(K * m);
  const target = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    gram.fill(0);
    right.fill(0);
    for (let b = 0; b < batch; b++) {
      const v = samples[b * n + i]!;
      const old = bsplineValues(v, layer.knots, i * count, count, order, work, local, null, 0);
      target.fill(0);
      for (let r = 0; r < width; r++) {
        const value = local[r]!;
        if (value === 0) continue;
        const row = (i * K + old + r) * m;
        for (let o = 0; o < m; o++) target[o]! += value * layer.spline[row + o]! * (scaler === null ? 1 : scaler[i * m + o]!);
      }
      const start = bsplineValues(v, knots, i * count, count, order, work, local, null, 0);
      for (let r = 0; r < width; r++) {
        const value = local[r]!;
        if (value === 0) continue;
        for (let q = 0; q < width; q++) gram[(start + r) * K + start + q]! += value * local[q]!;
        for (let o = 0; o < m; o++) right[(start + r) * m + o]! += value * target[o]!;
      }
    }
    const solution = leastSquares(gram, right, K, K, m);
    for (let k = 0; k < K; k++) {
      for (let o = 0; o < m; o++) {
        const s = scaler === null ? 1 : scaler[i * m + o]!;
        fitted[(i * K + k) * m + o] = s === 0 ? 0 : solution[k * m + o]! / s;
      }
    }
  }
  return fitted;
}
