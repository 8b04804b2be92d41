import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { AdamW, updateGrid } from '@kanjs/kan-layers';
import { kanStages } from '../stages.js';
import { sparseForward } from './sparsity.js';

/** Options of `fit`. */
export interface FitKANOptions {
  /** Optimisation steps over the whole batch. */
  readonly steps: number;
  /** Adam's learning rate at the first step. Default 1e-2. */
  readonly learningRate?: number;
  /** The learning rate at the last step, reached by exponential decay. Default learningRate (constant). */
  readonly finalLearningRate?: number;
  /** Weight of pykan's sparsity regularisation (`sparsityLoss`). Default 0. */
  readonly lamb?: number;
  /** λ_l1 of the regularisation. Default 1. */
  readonly lambL1?: number;
  /** λ_entropy of the regularisation. Default 2. */
  readonly lambEntropy?: number;
  /** Update the B-spline grids from the batch every this many steps (0: never). Default 0. */
  readonly gridUpdateEvery?: number;
  /** No grid update from this step on. Default 50 (pykan's stop_grid_update_step). */
  readonly stopGridUpdateStep?: number;
}

/**
 * pykan's `fit` with Adam in place of LBFGS: steps of mean((model(x) − y)²) + lamb·sparsityLoss over the whole
 * batch, with grid updates (`updateGrid`) every `gridUpdateEvery` steps before `stopGridUpdateStep`. Trains every
 * trainable weight, including the symbolic edges' a, b, c, d. Returns the final mean squared error.
 */
export function fit(model: tfl.LayersModel, x: tf.Tensor2D, y: tf.Tensor2D, options: FitKANOptions): number {
  const stages = kanStages(model, 'fit');
  const { steps } = options;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`fit: steps must be an integer ≥ 1, got ${steps}.`);
  const lr0 = options.learningRate ?? 1e-2;
  const decay = ((options.finalLearningRate ?? lr0) / lr0) ** (1 / Math.max(steps - 1, 1));
  const lamb = options.lamb ?? 0;
  const every = options.gridUpdateEvery ?? 0;
  const stop = options.stopGridUpdateStep ?? 50;
  const optimizer = new AdamW(lr0, 0);
  const variables = () => model.trainableWeights.map((w) => w.read() as tf.Variable);
  for (let step = 0; step < steps; step++) {
    if (every > 0 && step % every === 0 && step < stop) updateGrid(model, x);
    optimizer.setLearningRate(lr0 * decay ** step);
    const loss = optimizer.minimize(() => tf.tidy(() => {
      if (lamb === 0) return tf.mean(tf.square(tf.sub(model.apply(x) as tf.Tensor, y))) as tf.Scalar;
      const { output, loss } = sparseForward(stages, x, options.lambL1, options.lambEntropy);
      return tf.add(tf.mean(tf.square(tf.sub(output, y))), tf.mul(lamb, loss)) as tf.Scalar;
    }), false, variables());
    loss?.dispose();
  }
  optimizer.dispose();
  return tf.tidy(() => tf.mean(tf.square(tf.sub(model.apply(x) as tf.Tensor, y))).dataSync()[0]!);
}
