import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { describe, expect, it } from 'vitest';
import { bspline, knotCount, uniformKnots } from '@kanjs/basis-bspline';
import '@kanjs/basis-bspline/register';
import { basisSuite, bsplineValues, randomKnots, rng, snippetErrors, snippetHarnesses, uniform } from '@kanjs/testing';

const harnesses = await snippetHarnesses();
const { wgsl } = harnesses;

/** A case on knots [in, count]: evaluate against the float64 Cox–de Boor recursion on each input's own knots. */
function knotsCase(order: number, gridSize: number, grid: Float32Array, x: Float64Array, inFeatures = 3) {
  const count = knotCount(gridSize, order);
  const basis = bspline({ splineOrder: order, gridSize }, inFeatures);
  return { basis, state: { grid }, x, reference: (v: number, i: number) => bsplineValues(v, grid.subarray(i * count, (i + 1) * count), order) };
}

/** For k = 0..3 and G = 1, 3, 5, 8: uniform knots (x across and beyond the range, and exactly on knots), then random ones. */
function valueCases() {
  return [0, 1, 2, 3].flatMap((order) =>
    [1, 3, 5, 8].flatMap((gridSize) => {
      const random = rng(100 * order + gridSize);
      const x = uniform(random, 40 * 3, -2, 2);
      const uniformGrid = uniformKnots(3, gridSize, order, [-1, 1]);
      x.set(uniformGrid.subarray(0, 2 * 3), 0); // on knots, where the half-open intervals matter
      const onUniform = { label: `k=${order} G=${gridSize}, uniform knots`, ...knotsCase(order, gridSize, uniformGrid, x) };
      const knots = randomKnots(random, 3, knotCount(gridSize, order));
      return [onUniform, { label: `k=${order} G=${gridSize}, non-uniform knots`, ...knotsCase(order, gridSize, knots, uniform(random, 40 * 3, -2, 3)) }];
    }),
  );
}

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

/** A snippet case for 4 inputs: the first two on uniform knots on [-1, 1], the last two on random non-uniform ones. */
function mixedCase(label: string, random: () => number, gridSize: number, order: number, seed?: number) {
  const count = knotCount(gridSize, order);
  const grid = new Float32Array(4 * count);
  grid.set(uniformKnots(2, gridSize, order, [-1, 1]));
  grid.set(randomKnots(random, 2, count), 2 * count);
  const basis = bspline({ splineOrder: order, gridSize }, 4);
  return { label, basis, state: { grid }, x: inputsFor(random, grid, 4, count), ...(seed === undefined ? {} : { seed }) };
}

// The gradient case: 2 inputs on random knots, k = 3, G = 4, x away from the ends.
const gradientRandom = rng(7);
const gradientKnots = randomKnots(gradientRandom, 2, knotCount(4, 3));

basisSuite(harnesses, bspline, {
  created: {
    label: 'has K = G + k and G + 2k + 1 uniform knots tⱼ = a + (j − k)h',
    from: { name: 'bspline', gridSize: 4, splineOrder: 2, gridRange: [0, 2] },
    size: 6,
    config: { name: 'bspline', splineOrder: 2, gridSize: 4, gridRange: [0, 2], gridEps: 0.02 },
    state: [['grid', [3, 9]]],
    check: (basis) => expect([...basis.stateSpecs[0]!.initial().subarray(0, 9)]).toEqual([-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3]),
  },
  values: { formula: 'the Cox–de Boor recursion', tolerance: 1e-6, cases: valueCases() },
  gradient: knotsCase(3, 4, gradientKnots, uniform(gradientRandom, 5 * 2, -0.9, 0.9), 2),
  invalid: [
    [{ gridSize: 0 }, 'bspline basis: gridSize must be ≥ 1, got 0.'],
    [{ splineOrder: -1 }, 'bspline basis: splineOrder must be ≥ 0, got -1.'],
    [{ splineOrder: 2.5 }, 'bspline basis: splineOrder must be an integer, got 2.5.'],
    [{ gridRange: [1, -1] }, 'bspline basis: gridRange must have low < high, got [1,-1].'],
    [{ gridEps: 2 }, 'bspline basis: gridEps must be ≤ 1, got 2.'],
    [{ gridSize: 100_000 }, 'bspline basis: gridSize must be ≤ 1000, got 100000: the initial fit would solve a 100001×100003 system per input, 74.5 GiB.'],
    [{ gridSize: 1001, splineOrder: 1 }, 'bspline basis: gridSize must be ≤ 1000, got 1001: the initial fit would solve a 1002×1002 system per input, 7.66 MiB.'],
    [{ splineOrder: 1e6 }, 'bspline basis: splineOrder must be ≤ 16, got 1000000: its Cox–de Boor recursion would hold 7.28 TiB per input and sample.'],
    [{ grid_size: 5 }, /unknown option "grid_size"/],
    [{}, 'bspline basis: inFeatures must be an integer ≥ 1, got 0.', 0],
  ],
  roundTrip: { config: { name: 'bspline', gridSize: 7, splineOrder: 1 }, size: 8 },
  snippets: {
    wgsl: [0, 1, 2, 3].flatMap((order) =>
      [1, 3, 5, 8].map((gridSize) =>
        mixedCase(`equals evaluate and its autodiff derivative, k=${order} G=${gridSize}, uniform and non-uniform knots`, rng(1000 + 10 * order + gridSize), gridSize, order, order + gridSize),
      ),
    ),
    cudaCompile: [bspline({ splineOrder: 0, gridSize: 3 }, 2), bspline({ splineOrder: 3, gridSize: 5 }, 2)],
    cudaRun: [0, 3].map((order) => mixedCase(`k=${order}`, rng(order), 5, order)),
  },
});

describe('bspline basis', () => {
  it('gives the cubic closed form at a knot (1/6, 2/3, 1/6) and sums to 1 inside the grid', () => {
    const basis = bspline({ gridSize: 4 }, 1);
    const grid = tf.tensor2d(basis.stateSpecs[0]!.initial(), [1, 11]);
    const values = tf.tidy(() => basis.evaluate(tf.tensor2d([0, -0.37, 0.99], [3, 1]), { grid }).arraySync());
    // x = 0 is the knot t₅ for G = 4 on [-1, 1]: B₂, B₃, B₄ are non-zero there.
    expect(values[0]![0]!.map((v) => +v.toFixed(6))).toEqual([0, 0, 1 / 6, 2 / 3, 1 / 6, 0, 0].map((v) => +v.toFixed(6)));
    for (const row of values) expect(row[0]!.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    grid.dispose();
  });

  it('is zero outside [t₀, t_last)', () => {
    const basis = bspline({ gridSize: 3, splineOrder: 2 }, 1);
    const grid = tf.tensor2d(basis.stateSpecs[0]!.initial(), [1, 8]);
    const last = basis.stateSpecs[0]!.initial()[7]!;
    const values = tf.tidy(() => basis.evaluate(tf.tensor2d([-100, last, 100], [3, 1]), { grid }).dataSync());
    expect([...values].every((v) => v === 0)).toBe(true);
    grid.dispose();
  });
});

describe.skipIf(wgsl === null)('bspline WGSL snippet', () => {
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
