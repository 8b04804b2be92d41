import { describe, expect, it } from 'vitest';
import { leastSquares } from '@kanjs/basis-core';

/** A seeded generator, so failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function multiply(a: ArrayLike<number>, b: ArrayLike<number>, n: number, k: number, m: number): Float64Array {
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let l = 0; l < k; l++) s += a[i * k + l]! * b[l * m + j]!;
    c[i * m + j] = s;
  }
  return c;
}

describe('leastSquares', () => {
  it('recovers the exact solution of a consistent over-determined system', () => {
    const rnd = random(1);
    const [rows, cols, rhs] = [40, 6, 3];
    const a = Float64Array.from({ length: rows * cols }, rnd);
    const x = Float64Array.from({ length: cols * rhs }, rnd);
    const solved = leastSquares(a, multiply(a, x, rows, cols, rhs), rows, cols, rhs);
    for (let i = 0; i < x.length; i++) expect(solved[i]).toBeCloseTo(x[i]!, 12);
  });

  it('satisfies the normal equations for an inconsistent system', () => {
    const rnd = random(2);
    const [rows, cols] = [30, 4];
    const a = Float64Array.from({ length: rows * cols }, rnd);
    const b = Float64Array.from({ length: rows }, rnd);
    const x = leastSquares(a, b, rows, cols, 1);
    const residual = multiply(a, x, rows, cols, 1).map((v, i) => v - b[i]!);
    // Aᵀ r = 0 at the least-squares solution.
    for (let c = 0; c < cols; c++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += a[r * cols + c]! * residual[r]!;
      expect(Math.abs(dot)).toBeLessThan(1e-12);
    }
  });

  it('returns the minimum-norm solution of an under-determined system', () => {
    // x1 + x2 = 2 has minimum-norm solution (1, 1).
    expect([...leastSquares([1, 1], [2], 1, 2, 1)]).toEqual([expect.closeTo(1, 14), expect.closeTo(1, 14)]);
    // A rank-deficient square system: the duplicated column shares the weight.
    const x = leastSquares([1, 1, 0, 2, 2, 0, 0, 0, 1], [2, 4, 3], 3, 3, 1);
    expect([...x].map((v) => +v.toFixed(12))).toEqual([1, 1, 3]);
  });

  it('rejects mismatched sizes', () => {
    expect(() => leastSquares([1, 2, 3], [1], 2, 2, 1)).toThrow('leastSquares: A has 3 values, expected 2×2.');
  });
});
