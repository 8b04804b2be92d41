import * as tf from '@tensorflow/tfjs-core';

/** Base-branch activations by name. `silu` is x·σ(x), PyTorch's SiLU and efficient-kan's and fast-kan's default. */
export const BASE_ACTIVATIONS = {
  silu: (x: tf.Tensor) => tf.mul(x, tf.sigmoid(x)),
  relu: (x: tf.Tensor) => tf.relu(x),
  tanh: (x: tf.Tensor) => tf.tanh(x),
  linear: (x: tf.Tensor) => x,
  /** No base branch (pykan's base_fun 'zero'). */
  zero: (x: tf.Tensor) => tf.zerosLike(x),
} as const;

export type BaseActivation = keyof typeof BASE_ACTIVATIONS;

/** Checks an activation name, naming the known ones. */
export function baseActivation(owner: string, name: string): (x: tf.Tensor) => tf.Tensor {
  if (!Object.hasOwn(BASE_ACTIVATIONS, name)) {
    throw new Error(`${owner}: unknown baseActivation "${name}"; expected one of ${Object.keys(BASE_ACTIVATIONS).join(', ')}.`);
  }
  return BASE_ACTIVATIONS[name as BaseActivation];
}
