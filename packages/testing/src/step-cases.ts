// The training-step kernels' checks that several backends share: LayerNorm's forward and gradients, and a few
// AdamW steps, on the active backend, with the kernels that ran.
import * as tf from '@tensorflow/tfjs-core';
import { rng, uniform } from './random.js';

type LayerNorm = (x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number) => tf.Tensor2D;

/**
 * y = layerNorm(x, γ, β, 1e-5) and the gradients of Σ y ⊙ r with respect to x, γ and β (x in [-3, 3], γ in
 * [0.5, 1.5], seeded), on the active backend; and the kernels that ran. `layerNorm` is the op under test (from
 * @kanjs/kan-layers; passed in, as this package does not depend on it).
 */
export async function layerNormValueAndGrads(layerNorm: LayerNorm, batch: number, n: number, seed: number): Promise<{ values: Float32Array[]; kernels: string[] }> {
  const random = rng(seed);
  const profile = await tf.profile(() =>
    tf.tidy(() => {
      const x = tf.tensor2d(Float32Array.from(uniform(random, batch * n, -3, 3)), [batch, n]);
      const gamma = tf.tensor1d(Float32Array.from(uniform(random, n, 0.5, 1.5)));
      const beta = tf.tensor1d(Float32Array.from(uniform(random, n)));
      const r = tf.tensor2d(Float32Array.from(uniform(random, batch * n)), [batch, n]);
      const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(layerNorm(a as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5), r));
      return [layerNorm(x, gamma, beta, 1e-5), ...tf.grads(f)([x, gamma, beta])];
    }),
  );
  const tensors = profile.result as tf.Tensor[];
  const values = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
  tf.dispose(tensors);
  return { values, kernels: profile.kernels.map((k) => k.name) };
}

interface Optimizer {
  applyGradients(gradients: { name: string; tensor: tf.Tensor }[]): void;
  getWeights(): Promise<{ tensor: tf.Tensor }[]>;
  dispose(): void;
}

/**
 * Five steps of `makeOptimizer()` (AdamW from @kanjs/kan-layers, passed in) with fixed gradients on variables of
 * odd sizes (2×3, 3, 101, 64×37), one frozen one without a gradient; the variables and the optimizer's weights
 * after, and the last step's kernels.
 */
export async function adamSteps(makeOptimizer: () => Optimizer): Promise<{ values: number[][]; kernels: string[] }> {
  const random = rng(7);
  const variables = [
    tf.variable(tf.tensor2d([[0.5, -1.25, 3], [2, 0.01, -0.7]]), true, 'w'),
    tf.variable(tf.tensor1d([0.3, -0.7, 0.2]), true, 'b'),
    tf.variable(tf.tensor1d(Float32Array.from(uniform(random, 101))), true, 'odd'),
    tf.variable(tf.tensor2d(Float32Array.from(uniform(random, 64 * 37)), [64, 37]), true, 'large'),
    tf.variable(tf.tensor1d([1, 2]), false, 'frozen'),
  ];
  const optimizer = makeOptimizer();
  let kernels: string[] = [];
  for (let step = 1; step <= 5; step++) {
    const grads = [
      { name: 'w', tensor: tf.tensor2d([[0.1 * step, -0.2, 1e-3], [0.3, 1e-3 * step, -2]]) },
      { name: 'b', tensor: tf.tensor1d([-0.3 / step, 0.1, 2 * step]) },
      { name: 'odd', tensor: tf.tensor1d(Float32Array.from(uniform(random, 101, -step, step))) },
      { name: 'large', tensor: tf.tensor2d(Float32Array.from(uniform(random, 64 * 37, -1, 1)), [64, 37]) },
    ];
    const profile = await tf.profile(() => optimizer.applyGradients(grads));
    kernels = profile.kernels.map((k) => k.name);
    tf.dispose(grads.map((g) => g.tensor));
  }
  const weights = await optimizer.getWeights();
  const values = await Promise.all([...variables, ...weights.slice(1).map((w) => w.tensor)].map(async (t) => Array.from(await t.data())));
  tf.dispose([...variables, ...weights.map((w) => w.tensor)]);
  optimizer.dispose();
  return { values, kernels };
}
