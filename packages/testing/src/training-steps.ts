// A short training run for the backends' step tests: a few optimizer steps of a classifier that must leak no
// tensors and lower its loss.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/**
 * Six steps of `optimizer` on x [16, in] with labels one-hot over 4 classes (row b is class b mod 4): checks that
 * numTensors after the last step equals that after the first, and that the loss went down. `logits` is the model
 * in training mode, `loss` the op under test (`softmaxCrossEntropy` from @kanjs/kan-layers; passed in, as this
 * package does not depend on it).
 */
export async function expectStepsLowerLoss(
  optimizer: { minimize(f: () => tf.Scalar, returnCost: true): tf.Scalar | null },
  logits: (x: tf.Tensor2D) => tf.Tensor2D,
  loss: (labels: tf.Tensor2D, logits: tf.Tensor2D) => tf.Scalar,
  x: tf.Tensor2D,
): Promise<void> {
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 4), 'int32'), 4) as tf.Tensor2D;
  const step = async () => {
    const value = optimizer.minimize(() => loss(labels, logits(x)), true)!;
    const result = (await value.data())[0]!;
    value.dispose();
    return result;
  };
  const first = await step();
  const tensors = tf.memory().numTensors;
  let last = first;
  for (let i = 0; i < 5; i++) last = await step();
  expect(tf.memory().numTensors).toBe(tensors);
  expect(last).toBeLessThan(first);
  labels.dispose();
}
