import * as tf from '@tensorflow/tfjs-core';
import type { Basis, BasisStateValues } from '@kanjs/basis-core';
import type { SnippetOutput } from './harness.js';
import { finiteDifferences, relativeError } from './compare.js';
import { rng, uniform } from './random.js';

// Checks of a basis against its reference math: `evaluate` and its tfjs autodiff gradient on one side, a
// snippet's output or a float64 scalar reference on the other.

/** The state values as tensors of their declared shapes (inside a tidy). */
function tensorsOf(basis: Basis, state: BasisStateValues): Record<string, tf.Tensor> {
  return Object.fromEntries(
    basis.stateSpecs.map((spec) => {
      const values = state[spec.name];
      if (values === undefined) throw new Error(`${basis.name} basis: the check needs the "${spec.name}" state.`);
      return [spec.name, tf.tensor(values, [...spec.shape])];
    }),
  );
}

/**
 * A basis's reference math on x [batch, in] row-major: `evaluate` (values [batch, in, K]) and, from tfjs
 * autodiff, every dBₖ/dx (derivs [batch, in, K]): for each k, the gradient of Σ evaluate(x)·r with r the
 * one-hot weights on k. Needs tfjs gradients registered (import '@tensorflow/tfjs-layers' in Node).
 */
export function basisAutodiff(basis: Basis, state: BasisStateValues, x: Float32Array): SnippetOutput {
  const size = basis.size;
  const batch = x.length / basis.inFeatures;
  return tf.tidy(() => {
    const stateTensors = tensorsOf(basis, state);
    const xs = tf.tensor2d(x, [batch, basis.inFeatures]);
    const values = basis.evaluate(xs, stateTensors).dataSync() as Float32Array;
    const derivs = new Float32Array(x.length * size);
    for (let k = 0; k < size; k++) {
      const mask = new Float32Array(size);
      mask[k] = 1;
      const r = tf.tensor1d(mask); // one-hot on k, broadcast over [batch, in, K]
      const grad = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(basis.evaluate(input as tf.Tensor2D, stateTensors), r)))(xs).dataSync();
      for (let n = 0; n < x.length; n++) derivs[n * size + k] = grad[n]!;
    }
    return { values: Float32Array.from(values), derivs };
  });
}

/**
 * Σₖ rₖ·dBₖ/dx per scalar from tfjs autodiff: the gradient of Σ evaluate(x)·r for weights r [batch, in, K].
 * Returns [batch, in].
 */
export function weightedGradient(basis: Basis, state: BasisStateValues, x: Float32Array, r: Float32Array): Float32Array {
  const batch = x.length / basis.inFeatures;
  return tf.tidy(() => {
    const stateTensors = tensorsOf(basis, state);
    const weights = tf.tensor3d(r, [batch, basis.inFeatures, basis.size]);
    const grad = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(basis.evaluate(input as tf.Tensor2D, stateTensors), weights)));
    return Float32Array.from(grad(tf.tensor2d(x, [batch, basis.inFeatures])).dataSync());
  });
}

/** How far a snippet's output is from the reference math (each a `relativeError`). */
export interface SnippetErrors {
  /** Values against `evaluate`. */
  readonly values: number;
  /** Every dBₖ/dx against autodiff (`basisAutodiff`). */
  readonly derivs: number;
  /** Σₖ rₖ·dBₖ/dx against tf.grad of Σ evaluate(x)·r, for random weights r. */
  readonly gradient: number;
}

/** Compares a snippet's values and derivatives on x [batch, in] with `evaluate` and tfjs autodiff. */
export function snippetErrors(basis: Basis, state: BasisStateValues, x: Float32Array, snippet: SnippetOutput, seed = 1): SnippetErrors {
  const reference = basisAutodiff(basis, state, x);
  const size = basis.size;
  const r = Float32Array.from(uniform(rng(seed), x.length * size));
  const expected = weightedGradient(basis, state, x, r);
  const actual = Float64Array.from({ length: x.length }, (_, n) => {
    let sum = 0;
    for (let k = 0; k < size; k++) sum += r[n * size + k]! * snippet.derivs[n * size + k]!;
    return sum;
  });
  return {
    values: relativeError(snippet.values, reference.values),
    derivs: relativeError(snippet.derivs, reference.derivs),
    gradient: relativeError(actual, expected),
  };
}

