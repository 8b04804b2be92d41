// The browser's training loop: the paper's recipe, like `trainEpoch`, but it yields a frame after every batch so
// the page stays live (and runs there a prediction the page asked for), reports a moving window of the loss, can
// stop early (after `maxSteps` or on request), and evaluates on the test set after each epoch.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { CLASSES, PIXELS, batches, permutation, type Split } from '../src/data/dataset.js';
import { evaluate, learningRate, recipeOptimizer, type Evaluation, type TrainConfig } from '../src/train/trainer.js';

/** Loss and accuracy over the last few batches. */
export interface StepProgress {
  /** Batches trained so far in this run, counting from 1. */
  readonly step: number;
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly examplesPerSecond: number;
}

/** A test-set evaluation during a run. */
export interface TestProgress extends Evaluation {
  readonly step: number;
  readonly epoch: number;
}

/** What a run ended with: the last test evaluation, the last training loss, and how far it got. */
export interface RunSummary extends Evaluation {
  readonly steps: number;
  /** Epochs trained, fractional when the run ended mid-epoch. */
  readonly epochs: number;
  readonly trainLoss: number;
  readonly seconds: number;
}

export interface RunOptions {
  readonly config: TrainConfig;
  /** Stop after this many batches (a quick run). */
  readonly maxSteps?: number;
  /** Report every this many batches. */
  readonly reportEvery: number;
  /** Asked before each batch; true ends the run early. */
  readonly shouldStop: () => boolean;
  readonly onProgress: (progress: StepProgress) => void;
  readonly onTest: (progress: TestProgress) => void;
  /**
   * Awaited after every batch, before the next one, with the number of batches trained so far: the page runs a
   * pending prediction and the LayerNorm domain check here, on the current weights.
   */
  readonly betweenSteps?: (step: number) => Promise<void>;
}

/** Trains `model` on `data.train` and evaluates it on `data.test`. */
export async function runTraining(model: tfl.LayersModel, data: Split, options: RunOptions): Promise<RunSummary> {
  const { config, reportEvery } = options;
  const maxSteps = options.maxSteps ?? Infinity;
  const optimizer = recipeOptimizer(config);
  const perEpoch = Math.ceil(data.train.count / config.batchSize);
  const start = performance.now();
  let step = 0;
  let epochsDone = 0;
  let trainLoss = NaN;
  let stopped = false;
  let last: TestProgress | null = null;
  try {
    for (let epoch = 0; epoch < config.epochs && !stopped; epoch++) {
      optimizer.setLearningRate(learningRate(config, epoch));
      const order = permutation(data.train.count, config.seed * 1000 + epoch);
      let recent: { loss: tf.Scalar; hits: tf.Scalar; size: number }[] = [];
      let recentStart = performance.now();
      let batch = 0;
      for (const { pixels, labels, size } of batches(data.train, config.batchSize, order)) {
        if (step >= maxSteps || options.shouldStop()) {
          stopped = true;
          break;
        }
        let hits: tf.Scalar | null = null;
        const loss = optimizer.minimize(() => {
          const x = tf.tensor2d(pixels, [size, PIXELS]);
          const y = tf.tensor1d(labels, 'int32');
          const logits = model.apply(x, { training: true }) as tf.Tensor2D;
          hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32')) as tf.Scalar);
          return tf.losses.softmaxCrossEntropy(tf.oneHot(y, CLASSES), logits) as tf.Scalar;
        }, true)!;
        recent.push({ loss, hits: hits!, size });
        step++;
        batch++;
        if (recent.length === reportEvery || batch === perEpoch || step === maxSteps) {
          let lossSum = 0;
          let correct = 0;
          let seen = 0;
          for (const w of recent) {
            lossSum += (await w.loss.data())[0]! * w.size;
            correct += (await w.hits.data())[0]!;
            seen += w.size;
          }
          tf.dispose(recent.flatMap((w) => [w.loss, w.hits]));
          recent = [];
          trainLoss = lossSum / seen;
          const seconds = (performance.now() - recentStart) / 1000;
          options.onProgress({ step, epoch, batch, batches: perEpoch, loss: trainLoss, accuracy: correct / seen, examplesPerSecond: seen / seconds });
          recentStart = performance.now();
        }
        await tf.nextFrame();
        await options.betweenSteps?.(step);
      }
      tf.dispose(recent.flatMap((w) => [w.loss, w.hits]));
      if (batch > 0) {
        last = { step, epoch, ...(await evaluate(model, data.test)) };
        options.onTest(last);
        epochsDone = epoch + batch / perEpoch;
      }
    }
  } finally {
    optimizer.dispose();
  }
  return {
    steps: step,
    epochs: epochsDone,
    trainLoss,
    loss: last?.loss ?? NaN,
    accuracy: last?.accuracy ?? NaN,
    seconds: (performance.now() - start) / 1000,
  };
}
