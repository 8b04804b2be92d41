import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { AdamW, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { CLASSES, batches, permutation, type Dataset } from '../data/dataset.js';

/** The paper's recipe: AdamW (lr 1e-3, weight decay 1e-4), lr × 0.8 each epoch, batch 64, cross-entropy. */
export interface TrainConfig {
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly weightDecay: number;
  /** Exponential decay of the learning rate per epoch. */
  readonly gamma: number;
  readonly seed: number;
}

export const PAPER_RECIPE: Omit<TrainConfig, 'epochs'> = { batchSize: 64, lr: 1e-3, weightDecay: 1e-4, gamma: 0.8, seed: 1 };

/** Progress within an epoch. */
export interface BatchProgress {
  readonly batch: number;
  readonly batches: number;
  readonly examples: number;
  /** Mean loss and accuracy over the epoch so far. */
  readonly loss: number;
  readonly accuracy: number;
  readonly examplesPerSecond: number;
}

/**
 * @kanjs/backend-cuda's captureStep, as the trainer uses it: the step of one batch (pixels, int32 labels) returning
 * [loss, correct], captured once and replayed (see that package's README).
 */
export type CaptureStepFn = (
  fn: (x: tf.Tensor, labels: tf.Tensor) => [tf.Scalar, tf.Scalar],
  options: { warn: (note: string) => void },
) => ((x: tf.Tensor, labels: tf.Tensor) => [tf.Scalar, tf.Scalar]) & { dispose(): void };

/** Loss and accuracy over a data set. */
export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
}

/** The optimizer of the recipe, with the learning rate of `epoch` (0-based). */
export function recipeOptimizer(config: TrainConfig, epoch = 0): AdamW {
  const optimizer = new AdamW(config.lr, config.weightDecay);
  optimizer.setLearningRate(config.lr * config.gamma ** epoch);
  return optimizer;
}

/** The learning rate of a 0-based epoch under the exponential schedule. */
export function learningRate(config: TrainConfig, epoch: number): number {
  return config.lr * config.gamma ** epoch;
}

/**
 * One epoch of minibatch training with softmax cross-entropy on logits. The data order is a permutation seeded
 * by (seed, epoch), so a resumed run sees the same batches. Reads the loss back every `reportEvery` batches.
 * With `capture` (on cuda), the step is captured once for the epoch (its learning rate is fixed in the graph)
 * and replayed; a last, smaller batch runs normally.
 */
export async function trainEpoch(
  model: tfl.LayersModel,
  optimizer: tf.Optimizer,
  data: Dataset,
  config: TrainConfig,
  epoch: number,
  onProgress?: (progress: BatchProgress) => void,
  reportEvery = 10,
  capture?: { readonly captureStep: CaptureStepFn; readonly warn: (note: string) => void },
): Promise<Evaluation & { seconds: number }> {
  const order = permutation(data.count, config.seed * 1000 + epoch);
  const total = Math.ceil(data.count / config.batchSize);
  const start = performance.now();
  let lossSum = 0;
  let correct = 0;
  let seen = 0;
  let pending: { loss: tf.Scalar; correct: tf.Scalar; size: number }[] = [];
  const flush = async () => {
    for (const p of pending) {
      lossSum += (await p.loss.data())[0]! * p.size;
      correct += (await p.correct.data())[0]!;
      tf.dispose([p.loss, p.correct]);
    }
    pending = [];
  };
  /** One step on a batch: [loss, correct predictions]. */
  const trainStep = (x: tf.Tensor, labels: tf.Tensor): [tf.Scalar, tf.Scalar] => {
    let hits: tf.Scalar | null = null;
    const loss = optimizer.minimize(() => {
      const logits = model.apply(x, { training: true }) as tf.Tensor2D;
      hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar);
      return softmaxCrossEntropy(tf.oneHot(labels as tf.Tensor1D, CLASSES) as tf.Tensor2D, logits);
    }, true)!;
    return [loss, hits!];
  };
  const captured = capture?.captureStep(trainStep, { warn: capture.warn });
  const step = captured ?? trainStep;
  let index = 0;
  for (const batch of batches(data, config.batchSize, order)) {
    const x = tf.tensor2d(batch.pixels, [batch.size, batch.features]);
    const labels = tf.tensor1d(batch.labels, 'int32');
    const [loss, hits] = step(x, labels);
    tf.dispose([x, labels]);
    pending.push({ loss, correct: hits, size: batch.size });
    seen += batch.size;
    index++;
    if (index % reportEvery === 0 || index === total) {
      await flush();
      const seconds = (performance.now() - start) / 1000;
      onProgress?.({ batch: index, batches: total, examples: seen, loss: lossSum / seen, accuracy: correct / seen, examplesPerSecond: seen / seconds });
      // Let timers run (progress bars redraw on them); on cpu and wasm the loop never waits otherwise.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  await flush();
  captured?.dispose();
  return { loss: lossSum / seen, accuracy: correct / seen, seconds: (performance.now() - start) / 1000 };
}

/** Mean cross-entropy and accuracy over a data set, in batches. */
export async function evaluate(model: tfl.LayersModel, data: Dataset, batchSize = 1000): Promise<Evaluation> {
  let lossSum = 0;
  let correct = 0;
  for (const batch of batches(data, batchSize)) {
    const [loss, hits] = tf.tidy(() => {
      const logits = model.predict(tf.tensor2d(batch.pixels, [batch.size, batch.features])) as tf.Tensor2D;
      const labels = tf.tensor1d(batch.labels, 'int32');
      return [
        tf.mul(softmaxCrossEntropy(tf.oneHot(labels, CLASSES) as tf.Tensor2D, logits), batch.size),
        tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')),
      ];
    });
    lossSum += (await loss.data())[0]!;
    correct += (await hits.data())[0]!;
    tf.dispose([loss, hits]);
  }
  return { loss: lossSum / data.count, accuracy: correct / data.count };
}

/** Class probabilities [10] for one normalised image [features] (784 for MNIST). */
export async function classify(model: tfl.LayersModel, pixels: Float32Array): Promise<Float32Array> {
  const probabilities = tf.tidy(() => tf.softmax(model.predict(tf.tensor2d(pixels, [1, pixels.length])) as tf.Tensor2D));
  const values = (await probabilities.data()) as Float32Array;
  probabilities.dispose();
  return values;
}
