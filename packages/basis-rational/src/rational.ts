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
}

const OPTION_NAMES = ['numeratorDegree', 'initialDenominator'] as const;

/**
 * The `rational` basis, after KAT's group-rational KAN: φₘ(x) = xᵐ/(1 + |Q(x)|) for m = 0..M, with
 * Q(x) = Σ_{n=1..N} bₙ·xⁿ ("safe" Padé: the denominator is at least 1). The layer's linear map learns a
 * numerator per edge, Σₘ wₘ·φₘ = P(x)/(1 + |Q(x)|). Q's coefficients are the state `denominator` [in, N], one
 * set per input: saved with the model but NOT trained, since basis state is not trainable in the plugin
 * contract. KAT learns Q (shared by a group of channels); here Q stays where it was initialised or set.
 */
export function rational(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('rational', options);
  reader.rejectUnknown(OPTION_NAMES);
  const numeratorDegree = reader.number('numeratorDegree', 5, { integer: true, min: 0 });
  const initialDenominator = reader.numbers('initialDenominator', [0, 0, 0, 1]);
  checkInFeatures('rational', inFeatures);
  const denominatorDegree = initialDenominator.length;

  return {
    name: 'rational',
    inFeatures,
    size: numeratorDegree + 1,
    domain: [-1, 1],
    config: { name: 'rational', numeratorDegree, initialDenominator },
    stateSpecs: [
      {
        name: 'denominator',
        shape: [inFeatures, denominatorDegree],
        initial: () => {
          const coefficients = new Float32Array(inFeatures * denominatorDegree);
          for (let i = 0; i < inFeatures; i++) coefficients.set(initialDenominator, i * denominatorDegree);
          return coefficients;
        },
      },
    ],
    evaluate(x, state) {
      const coefficients = state['denominator'];
      if (coefficients === undefined) throw reader.error('evaluate needs the "denominator" state tensor');
      return tf.tidy(() => {
        const powers: tf.Tensor[] = [tf.onesLike(x)]; // xⁿ, each [batch, in]
        for (let n = 1; n <= Math.max(numeratorDegree, denominatorDegree); n++) powers.push(tf.mul(powers[n - 1]!, x));
        const q = tf.sum(tf.mul(tf.stack(powers.slice(1, denominatorDegree + 1), 2), tf.expandDims(coefficients, 0)), 2); // [batch, in]
        const denominator = tf.add(1, tf.abs(q));
        return tf.div(tf.stack(powers.slice(0, numeratorDegree + 1), 2), tf.expandDims(denominator, 2)) as tf.Tensor3D; // [batch, in, M+1]
      });
    },
    kernels: rationalSnippets(denominatorDegree),
  };
}
