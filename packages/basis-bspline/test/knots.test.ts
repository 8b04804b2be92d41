import { describe, expect, it } from 'vitest';
import { adaptiveKnots, bspline, refinedKnots } from '@kanjs/basis-bspline';
import { torchIntLinspace } from '../src/knots.js';

describe('grid update knots (efficient-kan update_grid)', () => {
  it('indexes quantiles as torch.linspace(0, n−1, G+1, dtype=int64) does', () => {
    // torch.linspace(0, 9, 4, dtype=torch.int64) → [0, 3, 6, 9]; (0, 10, 4) → [0, 3, 6, 10]; (0, 6, 5) → [0, 1, 3, 4, 6]
    expect([0, 1, 2, 3].map((j) => torchIntLinspace(9, 4, j))).toEqual([0, 3, 6, 9]);
    expect([0, 1, 2, 3].map((j) => torchIntLinspace(10, 4, j))).toEqual([0, 3, 6, 10]);
    expect([0, 1, 2, 3, 4].map((j) => torchIntLinspace(6, 5, j))).toEqual([0, 1, 3, 4, 6]);
  });

  it('blends quantile and uniform knots by gridEps and extends k knots each side', () => {
    const sorted = Float64Array.from([0, 0.1, 0.2, 0.5, 1, 2, 4]);
    const [G, k, eps, margin] = [2, 1, 0.5, 0.5];
    // quantile indices 0, 3, 6 → 0, 0.5, 4; uniform step (4 − 0 + 1)/2 = 2.5 from −0.5: −0.5, 2, 4.5.
    const knots = adaptiveKnots(sorted, G, k, eps, margin);
    expect([...knots]).toEqual([-0.25 - 2.5, -0.25, 1.25, 4.25, 4.25 + 2.5]);
  });

  it('produces a per-input grid of the right shape from a batch', () => {
    const basis = bspline({ gridSize: 3, splineOrder: 2 }, 2);
    const x = Float32Array.from([0, 10, 1, 11, 2, 12, 3, 13]); // two inputs, four samples
    const { grid } = basis.adaptation!.updateState(x, 4, { grid: basis.stateSpecs[0]!.initial() });
    expect(grid!.length).toBe(2 * 8);
    expect(grid![2]).toBeCloseTo(0.98 * 0 + 0.02 * -0.01, 6);
    expect(grid![8 + 2]).toBeCloseTo(0.98 * 10 + 0.02 * 9.99, 5);
  });
});

describe('grid extension knots (pykan refine)', () => {
  it('keeps every old knot when the new size is a multiple of the old', () => {
    const interior = [-1, -0.2, 0.1, 1];
    const knots = refinedKnots(interior, 6, 2);
    expect([...knots.subarray(2, 9)].map((v) => +v.toFixed(12))).toEqual([-1, -0.6, -0.2, -0.05, 0.1, 0.55, 1]);
    expect(knots[0]).toBeCloseTo(-1 - 2 * (2 / 6), 12);
    expect(knots[10]).toBeCloseTo(1 + 2 * (2 / 6), 12);
  });

  it('rejects a missing or invalid new grid size', () => {
    const basis = bspline({}, 1);
    expect(() => basis.adaptation!.extend({}, { grid: basis.stateSpecs[0]!.initial() })).toThrow(
      'bspline basis: grid extension needs an integer gridSize ≥ 1, got undefined.',
    );
  });
});
