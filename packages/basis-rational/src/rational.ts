import * as tf from '@tensorflow/tfjs-core';
import { OptionReader, checkInFeatures, type Basis, type JsonValue } from '@kanjs/basis-core';
import { rationalSnippets } from './snippets.js';

/** Options of the `rational` basis. */
export interface RationalOptions {
  /** M, the numerator's degree: K = M + 1 functions x⁰..x^M over the shared denominator. Default 5; ≥ 0. */
  readonly numeratorDegree?: number;
  /**
   * b₁..b_N, the coefficients every input's Q(x) = Σₙ bₙ·xⁿ starts with (N = their count). Default
   * [0, 0, 0, 1], that is Q(x) = x⁴, so that with M = 5 every function grows at most linearly, as KAT's P₅/Q₄ does.
   */
  readonly initialDenominator?: readonly number[];
  /**
   * KAT's group-rational form: one function φ(x) = P(x)/(1 + |Q(x)|) per input (K = 1), with P and Q trainable
   * and shared by each group of inputs. Default false.
   */
  readonly learnable?: boolean;
  /** With `learnable`: the number of groups G of consecutive inputs sharing P and Q; divides the inputs. Default 1. */
  readonly groups?: number;
  /**
   * With `learnable`: a₀..a_M, every group's initial P. Default the coefficients of x·(1 + Q₀(x)) up to degree M,
   * which makes φ the identity where Q₀ ≥ 0 (everywhere for the default Q₀ = x⁴, M = 5).
   */
  readonly initialNumerator?: readonly number[];
}

const FIXED_OPTIONS = ['numeratorDegree', 'initialDenominator', 'learnable'] as const;
const LEARNABLE_OPTIONS = [...FIXED_OPTIONS, 'groups', 'initialNumerator'] as const;

/**
 * The `rational` basis, after KAT's group-rational KAN: φₘ(x) = xᵐ/(1 + |Q(x)|) for m = 0..M, with
 * Q(x) = Σ_{n=1..N} bₙ·xⁿ ("safe" Padé: the denominator is at least 1). The layer's linear map learns a
 * numerator per edge, Σₘ wₘ·φₘ = P(x)/(1 + |Q(x)|). Q's coefficients are the state `denominator` [in, N], one
 * fixed set per input.
 *
 * With `learnable: true` it is KAT's GR-KAN: K = 1, φ(xᵢ) = P_g(xᵢ)/(1 + |Q_g(xᵢ)|) for input i in group g, with
 * the trainable state `numerator` [G, M+1] (a₀..a_M) and `denominator` [G, N] (b₁..b_N); the layer's linear map
 * gives each edge its own scale.
 */
export function rational(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('rational', options);
  const learnable = reader.boolean('learnable', false);
  reader.rejectUnknown(learnable ? LEARNABLE_OPTIONS : FIXED_OPTIONS);
  const numeratorDegree = reader.number('numeratorDegree', 5, { integer: true, min: 0 });
  const initialDenominator = reader.numbers('initialDenominator', [0, 0, 0, 1]);
  checkInFeatures('rational', inFeatures);
  if (learnable) return groupRational(reader, inFeatures, numeratorDegree, initialDenominator);
  const denominatorDegree = initialDenominator.length;

  return {
    name: 'rational',
    inFeatures,
    size: numeratorDegree + 1,
    domain: [-1, 1],
    config: { name: 'rational', numeratorDegree, initialDenominator },
    stateSpecs: [{ name: 'denominator', shape: [inFeatures, denominatorDegree], initial: () => repeatRows(initialDenominator, inFeatures) }],
    evaluate(x, state) {
      const coefficients = state['denominator'];
      if (coefficients === undefined) throw reader.error('evaluate needs the "denominator" state tensor');
      return tf.tidy(() => {
        const powers = powersOf(x, Math.max(numeratorDegree, denominatorDegree)); // xⁿ, each [batch, in]
        const q = tf.sum(tf.mul(tf.stack(powers.slice(1, denominatorDegree + 1), 2), tf.expandDims(coefficients, 0)), 2); // [batch, in]
        const denominator = tf.add(1, tf.abs(q));
        return tf.div(tf.stack(powers.slice(0, numeratorDegree + 1), 2), tf.expandDims(denominator, 2)) as tf.Tensor3D; // [batch, in, M+1]
      });
    },
    kernels: rationalSnippets(denominatorDegree),
  };
}

