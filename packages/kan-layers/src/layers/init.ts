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

/**
 * Runs a small synchronous computation that reads values back (such as KANLinear's initial least-squares fit)
 * on the cpu backend when it is registered, then switches back. Backends without synchronous reads (webgpu in
 * Node) can then build layers; on the others it only saves round trips. Return plain arrays, not tensors.
 */
export function onCpu<T>(compute: () => T): T {
  const active = tf.getBackend();
  if (active === 'cpu' || tf.findBackendFactory('cpu') === null || tf.findBackendFactory('cpu') === undefined) return compute();
  // For an initialised or synchronously initialising backend, setBackend switches before returning its promise.
  void tf.setBackend('cpu');
  if (tf.getBackend() !== 'cpu') return compute();
  try {
    return compute();
  } finally {
    void tf.setBackend(active);
  }
}
