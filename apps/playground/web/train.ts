// The live training loop: interpret's `fit` (pykan's fit with Adam: full-batch mean squared error plus pykan's
// sparsity regularisation, learning-rate decay, grid updates early on) step by step, yielding an animation frame
// after every step so the page stays live, and reading the losses back asynchronously every `reportEvery` steps.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { AdamW, kanLayers, kanNodes, updateGrid } from '@kanjs/kan-layers';
import { sparsityLoss, type FitKANOptions } from '@kanjs/interpret';
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
  const lr0 = phase.learningRate ?? 1e-2;
  const decay = ((phase.finalLearningRate ?? lr0) / lr0) ** (1 / Math.max(steps - 1, 1));
  const lamb = phase.lamb ?? 0;
  const every = phase.gridUpdateEvery ?? 0;
  const stop = phase.stopGridUpdateStep ?? 50;
  const nodes = kanNodes(model);
  const stages = kanLayers(model).map((layer, l) => ({ layer, nodes: nodes[l] ?? null }));
  const optimizer = new AdamW(lr0, 0);
  const variables = () => model.trainableWeights.map((w) => w.read() as tf.Variable);
  let last: TrainProgress = { step: 0, steps, trainRmse: NaN, testRmse: NaN };
  try {
    for (let step = 0; step < steps && !options.shouldStop(); step++) {
      if (every > 0 && step % every === 0 && step < stop) updateGrid(model, data.xTrain);
      optimizer.setLearningRate(lr0 * decay ** step);
      const loss = optimizer.minimize(
        () =>
          tf.tidy(() => {
            const mse = tf.mean(tf.square(tf.sub(model.apply(data.xTrain) as tf.Tensor, data.yTrain))) as tf.Scalar;
            return lamb > 0 ? (tf.add(mse, tf.mul(lamb, sparsityLoss(stages, data.xTrain, phase.lambL1, phase.lambEntropy))) as tf.Scalar) : mse;
          }),
        false,
        variables(),
      );
      loss?.dispose();
      if ((step + 1) % options.reportEvery === 0 || step + 1 === steps) {
        last = { step: step + 1, steps, ...(await rmse(model, data)) };
        await options.onReport(last);
      }
      await tf.nextFrame();
    }
  } finally {
    optimizer.dispose();
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
