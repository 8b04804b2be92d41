import * as tf from '@tensorflow/tfjs-core';
import { OptionReader, checkInFeatures, readCentredGrid, torchLinspace, type Basis, type JsonValue } from '@kanjs/basis-core';
import { rswafSnippets } from './snippets.js';

/** Options of the `rswaf` basis. */
export interface RswafOptions {
  /** K, the number of centres. Default 8; ≥ 2. */
  readonly numCenters?: number;
  /** The first centre. Default -2. */
  readonly gridMin?: number;
  /** The last centre. Default 2; > gridMin. */
  readonly gridMax?: number;
  /** h in 1 − tanh²((x − cⱼ)/h). Default the spacing (gridMax − gridMin)/(K − 1); > 0. */
  readonly denominator?: number;
}

const OPTION_NAMES = ['numCenters', 'gridMin', 'gridMax', 'denominator'] as const;

/**
 * The `rswaf` basis (FasterKAN's reflectional switch activation functions): φⱼ(x) = 1 − tanh²((x − cⱼ)/h) =
 * sech²((x − cⱼ)/h), a bump of height 1 at each centre with exponential tails, cheaper than a Gaussian's on
 * most hardware. The centres c = linspace(gridMin, gridMax, K) are the state `grid` [K], placed as
 * `torch.linspace` places them.
 */
export function rswaf(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('rswaf', options);
  reader.rejectUnknown(OPTION_NAMES);
  const { numCenters, gridMin, gridMax, width: denominator } = readCentredGrid(reader, 'denominator');
  checkInFeatures('rswaf', inFeatures);

  return {
    name: 'rswaf',
    inFeatures,
    size: numCenters,
    domain: [gridMin, gridMax],
    config: { name: 'rswaf', numCenters, gridMin, gridMax, denominator },
    stateSpecs: [{ name: 'grid', shape: [numCenters], initial: () => torchLinspace(gridMin, gridMax, numCenters) }],
    evaluate(x, state) {
      const centres = state['grid'];
      if (centres === undefined) throw reader.error('evaluate needs the "grid" state tensor');
      return tf.tidy(() => {
        const z = tf.div(tf.sub(tf.expandDims(x, 2), centres), denominator); // [batch, in, K]
        return tf.sub(1, tf.square(tf.tanh(z))) as tf.Tensor3D;
      });
    },
    kernels: rswafSnippets(denominator),
  };
}
