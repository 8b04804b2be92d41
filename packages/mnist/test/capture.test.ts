// The trainer's captured steps (on cuda, @kanjs/backend-cuda's captureStep; --no-capture turns them off): one
// captured step per epoch, every batch through it, disposed at the end, with the same training as without it.
// Runs on cpu with a stand-in for captureStep that records its use and runs the step.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@kanjs/kan-layers';
import '@kanjs/basis-gaussian';
import { parseCommand } from '../src/cli/args.js';
import type { Dataset } from '../src/data/dataset.js';
import { buildModel } from '../src/train/models.js';
import { PAPER_RECIPE, recipeOptimizer, trainEpoch, type CaptureStepFn } from '../src/train/trainer.js';

await tf.setBackend('cpu');

function digits(count: number): Dataset {
  return { images: Uint8Array.from({ length: count * 784 }, (_, n) => (n * 131) % 256), labels: Uint8Array.from({ length: count }, (_, n) => n % 10), count };
}

describe('captured training steps in the trainer', () => {
  it('captures one step per epoch, runs every batch through it and disposes it, training as without it', async () => {
    const data = digits(40);
    const config = { ...PAPER_RECIPE, epochs: 1, batchSize: 16 };
    const counts = { captures: 0, calls: 0, disposed: 0 };
    const captureStep: CaptureStepFn = (fn) => {
      counts.captures++;
      return Object.assign((x: tf.Tensor, labels: tf.Tensor) => (counts.calls++, fn(x, labels)), { dispose: () => void counts.disposed++ });
    };
    const results = [];
    for (const capture of [undefined, { captureStep, warn: () => {} }]) {
      const model = buildModel({ kind: 'fastkan', hidden: 8, seed: 3 });
      const optimizer = recipeOptimizer(config);
      results.push(await trainEpoch(model, optimizer, data, config, 0, undefined, 10, capture));
      optimizer.dispose();
      model.dispose();
    }
    expect(counts).toEqual({ captures: 1, calls: 3, disposed: 1 });
    expect(results[1]!.loss).toBe(results[0]!.loss);
    expect(results[1]!.accuracy).toBe(results[0]!.accuracy);
  });

  it('turns capture off with --no-capture', () => {
    const on = parseCommand(['train']);
    const off = parseCommand(['train', '--no-capture']);
    if (on.name !== 'train' || off.name !== 'train') throw new Error('expected train');
    expect(on.options.capture).toBe(true);
    expect(off.options.capture).toBe(false);
  });
});
