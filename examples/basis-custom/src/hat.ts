import * as tf from '@tensorflow/tfjs-core';
import { OptionReader, checkInFeatures, torchLinspace, type Basis, type JsonValue } from '@kanjs/basis-core';
import { hatSnippets } from './snippets.js';

/** Options of the `hat` basis. */
export interface HatOptions {
  /** K, the number of hats. Default 6; ≥ 2. */
  readonly numCenters?: number;
  /** The first centre. Default -1. */
  readonly gridMin?: number;
  /** The last centre. Default 1; > gridMin. */
  readonly gridMax?: number;
}

const OPTION_NAMES = ['numCenters', 'gridMin', 'gridMax'] as const;

/**
 * The `hat` basis: triangular functions φⱼ(x) = max(0, 1 − |x − cⱼ|/h) on K evenly spaced centres c with
 * h their spacing (order-1 B-splines on a uniform grid: inside [gridMin, gridMax] they sum to 1, so the layer
 * interpolates linearly between its coefficients).
 */
export function hat(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('hat', options);
  reader.rejectUnknown(OPTION_NAMES);
  const numCenters = reader.number('numCenters', 6, { integer: true, min: 2 });
  const gridMin = reader.number('gridMin', -1);
  const gridMax = reader.number('gridMax', 1);
  if (!(gridMin < gridMax)) throw reader.error(`gridMin must be < gridMax, got gridMin ${gridMin} and gridMax ${gridMax}`);
  checkInFeatures('hat', inFeatures);
  const spacing = (gridMax - gridMin) / (numCenters - 1);

  return {
    name: 'hat',
    inFeatures,
    size: numCenters,
    domain: [gridMin, gridMax],
    config: { name: 'hat', numCenters, gridMin, gridMax },
    // The centres, shared by all inputs: a non-trainable weight of the layer, saved with the model.
    stateSpecs: [{ name: 'grid', shape: [numCenters], initial: () => torchLinspace(gridMin, gridMax, numCenters) }],
    evaluate(x, state) {
      const centres = state['grid'];
      if (centres === undefined) throw reader.error('evaluate needs the "grid" state tensor');
      return tf.tidy(() => {
        const z = tf.div(tf.sub(tf.expandDims(x, 2), centres), spacing); // [batch, in, K]
        return tf.relu(tf.sub(1, tf.abs(z))) as tf.Tensor3D;
      });
    },
    kernels: hatSnippets(spacing),
  };
}
