import * as tf from '@tensorflow/tfjs-core';
import { OptionReader, checkInFeatures, type Basis, type JsonValue } from '@kanjs/basis-core';
import { chebyshevSnippets } from './snippets.js';

/** Options of the `chebyshev` basis. */
export interface ChebyshevOptions {
  /** D, the highest polynomial degree: K = D + 1 functions T₀..T_D. Default 4; ≥ 1. */
  readonly degree?: number;
}

const OPTION_NAMES = ['degree'] as const;

const repeat = (value: number, count: number): number[] => new Array<number>(count).fill(value);

/**
 * The `chebyshev` basis (ChebyKAN): T_d(tanh x) for d = 0..D. tanh maps every input into (−1, 1), where the
 * Chebyshev polynomials of the first kind live; they come from the recurrence T₀ = 1, T₁ = t,
 * T_d = 2t·T_{d−1} − T_{d−2} (ChebyKAN's cos(d·acos t), without acos's infinite slope at ±1). No state.
 */
export function chebyshev(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('chebyshev', options);
  reader.rejectUnknown(OPTION_NAMES);
  const degree = reader.number('degree', 4, { integer: true, min: 1 });
  checkInFeatures('chebyshev', inFeatures);

  return {
    name: 'chebyshev',
    inFeatures,
    size: degree + 1,
    domain: [-2, 2],
    config: { name: 'chebyshev', degree },
    stateSpecs: [],
    evaluate(x) {
      return tf.tidy(() => {
        const t = tf.tanh(x); // [batch, in]
        const polys: tf.Tensor[] = [tf.onesLike(t), t];
        for (let d = 2; d <= degree; d++) polys.push(tf.sub(tf.mul(tf.mul(t, 2), polys[d - 1]!), polys[d - 2]!));
        return tf.stack(polys, 2) as tf.Tensor3D; // [batch, in, D+1]
      });
    },
    kernels: chebyshevSnippets(),
    // T₁ = t, T_d = 2t·T_{d−1} − T_{d−2}
    cpu: { kind: 'recurrence', a: [0, 1, ...repeat(2, degree - 1)], b: repeat(0, degree + 1), c: [0, 0, ...repeat(1, degree - 1)] },
  };
}