/** The `learnable` form: φ(xᵢ) = P_g(xᵢ)/(1 + |Q_g(xᵢ)|), P and Q trainable per group of consecutive inputs. */
function groupRational(reader: OptionReader, inFeatures: number, numeratorDegree: number, initialDenominator: readonly number[]): Basis {
  const groups = reader.number('groups', 1, { integer: true, min: 1 });
  if (inFeatures % groups !== 0) throw reader.error(`groups must divide the ${inFeatures} input features, got ${groups}`);
  const identity = Array.from({ length: numeratorDegree + 1 }, (_, m) => (m === 1 ? 1 : 0) + (m >= 2 ? initialDenominator[m - 2] ?? 0 : 0));
  const initialNumerator = reader.numbers('initialNumerator', identity);
  if (initialNumerator.length !== numeratorDegree + 1) {
    throw reader.error(`initialNumerator must have numeratorDegree + 1 = ${numeratorDegree + 1} coefficients, got ${initialNumerator.length}`);
  }
  const denominatorDegree = initialDenominator.length;
  const perGroup = inFeatures / groups;

  return {
    name: 'rational',
    inFeatures,
    size: 1,
    domain: [-1, 1],
    config: { name: 'rational', numeratorDegree, initialDenominator, learnable: true, groups, initialNumerator },
    stateSpecs: [
      { name: 'numerator', shape: [groups, numeratorDegree + 1], initial: () => repeatRows(initialNumerator, groups), trainable: true },
      { name: 'denominator', shape: [groups, denominatorDegree], initial: () => repeatRows(initialDenominator, groups), trainable: true },
    ],
    evaluate(x, state) {
      const numerator = state['numerator'];
      const denominator = state['denominator'];
      if (numerator === undefined || denominator === undefined) throw reader.error('evaluate needs the "numerator" and "denominator" state tensors');
      const batch = x.shape[0];
      return tf.tidy(() => {
        const grouped = tf.reshape(x, [batch, groups, perGroup]); // [batch, G, in/G]
        const powers = powersOf(grouped, Math.max(numeratorDegree, denominatorDegree)); // xⁿ, each [batch, G, in/G]
        // Σₙ cₙ·powers[n] for coefficients [G, n] of one group each: [batch, G, in/G]
        const poly = (coefficients: tf.Tensor, terms: tf.Tensor[]) =>
          tf.sum(tf.mul(tf.stack(terms, 3), tf.reshape(coefficients, [1, groups, 1, terms.length])), 3);
        const p = poly(numerator, powers.slice(0, numeratorDegree + 1));
        const q = poly(denominator, powers.slice(1, denominatorDegree + 1));
        return tf.reshape(tf.div(p, tf.add(1, tf.abs(q))), [batch, inFeatures, 1]) as tf.Tensor3D; // [batch, in, 1]
      });
    },
  };
}

/** x⁰..x^degree, each of x's shape. */
function powersOf(x: tf.Tensor, degree: number): tf.Tensor[] {
  const powers: tf.Tensor[] = [tf.onesLike(x)];
  for (let n = 1; n <= degree; n++) powers.push(tf.mul(powers[n - 1]!, x));
  return powers;
}

/** `row` repeated `count` times, row-major [count, row.length]. */
function repeatRows(row: readonly number[], count: number): Float32Array {
  const values = new Float32Array(count * row.length);
  for (let r = 0; r < count; r++) values.set(row, r * row.length);
  return values;
}
