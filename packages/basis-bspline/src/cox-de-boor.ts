import * as tf from '@tensorflow/tfjs-core';

/**
 * B-spline basis values by the Cox–de Boor recursion, from tfjs ops.
 *
 * @param x [batch, in]
 * @param knots [in, G+2k+1], increasing along each row
 * @returns [batch, in, G+k]; every basis is 0 outside [t₀, t_last)
 */
export function coxDeBoor(x: tf.Tensor2D, knots: tf.Tensor2D, splineOrder: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [inFeatures, count] = knots.shape;
    const xs = tf.expandDims(x, 2); // [batch, in, 1]
    // Columns [from, from + width) of the knots, as [1, in, width] to broadcast against xs.
    const t = (from: number, width: number) => tf.expandDims(tf.slice(knots, [0, from], [inFeatures, width]), 0);
    // Order 0: [tⱼ ≤ x < tⱼ₊₁]. tf.step keeps the indicator off the gradient path (its gradient is 0):
    // 1 − step(tⱼ − x) is [x ≥ tⱼ] and step(tⱼ₊₁ − x) is [x < tⱼ₊₁].
    let bases: tf.Tensor = tf.mul(
      tf.sub(1, tf.step(tf.sub(t(0, count - 1), xs))),
      tf.step(tf.sub(t(1, count - 1), xs)),
    ); // [batch, in, count − 1]
    for (let p = 1; p <= splineOrder; p++) {
      const width = count - 1 - p; // bases of order p
      const lower = t(0, width); // tⱼ
      const upperLeft = t(p, width); // tⱼ₊ₚ
      const lowerRight = t(1, width); // tⱼ₊₁
      const upper = t(p + 1, width); // tⱼ₊ₚ₊₁
      const batch = bases.shape[0]!;
      const previous = bases;
      const left = tf.slice(previous, [0, 0, 0], [batch, inFeatures, width]);
      const right = tf.slice(previous, [0, 0, 1], [batch, inFeatures, width]);
      // (x − tⱼ)/(tⱼ₊ₚ − tⱼ)·Bⱼ,ₚ₋₁ + (tⱼ₊ₚ₊₁ − x)/(tⱼ₊ₚ₊₁ − tⱼ₊₁)·Bⱼ₊₁,ₚ₋₁, with 0/0 taken as 0.
      bases = tf.add(
        tf.mul(tf.mul(tf.sub(xs, lower), tf.divNoNan(1, tf.sub(upperLeft, lower))), left),
        tf.mul(tf.mul(tf.sub(upper, xs), tf.divNoNan(1, tf.sub(upper, lowerRight))), right),
      );
    }
    return bases as tf.Tensor3D;
  });
}
