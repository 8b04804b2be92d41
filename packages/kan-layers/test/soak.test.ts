// Soak: long runs keep the tensor count flat. 2,000 training steps of both layer kinds, and 200 rounds of loading
// and disposing a model through loadTorchKAN and through tf.loadLayersModel(fileSystem(dir)).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdamW, kan, loadTorchKAN, saveTorchKAN, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { fileSystem } from '@kanjs/kan-layers/node';
import { rng, uniform } from '@kanjs/testing';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanjs-soak-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('soak', () => {
  it('runs 2,000 training steps (1,000 per layer kind) with a flat tensor count and a falling loss', () => {
    const random = rng(5);
    const x = tf.tensor2d(Float32Array.from(uniform(random, 16 * 2, -1, 1)), [16, 2]);
    const labels = tf.tidy(() => tf.oneHot(tf.cast(tf.greater(tf.sum(tf.mul(x, x), 1), 0.5), 'int32'), 2) as tf.Tensor2D);
    for (const layer of ['kan-linear', 'fastkan'] as const) {
      // Small layers: the soak is about what stays allocated, not about the model.
      const model = layer === 'fastkan'
        ? kan({ layers: [2, 2], layer, basis: { name: 'gaussian', numCenters: 4 }, seed: 1 })
        : kan({ layers: [2, 2], layer, basis: { name: 'bspline', gridSize: 3, splineOrder: 1 }, seed: 1 });
      const optimizer = new AdamW(0.01);
      const step = () => optimizer.minimize(() => softmaxCrossEntropy(labels, model.apply(x) as tf.Tensor2D), true)!;
      const first = step();
      const firstLoss = first.dataSync()[0]!;
      first.dispose();
      const counts: number[] = [];
      let lastLoss = firstLoss;
      for (let n = 1; n < 1000; n++) {
        const loss = step();
        if (n % 100 === 0 || n === 999) {
          lastLoss = loss.dataSync()[0]!;
          counts.push(tf.memory().numTensors);
        }
        loss.dispose();
      }
      expect(new Set(counts).size).toBe(1);
      expect(lastLoss).toBeLessThan(firstLoss);
      optimizer.dispose();
      model.dispose();
    }
    tf.dispose([x, labels]);
  });

  it('loads and disposes a model 200 times with a flat tensor count', async () => {
    const model = kan({ layers: [3, 5, 2], seed: 2 });
    const bytes = await saveTorchKAN(model);
    await model.save(fileSystem(dir));
    model.dispose();
    const start = tf.memory().numTensors;
    for (let round = 0; round < 100; round++) {
      loadTorchKAN(bytes).dispose();
      (await tfl.loadLayersModel(fileSystem(dir))).dispose();
      expect(tf.memory().numTensors).toBe(start);
    }
  });
});
