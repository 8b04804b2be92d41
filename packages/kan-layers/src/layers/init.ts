import * as tf from '@tensorflow/tfjs-core';

/**
 * PyTorch's `kaiming_uniform_(w, a)` for a weight with `fanIn` inputs: U(−bound, bound) with
 * bound = √(6 / ((1 + a²)·fanIn)). With a = √5 this is nn.Linear's default, U(±1/√fanIn).
 */
export function kaimingUniform(shape: number[], fanIn: number, a: number, seed?: number): tf.Tensor {
  const bound = Math.sqrt(6 / ((1 + a * a) * fanIn));
  return tf.randomUniform(shape, -bound, bound, 'float32', seed);
}

/** A seed for the n-th random tensor of a layer, or undefined (fresh randomness) without a layer seed. */
export function subSeed(seed: number | undefined, n: number): number | undefined {
  return seed === undefined ? undefined : seed * 7919 + n;
}
