import * as tf from '@tensorflow/tfjs-core';
import { centredBasis, type BasisFactory, type CentredGridOptions } from '@kanjs/basis-core';
import { gaussianSnippets } from './snippets.js';

/** Options of the `gaussian` basis: 8 centres on [-2, 2] by default. */
export interface GaussianOptions extends CentredGridOptions {
  /** h, the width in φⱼ(x) = exp(−((x − cⱼ)/h)²). Default the spacing (gridMax − gridMin)/(K − 1); > 0. */
  readonly denominator?: number;
  /**
   * Learn the centres and widths, per input (a classic RBF network): the state becomes `centres` [in, K] and
   * `log_widths` [in], trainable, starting at the grid and at log h. Default false.
   */
  readonly learnable?: boolean;
}

/**
 * The `gaussian` basis: K Gaussian radial basis functions on a fixed grid of centres (FastKAN). The centres c,
 * shared by all inputs, are the state `grid` (shape [K]), fast-kan's `rbf.grid`. With `learnable: true`, each
 * input i has its own trainable centres cᵢⱼ and width hᵢ: φⱼ(xᵢ) = exp(−((xᵢ − cᵢⱼ)/hᵢ)²).
 */
export const gaussian: BasisFactory = centredBasis({
  name: 'gaussian',
  grid: { widthOption: 'denominator' },
  profile: (z) => tf.exp(tf.neg(tf.square(z))),
  kernels: gaussianSnippets,
  cpuProfile: 'gaussian',
  learnable: true,
});
