import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasisConfigError, createBasis } from '@kanjs/basis-core';
import { reluKan } from '@kanjs/basis-relu';
import '@kanjs/basis-relu/register';
import {
  cudaHarness,
  referenceGradientError,
  referenceValueError,
  reluKanValues,
  rng,
  snippetSuites,
  uniform,
  wgslHarness,
} from '@kanjs/testing';

const wgsl = await wgslHarness();
const cuda = cudaHarness();

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => wgsl?.destroy());

/** x [batch, 3]: every grid point a + j·h (where the pieces meet), then random points across and beyond the supports. */
function inputs(seed: number, gridSize: number, order: number, [a, b]: readonly [number, number]): Float64Array {
  const h = (b - a) / gridSize;
  const x = uniform(rng(seed), 40 * 3, a - (order + 1) * h, b + (order + 1) * h);
  for (let j = -order; j <= gridSize + order; j++) x[j + order] = Math.fround(a + j * h);
  return x;
}

describe('relu basis', () => {
  it('defaults to G = 5, k = 3 on [-1, 1]: K = 8, no state', () => {
    const basis = createBasis('relu', 3);
    expect(basis.size).toBe(8);
    expect(basis.config).toEqual({ name: 'relu', gridSize: 5, order: 3, gridRange: [-1, 1] });
    expect(basis.stateSpecs).toEqual([]);
    expect(basis.domain).toEqual([-1, 1]);
  });

  for (const [gridSize, order, gridRange] of [[1, 0, [0, 1]], [3, 1, [-1, 1]], [5, 3, [0, 1]], [8, 2, [-2, 3]]] as const) {
    it(`matches [ReLU(e−x)·ReLU(x−s)]²·16/(e−s)⁴ in float64, G=${gridSize} k=${order} range [${gridRange}]`, () => {
      const basis = reluKan({ gridSize, order, gridRange: [...gridRange] }, 3);
      const x = inputs(gridSize, gridSize, order, gridRange);
      expect(referenceValueError(basis, {}, x, (v) => reluKanValues(v, gridSize, order, gridRange))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('peaks at 1 in the middle of each support', () => {
    const basis = reluKan({ gridSize: 4, order: 1, gridRange: [0, 1] }, 1);
    // R₀ spans [s₀, e₀] = [-0.25, 0.25]: its middle is 0.
    const values = tf.tidy(() => basis.evaluate(tf.tensor2d([[0]]), {}).dataSync());
    expect(values[0]).toBeCloseTo(1, 6);
  });

  it('has input gradients that match finite differences of the float64 reference', () => {
    const basis = reluKan({ gridSize: 4, order: 2 }, 3);
    const x = uniform(rng(11), 8 * 3, -1.5, 1.5);
    expect(referenceGradientError(basis, {}, x, (v) => reluKanValues(v, 4, 2, [-1, 1]))).toBeLessThanOrEqual(1e-4);
  });

  it('rejects invalid configs with one clear error naming the field', () => {
    expect(() => reluKan({ gridSize: 0 }, 2)).toThrow('relu basis: gridSize must be ≥ 1, got 0.');
    expect(() => reluKan({ order: -1 }, 2)).toThrow('relu basis: order must be ≥ 0, got -1.');
    expect(() => reluKan({ order: 1.5 }, 2)).toThrow('relu basis: order must be an integer, got 1.5.');
    expect(() => reluKan({ gridRange: [1, 0] }, 2)).toThrow('relu basis: gridRange must have low < high, got [1,0].');
    expect(() => reluKan({ gridRange: 1 }, 2)).toThrow('relu basis: gridRange must be a pair [low, high] of finite numbers, got 1.');
    expect(() => reluKan({ splineOrder: 3 }, 2)).toThrow('relu basis: unknown option "splineOrder"; expected one of gridSize, order, gridRange.');
    expect(() => reluKan({ gridSize: 0 }, 2)).toThrow(BasisConfigError);
  });

  it('round-trips its config through JSON', () => {
    const basis = createBasis({ name: 'relu', gridSize: 7, order: 2, gridRange: [0, 1] }, 4);
    const again = createBasis(JSON.parse(JSON.stringify(basis.config)), 4);
    expect(again.config).toEqual(basis.config);
    expect(again.size).toBe(9);
  });
});

snippetSuites('relu', wgsl, cuda, {
  wgsl: ([[1, 0, [0, 1]], [3, 1, [-1, 1]], [5, 3, [0, 1]], [8, 2, [-2, 3]]] as const).map(([gridSize, order, gridRange]) => ({
    label: `equals evaluate and its autodiff derivative, G=${gridSize} k=${order} range [${gridRange}]`,
    basis: reluKan({ gridSize, order, gridRange: [...gridRange] }, 3),
    x: Float32Array.from(inputs(order, gridSize, order, gridRange)),
  })),
  cudaCompile: reluKan({}, 2),
  cudaRun: [{ label: 'G=5 k=3', basis: reluKan({ gridSize: 5, order: 3 }, 3), x: Float32Array.from(inputs(1, 5, 3, [-1, 1])) }],
});
