import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { describe, expect, it } from 'vitest';
import { createBasis } from '@kanjs/basis-core';
import { kan } from '@kanjs/kan-layers';
import { hat } from '@kanjs/example-basis-custom';
import '@kanjs/example-basis-custom/register';
import { compileCudaSnippet, referenceValueError, rng, snippetErrors, snippetHarnesses, uniform } from '@kanjs/testing';

const { wgsl, cuda } = await snippetHarnesses();

/** The hat functions in float64, straight from the formula. */
const hatValues = (x: number, centres: ArrayLike<number>, h: number) => Float64Array.from(centres, (c) => Math.max(0, 1 - Math.abs(x - c) / h));

describe('hat basis', () => {
  it('is registered, validates its options and round-trips its config', () => {
    const basis = createBasis({ name: 'hat', numCenters: 5 }, 2);
    expect(basis.config).toEqual({ name: 'hat', numCenters: 5, gridMin: -1, gridMax: 1 });
    expect(createBasis(JSON.parse(JSON.stringify(basis.config)), 2).config).toEqual(basis.config);
    expect(() => hat({ numCenters: 1 }, 2)).toThrow('hat basis: numCenters must be ≥ 2, got 1.');
    expect(() => hat({ width: 1 }, 2)).toThrow('hat basis: unknown option "width"; expected one of numCenters, gridMin, gridMax.');
  });

  it('matches max(0, 1 − |x − cⱼ|/h) in float64', () => {
    const basis = hat({ numCenters: 5 }, 3);
    const grid = basis.stateSpecs[0]!.initial();
    const x = uniform(rng(1), 30 * 3, -1.5, 1.5);
    expect(referenceValueError(basis, { grid }, x, (v) => hatValues(v, grid, 0.5))).toBeLessThanOrEqual(1e-6);
  });

  it('trains in kan({ layers: [2, 4, 1], basis: "hat" }): the loss falls', async () => {
    const model = kan({ layers: [2, 4, 1], basis: 'hat', seed: 1 });
    const x = tf.randomUniform([64, 2], -1, 1, 'float32', 2);
    const y = tf.tidy(() => tf.sin(tf.mul(tf.sum(x, 1, true), 1.5)));
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    const before = tf.tidy(() => (model.evaluate(x, y) as tf.Scalar).dataSync()[0]!);
    await model.fit(x, y, { epochs: 20, batchSize: 64, verbose: 0 });
    const after = tf.tidy(() => (model.evaluate(x, y) as tf.Scalar).dataSync()[0]!);
    expect(after).toBeLessThan(before * 0.5);
    tf.dispose([x, y]);
  });
});

describe.skipIf(wgsl === null)('hat WGSL snippet', () => {
  it('equals evaluate and its autodiff derivative, at the centres and the kinks too', async () => {
    const basis = hat({ numCenters: 6 }, 3);
    const grid = basis.stateSpecs[0]!.initial();
    const x = Float32Array.from(uniform(rng(2), 40 * 3, -1.5, 1.5));
    x.set(grid); // exactly on the centres, where the hats have their kinks
    const errors = snippetErrors(basis, { grid }, x, await wgsl!.evaluate(basis, { grid }, x));
    expect(errors.values).toBeLessThanOrEqual(1e-5);
    expect(errors.derivs).toBeLessThanOrEqual(1e-4);
    expect(errors.gradient).toBeLessThanOrEqual(1e-4);
  });
});

describe.skipIf(cuda === null)('hat CUDA snippet', () => {
  it('compiles with nvcc', () => {
    compileCudaSnippet(hat({}, 2), { nvcc: cuda!.nvcc });
  });
});
