// The live training loop: interpret's `fit` (pykan's fit: LBFGS on the mean squared error plus pykan's sparsity
// regularisation, grid updates every 5 steps before step 50) in chunks of `reportEvery` steps, yielding an
// animation frame after each chunk so the page stays live and redraws, and reading the losses back asynchronously.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fit, type FitKANOptions } from '@kanjs/interpret';
import type { Dataset } from './target.js';

/** A dataset as tensors on the active backend: x [samples, variables], y [samples, 1]. */
export interface TensorData {
  readonly xTrain: tf.Tensor2D;
  readonly yTrain: tf.Tensor2D;
  readonly xTest: tf.Tensor2D;
  readonly yTest: tf.Tensor2D;
}

/** Uploads a dataset; dispose the tensors with `tf.dispose(Object.values(data))`. */
export function toTensors(data: Dataset): TensorData {
  const features = data.variables.length;
  return {
    xTrain: tf.tensor2d(data.train.x, [data.train.x.length, features]),
    yTrain: tf.tensor2d(data.train.y, [data.train.y.length, 1]),
    xTest: tf.tensor2d(data.test.x, [data.test.x.length, features]),
    yTest: tf.tensor2d(data.test.y, [data.test.y.length, 1]),
  };
}

/** One phase of training, with the options and defaults of interpret's `fit`. */
export type TrainPhase = FitKANOptions;

/** The root mean squared errors after a step. */
export interface TrainProgress {
  readonly step: number;
  readonly steps: number;
  readonly trainRmse: number;
  readonly testRmse: number;
}

export interface TrainOptions {
  readonly reportEvery: number;
  /** Asked before each step; true ends the phase early. */
  readonly shouldStop: () => boolean;
  /** Called with the losses every `reportEvery` steps and after the last; awaited before training goes on. */
  readonly onReport: (progress: TrainProgress) => void | Promise<void>;
}

/** Trains `model` on `data` for one phase, as interpret's `fit` does, and returns the last report. */
export async function trainPhase(model: tfl.LayersModel, data: TensorData, phase: TrainPhase, options: TrainOptions): Promise<TrainProgress> {
  const { steps } = phase;
  const every = phase.gridUpdateEvery ?? 5;
  const stop = phase.stopGridUpdateStep ?? 50;
  // A report before the first step, so the page shows where the phase starts from.
  let last: TrainProgress = { step: 0, steps, ...(await rmse(model, data)) };
  await options.onReport(last);
  for (let done = 0; done < steps && !options.shouldStop(); ) {
    const chunk = Math.min(options.reportEvery, steps - done);
    // The grid-update schedule counts from the phase's first step, whatever the chunks.
    const offset = every > 0 ? (every - (done % every)) % every : 0;
    fit(model, data.xTrain, data.yTrain, { ...phase, steps: chunk, gridUpdateEvery: offset === 0 ? every : 0, stopGridUpdateStep: Math.max(0, stop - done) });
    done += chunk;
    last = { step: done, steps, ...(await rmse(model, data)) };
    await options.onReport(last);
    await tf.nextFrame();
  }
  return last;
}

/** The root mean squared error of `model` on the training and held-out samples, read back asynchronously. */
export async function rmse(model: tfl.LayersModel, data: TensorData): Promise<{ trainRmse: number; testRmse: number }> {
  const errors = tf.tidy(() =>
    tf.stack([
      tf.losses.meanSquaredError(data.yTrain, model.predict(data.xTrain) as tf.Tensor2D),
      tf.losses.meanSquaredError(data.yTest, model.predict(data.xTest) as tf.Tensor2D),
    ]),
  );
  try {
    const [train, test] = await errors.data();
    return { trainRmse: Math.sqrt(train!), testRmse: Math.sqrt(test!) };
  } finally {
    errors.dispose();
  }
}
