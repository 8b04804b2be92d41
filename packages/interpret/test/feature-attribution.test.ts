// pykan's feature-attribution tutorial (Interp_4): the input scores rank the inputs, and prune_input drops the
// one the target ignores.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { kan } from '@kanjs/kan-layers';
import { featureScore, fit, pruneInputs } from '@kanjs/interpret';
import { rows } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe('pykan Interp_4: feature attribution', () => {
  it('ranks x₀² + 0.3·x₁ + 0.1·x₂³ + 0·x₃ by importance and prunes x₃', () => {
    const data = rows(500, 4, 21);
    const x = tf.tensor2d(data);
    const y = tf.tensor2d(data.map(([a, b, c]) => [a! ** 2 + 0.3 * b! + 0.1 * c! ** 3]));
    const model = kan({ layers: [4, 5, 1], basis: { name: 'bspline', gridSize: 5 }, seed: 1 });
    fit(model, x, y, { steps: 150, learningRate: 2e-2, finalLearningRate: 2e-3, lamb: 1e-3 });
    const scores = featureScore(model, data);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
    expect(scores[2]).toBeGreaterThan(scores[3]!);
    const { inputs } = pruneInputs(model, data, { threshold: scores[3]! * 1.01 });
    expect(inputs).toEqual([0, 1, 2]);
    tf.dispose([x, y]);
  });
});
