import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bspline, knotCount, uniformKnots } from '@kanjs/basis-bspline';
import { compileCudaSnippet, cudaHarness, evaluateCudaSnippet, randomKnots, rng, snippetErrors, wgslHarness } from '@kanjs/testing';

const wgsl = await wgslHarness();
const cuda = cudaHarness();

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => wgsl?.destroy());

/**
 * Inputs x [batch, in] for knots [in, count]: every knot of each input exactly (where the half-open intervals
 * matter), just outside both ends, t_last itself (where every basis is 0), and random points across
 * [t₀ − 0.5, t_last + 0.5].
 */
function inputsFor(random: () => number, knots: Float32Array, inFeatures: number, count: number, extra = 30): Float32Array {
  const batch = count + 3 + extra;
  const x = new Float32Array(batch * inFeatures);
  for (let i = 0; i < inFeatures; i++) {
    const row = knots.subarray(i * count, (i + 1) * count);
    const [first, last] = [row[0]!, row[count - 1]!];
    const column = [...row, first - 0.25, last + 0.25, last];
    while (column.length < batch) column.push(first - 0.5 + (last - first + 1) * random());
    column.forEach((v, b) => (x[b * inFeatures + i] = v));
  }
  return x;
}

/** Knots for 4 inputs: the first two uniform on [-1, 1], the last two random and non-uniform. */
function mixedKnots(random: () => number, gridSize: number, order: number): Float32Array {
  const count = knotCount(gridSize, order);
  const knots = new Float32Array(4 * count);
  knots.set(uniformKnots(2, gridSize, order, [-1, 1]));
  knots.set(randomKnots(random, 2, count), 2 * count);
  return knots;
}

describe.skipIf(wgsl === null)('bspline WGSL snippet', () => {
  for (const order of [0, 1, 2, 3]) {
    for (const gridSize of [1, 3, 5, 8]) {
      it(`equals evaluate and its autodiff derivative, k=${order} G=${gridSize}, uniform and non-uniform knots`, async () => {
        const random = rng(1000 + 10 * order + gridSize);
        const basis = bspline({ splineOrder: order, gridSize }, 4);
        const count = knotCount(gridSize, order);
        const grid = mixedKnots(random, gridSize, order);
        const x = inputsFor(random, grid, 4, count);
        const errors = snippetErrors(basis, { grid }, x, await wgsl!.evaluate(basis, { grid }, x), order + gridSize);
        expect(errors.values).toBeLessThanOrEqual(1e-5);
        expect(errors.derivs).toBeLessThanOrEqual(1e-4);
        expect(errors.gradient).toBeLessThanOrEqual(1e-4);
      });
    }
  }

  it('takes 0/0 as 0 on repeated knots, as the recursion does', async () => {
    const basis = bspline({ splineOrder: 3, gridSize: 4 }, 1);
    const grid = Float32Array.from([-2, -1.5, -1, -1, -0.5, 0, 0, 0.5, 1, 1.5, 2]);
    const x = inputsFor(rng(5), grid, 1, grid.length);
    const out = await wgsl!.evaluate(basis, { grid }, x);
    const errors = snippetErrors(basis, { grid }, x, out);
    expect(out.values.every(Number.isFinite) && out.derivs.every(Number.isFinite)).toBe(true);
    expect(errors.values).toBeLessThanOrEqual(1e-5);
    expect(errors.derivs).toBeLessThanOrEqual(1e-4);
  });

  it('writes exactly the k+1 non-zero values of the knot span, summing to 1 inside the grid', async () => {
    const basis = bspline({ splineOrder: 3, gridSize: 4 }, 1);
    const grid = uniformKnots(1, 4, 3, [-1, 1]);
    const { values } = await wgsl!.evaluate(basis, { grid }, Float32Array.from([0.1]));
    expect([...values].filter((v) => v !== 0)).toHaveLength(4);
    expect([...values].reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
  });
});

describe.skipIf(cuda === null)('bspline CUDA snippet', () => {
  it('compiles with nvcc for k = 0 and k = 3', () => {
    compileCudaSnippet(bspline({ splineOrder: 0, gridSize: 3 }, 2), { nvcc: cuda!.nvcc });
    compileCudaSnippet(bspline({ splineOrder: 3, gridSize: 5 }, 2), { nvcc: cuda!.nvcc });
  });

  it.skipIf(cuda?.gpu !== true)('runs on the GPU and equals evaluate and its autodiff derivative', () => {
    for (const order of [0, 3]) {
      const random = rng(order);
      const basis = bspline({ splineOrder: order, gridSize: 5 }, 4);
      const grid = mixedKnots(random, 5, order);
      const x = inputsFor(random, grid, 4, knotCount(5, order));
      const errors = snippetErrors(basis, { grid }, x, evaluateCudaSnippet(basis, { grid }, x));
      expect(errors.values).toBeLessThanOrEqual(1e-5);
      expect(errors.derivs).toBeLessThanOrEqual(1e-4);
    }
  });
});
