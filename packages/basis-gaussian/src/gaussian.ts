import * as tf from '@tensorflow/tfjs-core';
import { OptionReader, checkInFeatures, readCentredGrid, torchLinspace, type Basis, type JsonValue } from '@kanjs/basis-core';
import { gaussianSnippets } from './snippets.js';

/** Options of the `gaussian` basis. */
export interface GaussianOptions {
  /** K, the number of centres. Default 8; ≥ 2. */
  readonly numCenters?: number;
  /** The first centre. Default -2. */
  readonly gridMin?: number;
  /** The last centre. Default 2; > gridMin. */
  readonly gridMax?: number;
  /** h, the width in φⱼ(x) = exp(−((x − cⱼ)/h)²). Default the spacing (gridMax − gridMin)/(K − 1); > 0. */
  readonly denominator?: number;
}

const OPTION_NAMES = ['numCenters', 'gridMin', 'gridMax', 'denominator'] as const;

/** The `gaussian` basis: K Gaussian radial basis functions on a fixed grid of centres (FastKAN). */
export function gaussian(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('gaussian', options);
  reader.rejectUnknown(OPTION_NAMES);
  const { numCenters, gridMin, gridMax, width: denominator } = readCentredGrid(reader, 'denominator');
  checkInFeatures('gaussian', inFeatures);

  return {
    name: 'gaussian',
    inFeatures,
    size: numCenters,
    domain: [gridMin, gridMax],
    config: { name: 'gaussian', numCenters, gridMin, gridMax, denominator },
    // The centres c, shared by all inputs: fast-kan's `rbf.grid`.
    stateSpecs: [{ name: 'grid', shape: [numCenters], initial: () => torchLinspace(gridMin, gridMax, numCenters) }],
    evaluate(x, state) {
      const centres = state['grid'];
      if (centres === undefined) throw reader.error('evaluate needs the "grid" state tensor');
      return tf.tidy(() => {
        const z = tf.div(tf.sub(tf.expandDims(x, 2), centres), denominator); // [batch, in, K]
        return tf.exp(tf.neg(tf.square(z))) as tf.Tensor3D;
      });
    },
    kernels: gaussianSnippets(denominator),
  };
}
