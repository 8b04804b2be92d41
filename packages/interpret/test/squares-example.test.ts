// A second pykan-style example: a [2, 1, 1] KAN on f(x, y) = x² + y², pykan's recipe without pruning (fit with
// LBFGS, autoSymbolic, fit the affine parameters, read the formula).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { autoSymbolic, fit, symbolicFormula } from '@kanjs/interpret';
import { pykanModel } from '../examples/tutorial.mjs';
import { exampleData } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const target = ([x, y]: readonly number[]) => x! * x! + y! * y!;

describe('pykan example: f(x, y) = x² + y² on a [2, 1, 1] KAN', () => {
  it('finds x², y² and a linear output, within 1e-3 relative error on 1000 held-out points', () => {
    const before = tf.memory().numTensors;
    const { x, y, test } = exampleData(target, 3, 4);
    const model = pykanModel([2, 1, 1], 3, 1);
    expect(Math.sqrt(fit(model, x, y, { steps: 50 }))).toBeLessThan(1e-2);
    const report = autoSymbolic(model, x, { library: ['x', 'x^2', 'x^3', 'exp', 'sin', 'tanh'] });
    expect(report.map((edge) => edge.name)).toEqual(['x^2', 'x^2', 'x']);
    expect(Math.sqrt(fit(model, x, y, { steps: 50 }))).toBeLessThan(1e-4);
    const formula = symbolicFormula(model, { variables: ['x', 'y'] })[0]!;
    const values = formula.evaluate(test);
    const error = Math.max(...test.map((row, n) => Math.abs(values[n]![0]! - target(row)) / Math.max(target(row), 1e-2)));
    expect(error).toBeLessThan(1e-3);
    tf.dispose([x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
