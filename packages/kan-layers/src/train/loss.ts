import * as tf from '@tensorflow/tfjs-core';
import { SOFTMAX_CROSS_ENTROPY_KERNELS } from '@kanjs/kernels';

/**
 * Softmax cross-entropy of logits against one-hot (or soft) labels, the mean over the batch: the same loss and
 * gradient as `tf.losses.softmaxCrossEntropy(labels, logits)` with its defaults.
 *
 * On a backend that registers the fused kernels (`SOFTMAX_CROSS_ENTROPY_KERNELS`, e.g. cuda) it is one kernel
 * forward and one backward, where the composition runs about 35; elsewhere it is that composition.
 *
 * @param labels [batch, classes]; int32 or bool labels (from `tf.oneHot`) are cast to float32
 * @param logits [batch, classes], float32
 * @returns the scalar loss
 */
export function softmaxCrossEntropy(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  if (logits.rank !== 2 || labels.rank !== 2 || labels.shape[0] !== logits.shape[0] || labels.shape[1] !== logits.shape[1]) {
    throw new Error(`softmaxCrossEntropy: labels and logits must both be [batch, classes] of one shape, got labels [${labels.shape.join(', ')}] and logits [${logits.shape.join(', ')}].`);
  }
  if (logits.dtype !== 'float32') throw new Error(`softmaxCrossEntropy: logits must be float32, got ${logits.dtype}.`);
  const backend = tf.getBackend();
  const fused = tf.getKernel(SOFTMAX_CROSS_ENTROPY_KERNELS.forward, backend) !== undefined && tf.getKernel(SOFTMAX_CROSS_ENTROPY_KERNELS.grad, backend) !== undefined;
  if (!fused) return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  return tf.tidy(() => {
    const targets = labels.dtype === 'float32' ? labels : tf.cast(labels, 'float32');
    return tf.engine().runKernel(SOFTMAX_CROSS_ENTROPY_KERNELS.forward, [targets, logits] as never, {}) as tf.Scalar;
  });
}

/** Gradient of the fused forward kernel: tfjs-core's, dlogits = (dy/B)·(softmax − labels) and dlabels its negation. */
tf.registerGradient({
  kernelName: SOFTMAX_CROSS_ENTROPY_KERNELS.forward,
  saveAllInputs: true,
  gradFunc: (dy, saved) => {
    const [labels, logits] = saved as [tf.Tensor, tf.Tensor];
    const dLogits = () => tf.engine().runKernel(SOFTMAX_CROSS_ENTROPY_KERNELS.grad, [dy as tf.Tensor, labels, logits] as never, {}) as tf.Tensor;
    return { 0: () => tf.neg(dLogits()), 1: dLogits };
  },
});
