import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { describe, expect, it } from 'vitest';
import { reluKan } from '@kanjs/basis-relu';
import '@kanjs/basis-relu/register';
import { basisSuite, reluKanValues, rng, snippetHarnesses, uniform } from '@kanjs/testing';

/** x [batch, 3]: every grid point a + j·h (where the pieces meet), then random points across and beyond the supports. */
function inputs(seed: number, gridSize: number, order: number, [a, b]: readonly [number, number]): Float64Array {
  const h = (b - a) / gridSize;
  const x = uniform(rng(seed), 40 * 3, a - (order + 1) * h, b + (order + 1) * h);
  for (let j = -order; j <= gridSize + order; j++) x[j + order] = Math.fround(a + j * h);
  return x;
}

/** [G, k, gridRange] */
const cases = [[1, 0, [0, 1]], [3, 1, [-1, 1]], [5, 3, [0, 1]], [8, 2, [-2, 3]]] as const;

basisSuite(await snippetHarnesses(), reluKan, {
  created: { label: 'defaults to G = 5, k = 3 on [-1, 1]: K = 8, no state', size: 8, config: { name: 'relu', gridSize: 5, order: 3, gridRange: [-1, 1] }, state: [], domain: [-1, 1] },
  values: {
    formula: '[ReLU(e−x)·ReLU(x−s)]²·16/(e−s)⁴',
    cases: cases.map(([gridSize, order, gridRange]) => ({
      label: `G=${gridSize} k=${order} range [${gridRange}]`,
      basis: reluKan({ gridSize, order, gridRange: [...gridRange] }, 3),
      x: inputs(gridSize, gridSize, order, gridRange),
      reference: (x: number) => reluKanValues(x, gridSize, order, gridRange),
    })),
  },
  gradient: { basis: reluKan({ gridSize: 4, order: 2 }, 3), x: uniform(rng(11), 8 * 3, -1.5, 1.5), reference: (x) => reluKanValues(x, 4, 2, [-1, 1]) },
  invalid: [
    [{ gridSize: 0 }, 'relu basis: gridSize must be ≥ 1, got 0.'],
    [{ order: -1 }, 'relu basis: order must be ≥ 0, got -1.'],
    [{ order: 1.5 }, 'relu basis: order must be an integer, got 1.5.'],
    [{ gridRange: [1, 0] }, 'relu basis: gridRange must have low < high, got [1,0].'],
    [{ gridRange: 1 }, 'relu basis: gridRange must be a pair [low, high] of finite numbers, got 1.'],
    [{ splineOrder: 3 }, 'relu basis: unknown option "splineOrder"; expected one of gridSize, order, gridRange.'],
  ],
  roundTrip: { config: { name: 'relu', gridSize: 7, order: 2, gridRange: [0, 1] }, size: 9 },
  snippets: {
    cudaCompile: reluKan({}, 2),
    cudaRun: [{ label: 'G=5 k=3', basis: reluKan({ gridSize: 5, order: 3 }, 3), x: Float32Array.from(inputs(1, 5, 3, [-1, 1])) }],
  },
});

describe('relu basis', () => {
  it('peaks at 1 in the middle of each support', () => {
    const basis = reluKan({ gridSize: 4, order: 1, gridRange: [0, 1] }, 1);
    // R₀ spans [s₀, e₀] = [-0.25, 0.25]: its middle is 0.
    const values = tf.tidy(() => basis.evaluate(tf.tensor2d([[0]]), {}).dataSync());
    expect(values[0]).toBeCloseTo(1, 6);
  });
});
