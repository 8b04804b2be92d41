import * as tf from '@tensorflow/tfjs-core';
import { leastSquares, type Basis, type BasisStateValues } from '@kanjs/basis-core';

/** Basis values at sample points, read back as float64: samples [count, in] → [count, in, K]. */
export function basisValues(basis: Basis, state: BasisStateValues, samples: Float32Array, count: number): Float64Array {
  const values = tf.tidy(() => {
    const tensors = Object.fromEntries(basis.stateSpecs.map((spec) => [spec.name, tf.tensor(state[spec.name]!, [...spec.shape])]));
    return basis.evaluate(tf.tensor2d(samples, [count, basis.inFeatures]), tensors);
  });
  const data = Float64Array.from(values.dataSync());
  values.dispose();
  return data;
}

/**
 * Per-input least-squares fit of spline coefficients (efficient-kan's `curve2coeff`): for each input i, the
 * C_i [K, out] that minimises ‖B(xᵢ) · C_i − targetᵢ‖ over the samples.
 *
 * @param values basis values at the samples, [count, in, K]
 * @param target the curves to reproduce, [count, in, out]
 * @returns coefficients [in, K, out]
 */
export function fitCoefficients(values: Float64Array, target: Float64Array, count: number, inFeatures: number, size: number, out: number): Float64Array {
  const coefficients = new Float64Array(inFeatures * size * out);
  const a = new Float64Array(count * size);
  const b = new Float64Array(count * out);
  for (let i = 0; i < inFeatures; i++) {
    for (let s = 0; s < count; s++) {
      a.set(values.subarray((s * inFeatures + i) * size, (s * inFeatures + i + 1) * size), s * size);
      b.set(target.subarray((s * inFeatures + i) * out, (s * inFeatures + i + 1) * out), s * out);
    }
    coefficients.set(leastSquares(a, b, count, size, out), i * size * out);
  }
  return coefficients;
}

/**
 * The per-edge spline curves at the samples: target[s, i, o] = Σₖ values[s, i, k] · coefficients[i, k, o].
 *
 * @param values [count, in, K]
 * @param coefficients [in, K, out]
 * @returns [count, in, out]
 */
export function edgeCurves(values: Float64Array, coefficients: ArrayLike<number>, count: number, inFeatures: number, size: number, out: number): Float64Array {
  const target = new Float64Array(count * inFeatures * out);
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < inFeatures; i++) {
      const row = (s * inFeatures + i) * out;
      for (let k = 0; k < size; k++) {
        const v = values[(s * inFeatures + i) * size + k]!;
        if (v === 0) continue;
        const c = (i * size + k) * out;
        for (let o = 0; o < out; o++) target[row + o]! += v * coefficients[c + o]!;
      }
    }
  }
  return target;
}
