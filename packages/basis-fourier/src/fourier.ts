import * as tf from '@tensorflow/tfjs-core';
import { OptionReader, checkInFeatures, type Basis, type JsonValue } from '@kanjs/basis-core';
import { fourierSnippets } from './snippets.js';

/** Options of the `fourier` basis. */
export interface FourierOptions {
  /** G, the number of frequencies k = 1..G: K = 2G functions. Default 5; ≥ 1. */
  readonly gridSize?: number;
}

const OPTION_NAMES = ['gridSize'] as const;

/**
 * The `fourier` basis (FourierKAN): cos(kx) for k = 1..G, then sin(kx) for k = 1..G, in FourierKAN's order
 * (its coefficients are [2, out, in, G]: the cosine half first). No constant term (the base branch and the
 * bias carry it) and no state. Periodic with period 2π.
 */
export function fourier(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('fourier', options);
  reader.rejectUnknown(OPTION_NAMES);
  const gridSize = reader.number('gridSize', 5, { integer: true, min: 1 });
  checkInFeatures('fourier', inFeatures);
  const frequencies = Float32Array.from({ length: gridSize }, (_, k) => k + 1);

  return {
    name: 'fourier',
    inFeatures,
    size: 2 * gridSize,
    domain: [-Math.PI, Math.PI],
    config: { name: 'fourier', gridSize },
    stateSpecs: [],
    evaluate(x) {
      return tf.tidy(() => {
        const angles = tf.mul(tf.expandDims(x, 2), tf.tensor1d(frequencies)); // [batch, in, G]
        return tf.concat([tf.cos(angles), tf.sin(angles)], 2) as tf.Tensor3D; // [batch, in, 2G]
      });
    },
    kernels: fourierSnippets(),
    cpu: { kind: 'fourier' },
  };
}
