import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { BasisConfigError, createBasis } from '@kanjs/basis-core';
import { bspline, knotCount, uniformKnots } from '@kanjs/basis-bspline';
import '@kanjs/basis-bspline/register';
import { bsplineValues, finiteDifferences, randomKnots, relativeError, rng, uniform } from '@kanjs/testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Evaluates the basis with tfjs and the float64 reference on the same inputs and knots. */
function compare(order: number, gridSize: number, knots: Float32Array, x: Float64Array, inFeatures: number) {
  const basis = bspline({ splineOrder: order, gridSize }, inFeatures);
  const batch = x.length / inFeatures;
  const actual = tf.tidy(() =>
    basis.evaluate(tf.tensor2d(Float32Array.from(x), [batch, inFeatures]), { grid: tf.tensor2d(knots, [inFeatures, knotCount(gridSize, order)]) }).dataSync(),
  );
  const count = knotCount(gridSize, order);
  const expected: number[] = [];
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < inFeatures; i++) {
      expected.push(...bsplineValues(x[b * inFeatures + i]!, knots.subarray(i * count, (i + 1) * count), order));
    }
  }
  return { actual, expected, size: basis.size };
}

describe('bspline basis', () => {
  it('has K = G + k and G + 2k + 1 uniform knots tⱼ = a + (j − k)h', () => {
    const basis = createBasis({ name: 'bspline', gridSize: 4, splineOrder: 2, gridRange: [0, 2] }, 3);
    expect(basis.size).toBe(6);
    expect(basis.stateSpecs[0]!.shape).toEqual([3, 9]);
    expect([...basis.stateSpecs[0]!.initial().subarray(0, 9)]).toEqual([-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect(basis.config).toEqual({ name: 'bspline', splineOrder: 2, gridSize: 4, gridRange: [0, 2], gridEps: 0.02 });
  });

  for (const order of [0, 1, 2, 3]) {
    for (const gridSize of [1, 3, 5, 8]) {
      it(`matches the float64 Cox–de Boor reference, k=${order} G=${gridSize}, uniform and non-uniform knots`, () => {
        const random = rng(100 * order + gridSize);
        const inFeatures = 3;
        // Points across and beyond the range, and exactly on knots (where the half-open intervals matter).
        const x = uniform(random, 40 * inFeatures, -2, 2);
        const uniformGrid = uniformKnots(inFeatures, gridSize, order, [-1, 1]);
        x.set(uniformGrid.subarray(0, 2 * inFeatures), 0);
        const a = compare(order, gridSize, uniformGrid, x, inFeatures);
        expect(relativeError(a.actual, a.expected)).toBeLessThanOrEqual(1e-6);
        const knots = randomKnots(random, inFeatures, knotCount(gridSize, order));
        const b = compare(order, gridSize, knots, uniform(random, 40 * inFeatures, -2, 3), inFeatures);
        expect(relativeError(b.actual, b.expected)).toBeLessThanOrEqual(1e-6);
      });
    }
  }

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

  it('has input gradients that match finite differences of the float64 reference', () => {
    const random = rng(7);
    const [batch, inFeatures, order, gridSize] = [5, 2, 3, 4];
    const basis = bspline({ splineOrder: order, gridSize }, inFeatures);
    const count = knotCount(gridSize, order);
    const knots = randomKnots(random, inFeatures, count);
    const x = uniform(random, batch * inFeatures, -0.9, 0.9);
    const weights = uniform(random, batch * inFeatures * basis.size);
    const grid = tf.tensor2d(knots, [inFeatures, count]);
    const grad = tf.tidy(() =>
      tf.grad((xs: tf.Tensor) => tf.sum(tf.mul(basis.evaluate(xs as tf.Tensor2D, { grid }), tf.tensor3d(Float32Array.from(weights), [batch, inFeatures, basis.size]))))(
        tf.tensor2d(Float32Array.from(x), [batch, inFeatures]),
      ).dataSync(),
    );
    const loss = () => {
      let total = 0;
      for (let b = 0; b < batch; b++) for (let i = 0; i < inFeatures; i++) {
        const v = bsplineValues(x[b * inFeatures + i]!, knots.subarray(i * count, (i + 1) * count), order);
        v.forEach((value, c) => (total += value * weights[(b * inFeatures + i) * basis.size + c]!));
      }
      return total;
    };
    expect(relativeError(grad, finiteDifferences(loss, x))).toBeLessThanOrEqual(1e-4);
    grid.dispose();
  });

  it('rejects invalid configs with one clear error naming the field', () => {
    expect(() => bspline({ gridSize: 0 }, 2)).toThrow('bspline basis: gridSize must be ≥ 1, got 0.');
    expect(() => bspline({ splineOrder: -1 }, 2)).toThrow('bspline basis: splineOrder must be ≥ 0, got -1.');
    expect(() => bspline({ splineOrder: 2.5 }, 2)).toThrow('bspline basis: splineOrder must be an integer, got 2.5.');
    expect(() => bspline({ gridRange: [1, -1] }, 2)).toThrow('bspline basis: gridRange must have low < high, got [1,-1].');
    expect(() => bspline({ gridEps: 2 }, 2)).toThrow('bspline basis: gridEps must be ≤ 1, got 2.');
    expect(() => bspline({ grid_size: 5 }, 2)).toThrow(/unknown option "grid_size"/);
    expect(() => bspline({}, 0)).toThrow('bspline basis: inFeatures must be an integer ≥ 1, got 0.');
    expect(() => bspline({ gridSize: 0 }, 2)).toThrow(BasisConfigError);
  });

  it('round-trips its config through JSON', () => {
    const basis = createBasis({ name: 'bspline', gridSize: 7, splineOrder: 1 }, 4);
    const again = createBasis(JSON.parse(JSON.stringify(basis.config)), 4);
    expect(again.config).toEqual(basis.config);
    expect(again.size).toBe(8);
  });
});
