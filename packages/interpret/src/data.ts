import * as tf from '@tensorflow/tfjs-core';

/** A batch of inputs: a [batch, features] tensor or rows of numbers. */
export type Batch = tf.Tensor2D | readonly (readonly number[])[];

/** The batch as a float32 tensor [batch, features] (a new tensor the caller disposes, also for a tensor input). */
export function batchTensor(data: Batch, features: number, caller: string): tf.Tensor2D {
  const x = data instanceof tf.Tensor ? tf.clone(data) : tf.tensor2d(data as number[][], undefined, 'float32');
  if (x.rank !== 2 || x.shape[1] !== features || x.shape[0] === 0) {
    const shape = `[${x.shape.join(', ')}]`;
    x.dispose();
    throw new Error(`${caller}: expected data of shape [batch ≥ 1, ${features}], got ${shape}.`);
  }
  return x;
}
