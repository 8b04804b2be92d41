import * as tf from '@tensorflow/tfjs-core';
import { LAYER_NORM_KERNELS, hasFusedLayerNorm } from '@kanjs/kernels';

/**
 * LayerNorm over the last axis with biased variance, as PyTorch computes it:
 * y = (x − mean)/√(var + ε) · γ + β.
 *
 * On a backend with fused LayerNorm kernels it is one `KanLayerNorm` kernel, whose registered gradient runs the
 * fused gradient kernels; elsewhere it is the composition of tfjs ops, differentiated by autodiff.
 *
 * @param x [batch, n]
 * @param gamma [n]
 * @param beta [n]
 * @returns [batch, n]
 */
export function layerNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): tf.Tensor2D {
  if (hasFusedLayerNorm(tf.getBackend())) {
    return tf.engine().runKernel(LAYER_NORM_KERNELS.forward, [x, gamma, beta] as never, { epsilon }) as tf.Tensor2D;
  }
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 1, true);
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
    return tf.add(tf.mul(normalised, gamma), beta);
  });
}

/** Gradient of the fused forward kernel, shared by every backend that fuses it. */
tf.registerGradient({
  kernelName: LAYER_NORM_KERNELS.forward,
  saveAllInputs: true,
  gradFunc: (dy, saved, attrs) => {
    const [x, gamma] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
    const run = (name: string, inputs: tf.Tensor[]) => tf.engine().runKernel(name, inputs as never, attrs) as tf.Tensor;
    return {
      0: () => run(LAYER_NORM_KERNELS.gradInput, [dy as tf.Tensor, x, gamma]),
      1: () => run(LAYER_NORM_KERNELS.gradGamma, [dy as tf.Tensor, x]),
      2: () => run(LAYER_NORM_KERNELS.gradBeta, [dy as tf.Tensor]),
    };
  },
});
