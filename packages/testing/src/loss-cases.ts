// Inputs for checking a backend's fused softmax cross-entropy against tfjs-core's composition, the loss with its
// gradient on the active backend, and the check itself.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { SOFTMAX_CROSS_ENTROPY_KERNELS } from '@kanjs/kernels';
import { relativeError } from './compare.js';
import { rng, uniform } from './random.js';

/** Logits in [-8, 8] and labels [batch, classes]: one-hot (class 7b mod C for row b), or soft (rows summing to 1). */
export function lossInputs(batch: number, classes: number, soft: boolean, seed: number): { labels: Float32Array; logits: Float32Array } {
  const random = rng(seed);
  const logits = Float32Array.from(uniform(random, batch * classes, -8, 8));
  const raw = Float32Array.from(uniform(random, batch * classes, 0, 1));
  const labels = Float32Array.from({ length: batch * classes }, (_, j) => {
    const b = Math.floor(j / classes);
    if (!soft) return (b * 7) % classes === j % classes ? 1 : 0;
    const row = raw.subarray(b * classes, b * classes + classes);
    return raw[j]! / row.reduce((sum, v) => sum + v, 0);
  });
  return { labels, logits };
}

/**
 * The loss and its gradient with respect to the logits on the active backend, and the kernels that ran.
 * `loss` is the op under test (`softmaxCrossEntropy` from @kanjs/kan-layers; passed in, as this package does not
 * depend on it).
 */
export async function lossValueAndGrad(
  loss: (labels: tf.Tensor2D, logits: tf.Tensor2D) => tf.Scalar,
  inputs: { labels: Float32Array; logits: Float32Array },
  batch: number,
  classes: number,
): Promise<{ loss: Float32Array; grad: Float32Array; kernels: string[] }> {
  const [l, t] = [tf.tensor2d(inputs.labels, [batch, classes]), tf.tensor2d(inputs.logits, [batch, classes])];
  const profile = await tf.profile(() => {
    const { value, grads } = tf.valueAndGrads((v: tf.Tensor) => loss(l, v as tf.Tensor2D))([t]);
    return [value, grads[0]!];
  });
  const [value, grad] = (await Promise.all((profile.result as tf.Tensor[]).map((r) => r.data()))) as Float32Array[];
  tf.dispose([l, t, ...(profile.result as tf.Tensor[])]);
  return { loss: value!, grad: grad!, kernels: profile.kernels.map((k) => k.name) };
}

/**
 * Checks a backend's fused softmax cross-entropy against tfjs-core's composition on cpu, for `lossInputs` of one
 * case: both fused kernels run on `backend` and neither on cpu, and the loss and its gradient agree to 1e-5.
 * Leaves `backend` active.
 */
export async function expectFusedLossMatchesCpu(
  loss: (labels: tf.Tensor2D, logits: tf.Tensor2D) => tf.Scalar,
  backend: string,
  [batch, classes, soft]: readonly [batch: number, classes: number, soft: boolean],
): Promise<void> {
  const inputs = lossInputs(batch, classes, soft, batch * 31 + classes);
  await tf.setBackend('cpu');
  const cpu = await lossValueAndGrad(loss, inputs, batch, classes);
  await tf.setBackend(backend);
  const fused = await lossValueAndGrad(loss, inputs, batch, classes);
  expect(fused.kernels).toContain(SOFTMAX_CROSS_ENTROPY_KERNELS.forward);
  expect(fused.kernels).toContain(SOFTMAX_CROSS_ENTROPY_KERNELS.grad);
  expect(cpu.kernels).not.toContain(SOFTMAX_CROSS_ENTROPY_KERNELS.forward);
  expect(relativeError(fused.loss, cpu.loss)).toBeLessThanOrEqual(1e-5);
  expect(relativeError(fused.grad, cpu.grad)).toBeLessThanOrEqual(1e-5);
}
