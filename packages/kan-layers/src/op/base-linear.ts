import * as tf from '@tensorflow/tfjs-core';
import { siluBasis, useFusedBase } from '@kanjs/kernels';
import { BASE_ACTIVATIONS, type BaseActivation } from '../layers/activations.js';
import { basisLinear } from './basis-linear.js';

/**
 * The base branch of a KAN layer without its bias: activation(x) · kernel.
 *
 * With SiLU, where the backend fuses basis-linear for `siluBasis` and its crossover (`useFusedBase` in
 * @kanjs/kernels) takes this shape, this is the fused op over `siluBasis` (one kernel forward, the fused dx and
 * dW backward); otherwise it is `matMul(activation(x), kernel)`.
 *
 * @param x [batch, in]
 * @param kernel [in, out]
 * @returns [batch, out]
 */
export function baseLinear(x: tf.Tensor2D, kernel: tf.Tensor2D, activation: BaseActivation): tf.Tensor2D {
  if (activation === 'silu' && useFusedBase(tf.getBackend(), { batch: x.shape[0], inFeatures: x.shape[1], outFeatures: kernel.shape[1] })) {
    return basisLinear(x, kernel, siluBasis(x.shape[1]));
  }
  return tf.tidy(() => tf.matMul(BASE_ACTIVATIONS[activation](x) as tf.Tensor2D, kernel));
}