/** A float64 scalar reference: the K basis values at x for input feature `feature`. */
export type ScalarReference = (x: number, feature: number) => ArrayLike<number>;

/** The reference's values on x [batch, in] row-major: [batch, in, K]. */
function referenceValues(basis: Basis, x: ArrayLike<number>, reference: ScalarReference): Float64Array {
  const out = new Float64Array(x.length * basis.size);
  for (let n = 0; n < x.length; n++) out.set(reference(x[n]!, n % basis.inFeatures), n * basis.size);
  return out;
}

/** `relativeError` of `evaluate` on x [batch, in] (float32-representable values) against a float64 reference. */
export function referenceValueError(basis: Basis, state: BasisStateValues, x: Float64Array, reference: ScalarReference): number {
  const actual = tf.tidy(() => {
    const stateTensors = tensorsOf(basis, state);
    return basis.evaluate(tf.tensor2d(Float32Array.from(x), [x.length / basis.inFeatures, basis.inFeatures]), stateTensors).dataSync();
  });
  return relativeError(actual, referenceValues(basis, x, reference));
}

/**
 * `relativeError` of the input gradient of Σ evaluate(x)·r (tfjs autodiff, random r) against central finite
 * differences in float64 of Σ reference(x)·r. Keep x away from kinks, where finite differences mean nothing.
 */
export function referenceGradientError(basis: Basis, state: BasisStateValues, x: Float64Array, reference: ScalarReference, seed = 1): number {
  const size = basis.size;
  const r = uniform(rng(seed), x.length * size);
  const actual = weightedGradient(basis, state, Float32Array.from(x), Float32Array.from(r));
  const params = Float64Array.from(x);
  const loss = () => referenceValues(basis, params, reference).reduce((sum, v, i) => sum + v * r[i]!, 0);
  return relativeError(actual, finiteDifferences(loss, params));
}

/** A float64 reference that reads the basis state: the K values at x for input `feature`, with state values `state`. */
export type StatefulReference = (x: number, feature: number, state: Readonly<Record<string, Float64Array>>) => ArrayLike<number>;

/**
 * `relativeError` of the gradient of Σ evaluate(x)·r (tfjs autodiff, random r) with respect to the state tensor
 * `name` against central finite differences in float64 of Σ reference(x, state)·r: the check of a trainable basis
 * parameter. Keep x and the state away from kinks.
 */
export function referenceStateGradientError(
  basis: Basis,
  state: BasisStateValues,
  x: Float64Array,
  name: string,
  reference: StatefulReference,
  seed = 1,
): number {
  const size = basis.size;
  const batch = x.length / basis.inFeatures;
  const r = Float32Array.from(uniform(rng(seed), x.length * size));
  const actual = tf.tidy(() => {
    const stateTensors = tensorsOf(basis, state);
    const xs = tf.tensor2d(Float32Array.from(x), [batch, basis.inFeatures]);
    const weights = tf.tensor3d(r, [batch, basis.inFeatures, size]);
    const grad = tf.grad((s: tf.Tensor) => tf.sum(tf.mul(basis.evaluate(xs, { ...stateTensors, [name]: s }), weights)));
    return Float32Array.from(grad(stateTensors[name]!).dataSync());
  });
  const state64 = Object.fromEntries(Object.entries(state).map(([key, values]) => [key, Float64Array.from(values)]));
  const params = state64[name]!;
  const scalar: ScalarReference = (v, feature) => reference(v, feature, state64);
  const loss = () => referenceValues(basis, x, scalar).reduce((sum, v, i) => sum + v * r[i]!, 0);
  return relativeError(actual, finiteDifferences(loss, params));
}
