import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamW } from '@kanjs/kan-layers';
import { relativeError } from '@kanjs/testing';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

/** torch.optim.AdamW's step in float64, written from its documented algorithm. */
function torchAdamW(p: number[], grads: number[][], lr: number, wd: number, b1 = 0.9, b2 = 0.999, eps = 1e-8): number[] {
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  grads.forEach((g, step) => {
    const t = step + 1;
    p.forEach((_, i) => {
      p[i]! *= 1 - lr * wd;
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
      const mHat = m[i]! / (1 - b1 ** t);
      const vHat = v[i]! / (1 - b2 ** t);
      p[i]! -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    });
  });
  return p;
}

describe('AdamW', () => {
  it('matches torch.optim.AdamW over several steps', () => {
    const start = [0.5, -1.25, 2, 0.01];
    const grads = [[0.1, -0.2, 0.3, 0], [0.05, 0.4, -0.1, 1e-3], [-0.3, 0.1, 0.2, -2]];
    const variable = tf.variable(tf.tensor1d(start));
    const optimizer = new AdamW(0.01, 0.1);
    for (const g of grads) optimizer.applyGradients({ [variable.name]: tf.variable(tf.tensor1d(g)) });
    expect(relativeError(variable.dataSync(), torchAdamW([...start], grads, 0.01, 0.1))).toBeLessThanOrEqual(1e-6);
    optimizer.dispose();
    variable.dispose();
  });

  it('changes its learning rate for schedules, rejects bad values, and round-trips its config', () => {
    const optimizer = new AdamW(1e-3, 1e-4);
    optimizer.setLearningRate(8e-4);
    expect(optimizer.lr).toBe(8e-4);
    expect(() => optimizer.setLearningRate(0)).toThrow('AdamW: learningRate must be > 0, got 0.');
    expect(() => new AdamW(1e-3, -1)).toThrow('AdamW: weightDecay must be ≥ 0, got -1.');
    const again = AdamW.fromConfig(AdamW, optimizer.getConfig()) as AdamW;
    expect(again.weightDecay).toBe(1e-4);
    optimizer.dispose();
    again.dispose();
  });

  it('leaves no tensors behind per step', () => {
    const variable = tf.variable(tf.ones([3]));
    const optimizer = new AdamW();
    const step = () => optimizer.minimize(() => tf.sum(tf.square(variable)) as tf.Scalar);
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    variable.dispose();
  });
});
