import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussian } from '@kanjs/basis-gaussian';
import { compileCudaSnippet, cudaHarness, evaluateCudaSnippet, rng, snippetErrors, uniform, wgslHarness } from '@kanjs/testing';

const wgsl = await wgslHarness();
const cuda = cudaHarness();

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => wgsl?.destroy());

/** x [batch, 3]: every centre exactly, then random points across and beyond [gridMin − 2, gridMax + 2]. */
function inputsFor(random: () => number, centres: Float32Array, [low, high]: readonly [number, number]): Float32Array {
  const batch = centres.length + 30;
  const x = Float32Array.from(uniform(random, batch * 3, low - 2, high + 2));
  centres.forEach((c, j) => x.fill(c, j * 3, j * 3 + 3));
  return x;
}

const cases = [
  { numCenters: 5 },
  { numCenters: 8 },
  { numCenters: 12, gridMin: -1.5, gridMax: 2.5 },
  { numCenters: 8, denominator: 1 }, // an integer constant: KAN_H is emitted as an integer literal
  { numCenters: 5, gridMin: 0, gridMax: 3, denominator: 0.3 },
];

describe.skipIf(wgsl === null)('gaussian WGSL snippet', () => {
  for (const options of cases) {
    it(`equals evaluate and its autodiff derivative, ${JSON.stringify(options)}`, async () => {
      const basis = gaussian(options, 3);
      const grid = basis.stateSpecs[0]!.initial();
      const x = inputsFor(rng(options.numCenters), grid, basis.domain);
      const errors = snippetErrors(basis, { grid }, x, await wgsl!.evaluate(basis, { grid }, x));
      expect(errors.values).toBeLessThanOrEqual(1e-5);
      expect(errors.derivs).toBeLessThanOrEqual(1e-4);
      expect(errors.gradient).toBeLessThanOrEqual(1e-4);
    });
  }

  it('reads the centres from the state, not from the config', async () => {
    const basis = gaussian({ numCenters: 5 }, 3);
    const grid = Float32Array.from([-3, -0.5, 0.25, 1, 4]);
    const x = inputsFor(rng(9), grid, [-3, 4]);
    const errors = snippetErrors(basis, { grid }, x, await wgsl!.evaluate(basis, { grid }, x));
    expect(errors.values).toBeLessThanOrEqual(1e-5);
  });
});

describe.skipIf(cuda === null)('gaussian CUDA snippet', () => {
  it('compiles with nvcc', () => {
    compileCudaSnippet(gaussian({ numCenters: 8 }, 4), { nvcc: cuda!.nvcc });
  });

  it.skipIf(cuda?.gpu !== true)('runs on the GPU and equals evaluate and its autodiff derivative', () => {
    const basis = gaussian({ numCenters: 8 }, 3);
    const grid = basis.stateSpecs[0]!.initial();
    const x = inputsFor(rng(3), grid, basis.domain);
    const errors = snippetErrors(basis, { grid }, x, evaluateCudaSnippet(basis, { grid }, x));
    expect(errors.values).toBeLessThanOrEqual(1e-5);
    expect(errors.derivs).toBeLessThanOrEqual(1e-4);
  });
});
