import * as tf from '@tensorflow/tfjs-core';
import { centredBasis, type BasisFactory, type CentredGridOptions } from '@kanjs/basis-core';
import { rswafSnippets } from './snippets.js';

/** Options of the `rswaf` basis: 8 centres on [-2, 2] by default. */
export interface RswafOptions extends CentredGridOptions {
  /** h in 1 − tanh²((x − cⱼ)/h). Default the spacing (gridMax − gridMin)/(K − 1); > 0. */
  readonly denominator?: number;
}

/**
 * The `rswaf` basis (FasterKAN's reflectional switch activation functions): φⱼ(x) = 1 − tanh²((x − cⱼ)/h) =
 * sech²((x − cⱼ)/h), a bump of height 1 at each centre with exponential tails, cheaper than a Gaussian's on
 * most hardware. The centres c = linspace(gridMin, gridMax, K) are the state `grid` [K], placed as
 * `torch.linspace` places them.
 */
export const rswaf: BasisFactory = centredBasis({
  name: 'rswaf',
  grid: { widthOption: 'denominator' },
  profile: (z) => tf.sub(1, tf.square(tf.tanh(z))),
  kernels: rswafSnippets,
  cpuProfile: 'rswaf',
});
