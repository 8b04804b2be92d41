// pykan's headline tutorial, end to end on wasm: train [2, 5, 1] on exp(sin(πx) + y²), prune, refine,
// autoSymbolic, retrain the affine parameters, and read the formula back.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { tutorial } from '../examples/tutorial.mjs';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe("pykan's tutorial: f(x, y) = exp(sin(πx) + y²)", () => {
  it('prunes to [2, 1, 1] or [2, 2, 1] and finds a formula with sin, x² and exp within 1e-3 relative error', () => {
    const before = tf.memory().numTensors;
    const { formula, error, widths, model } = tutorial();
    expect([[2, 1, 1], [2, 2, 1]]).toContainEqual(widths);
    expect(formula.text).toMatch(/sin\(/);
    expect(formula.text).toMatch(/\^ 2/);
    expect(formula.text).toMatch(/exp\(/);
    expect(error).toBeLessThan(1e-3);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
