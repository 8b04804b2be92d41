import * as tf from '@tensorflow/tfjs-core';
import type { BasisCpuForm } from '@kanjs/basis-core';

/**
 * The three-term recurrence of the Jacobi polynomials P_n^(α,β): P₀ = 1, P₁ = a₁t + b₁ and
 * P_n = (a_n·t + b_n)·P_{n−1} − c_n·P_{n−2}, with, for n ≥ 2 and s = 2n + α + β,
 * a_n = (s − 1)s(s − 2)/D, b_n = (s − 1)(α² − β²)/D, c_n = 2(n + α − 1)(n + β − 1)s/D, D = 2n(n + α + β)(s − 2),
 * and a₁ = (α + β + 2)/2, b₁ = (α − β)/2. Legendre is α = β = 0. Index n of each array is for P_n (0 unused).
 */
export function jacobiCoefficients(degree: number, alpha: number, beta: number): { a: Float64Array; b: Float64Array; c: Float64Array } {
  const a = new Float64Array(degree + 1);
  const b = new Float64Array(degree + 1);
  const c = new Float64Array(degree + 1);
  a[1] = (alpha + beta + 2) / 2;
  b[1] = (alpha - beta) / 2;
  for (let n = 2; n <= degree; n++) {
    const s = 2 * n + alpha + beta;
    const d = 2 * n * (n + alpha + beta) * (s - 2);
    a[n] = ((s - 1) * s * (s - 2)) / d;
    b[n] = ((s - 1) * (alpha * alpha - beta * beta)) / d;
    c[n] = (2 * (n + alpha - 1) * (n + beta - 1) * s) / d;
  }
  return { a, b, c };
}

/** The CPU form of P_0..P_D^(α,β)(tanh x): the recurrence's coefficients, as `evaluate` uses them. */
export function recurrenceForm(degree: number, alpha: number, beta: number): BasisCpuForm {
  const { a, b, c } = jacobiCoefficients(degree, alpha, beta);
  return { kind: 'recurrence', a: Array.from(a), b: Array.from(b), c: Array.from(c) };
}

/** P_0..P_D^(α,β)(tanh x) from tfjs ops: x [batch, in] → [batch, in, D+1]. */
export function jacobiOfTanh(x: tf.Tensor2D, degree: number, alpha: number, beta: number): tf.Tensor3D {
  const { a, b, c } = jacobiCoefficients(degree, alpha, beta);
  return tf.tidy(() => {
    const t = tf.tanh(x); // [batch, in]
    const affine = (n: number) => (b[n] === 0 ? tf.mul(t, a[n]!) : tf.add(tf.mul(t, a[n]!), b[n]!));
    const polys: tf.Tensor[] = [tf.onesLike(t), affine(1)];
    for (let n = 2; n <= degree; n++) polys.push(tf.sub(tf.mul(affine(n), polys[n - 1]!), tf.mul(polys[n - 2]!, c[n]!)));
    return tf.stack(polys, 2) as tf.Tensor3D;
  });
}
