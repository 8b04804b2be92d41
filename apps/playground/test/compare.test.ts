import { describe, expect, it } from 'vitest';
import { agreement } from '../web/compare.js';

describe('agreement', () => {
  it('is exact for a perfect prediction', () => {
    expect(agreement([1, 2, 3], [1, 2, 3])).toEqual({ r2: 1, maxError: 0, maxRelativeError: 0 });
  });

  it('computes R², the largest error and the largest relative error from their definitions', () => {
    const actual = [1, -2, 4, 0.5];
    const predicted = [1.1, -2, 3.7, 0.5];
    const mean = actual.reduce((a, b) => a + b) / actual.length;
    const residual = actual.reduce((sum, v, n) => sum + (predicted[n]! - v) ** 2, 0);
    const total = actual.reduce((sum, v) => sum + (v - mean) ** 2, 0);
    const result = agreement(actual, predicted);
    expect(result.r2).toBeCloseTo(1 - residual / total, 12);
    expect(result.maxError).toBeCloseTo(0.3, 12);
    expect(result.maxRelativeError).toBeCloseTo(Math.max(...actual.map((v, n) => Math.abs(predicted[n]! - v) / Math.abs(v))), 12);
  });

  it('refuses mismatched lengths', () => {
    expect(() => agreement([1, 2], [1])).toThrow('expected as many predictions as samples (at least one), got 1 for 2.');
  });
});
