import * as tf from '@tensorflow/tfjs-core';
import { centredBasis, type BasisFactory, type CentredGridOptions } from '@kanjs/basis-core';
import { hatSnippets } from './snippets.js';

/** Options of the `hat` basis: 6 hats on [-1, 1] by default. Their width is their spacing, not an option. */
export type HatOptions = CentredGridOptions;

/**
 * The `hat` basis: triangular functions φⱼ(x) = max(0, 1 − |x − cⱼ|/h) on K evenly spaced centres c with
 * h their spacing (order-1 B-splines on a uniform grid: inside [gridMin, gridMax] they sum to 1, so the layer
 * interpolates linearly between its coefficients). The centres are the state `grid` [K], shared by all inputs:
 * a non-trainable weight of the layer, saved with the model.
 */
export const hat: BasisFactory = centredBasis({
  name: 'hat',
  grid: { defaults: { numCenters: 6, gridMin: -1, gridMax: 1 } },
  profile: (z) => tf.relu(tf.sub(1, tf.abs(z))),
  kernels: hatSnippets,
});
