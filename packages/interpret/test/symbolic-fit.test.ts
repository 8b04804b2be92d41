import { describe, expect, it } from 'vitest';
import { SYMBOLIC_LIB, type SymbolicFunction } from '@kanjs/kan-layers';
import * as tf from '@tensorflow/tfjs-core';
import { fitAffine } from '@kanjs/interpret';
import { random } from './helpers.js';

/** x on [−1, 1] and y = c·f(a·x + b) + d plus noise of standard deviation `noise`. */
function samples(f: (v: number) => number, [a, b, c, d]: number[], noise: number, count = 400): { x: Float64Array; y: Float64Array } {
  const next = random(7);
  const x = Float64Array.from({ length: count }, (_, s) => -1 + (2 * s) / (count - 1));
  const y = x.map((v) => c! * f(a! * v + b!) + d! + noise * (next() - 0.5));
  return { x, y };
}

/** The largest |fit − y| over the samples. */
function misfit(f: (v: number) => number, affine: number[], x: Float64Array, y: Float64Array): number {
  const [a, b, c, d] = affine as [number, number, number, number];
  return Math.max(...x.map((v, s) => Math.abs(c * f(a * v + b) + d - y[s]!)));
}

describe('fitAffine (pykan fit_params)', () => {
  it('recovers pykan docstring example 5·sin(3x + 2) + 0.7', () => {
    const { x, y } = samples(Math.sin, [3, 2, 5, 0.7], 0.02);
    const fit = fitAffine(x, y, SYMBOLIC_LIB['sin']!);
    expect(fit.r2).toBeGreaterThan(0.9999);
    expect(misfit(Math.sin, fit.affine, x, y)).toBeLessThan(0.03);
  });

  it.each([
    ['x^2', [1.5, -0.5, 2, 1]],
    ['x^3', [0.8, 0.3, -1, 0.5]],
    ['exp', [1.2, -0.4, 0.5, -1]],
    ['cos', [2.5, 0.7, 1.5, 0]],
    ['tanh', [2, -0.5, 2, 1]],
    ['gaussian', [1.7, 0.4, -2, 0.3]],
  ] as const)('fits %s exactly on noiseless data, through its fast or generic search', (name, affine) => {
    const fn = SYMBOLIC_LIB[name]!;
    const { x, y } = samples(fn.js, [...affine], 0);
    const fit = fitAffine(x, y, fn);
    expect(fit.r2).toBeGreaterThan(0.9999);
    const spread = Math.max(...y) - Math.min(...y);
    expect(misfit(fn.js, fit.affine, x, y) / spread).toBeLessThan(2e-3);
  });

  it('scores a wrong function lower than the right one', () => {
    const { x, y } = samples(Math.sin, [3, 0, 1, 0], 0);
    expect(fitAffine(x, y, SYMBOLIC_LIB['x']!).r2).toBeLessThan(fitAffine(x, y, SYMBOLIC_LIB['sin']!).r2 - 0.05);
    expect(fitAffine(x, y, SYMBOLIC_LIB['0']!).r2).toBe(0);
  });

  it('fits a custom function (the generic search)', () => {
    const fn: SymbolicFunction = {
      name: 'softsign', tf: (v) => tf.div(v, tf.add(tf.abs(v), 1)), js: (v) => v / (Math.abs(v) + 1), formula: (a) => `(${a}) / (abs(${a}) + 1)`, complexity: 3,
    };
    const { x, y } = samples(fn.js, [4, 1, 2, 0], 0);
    expect(fitAffine(x, y, fn).r2).toBeGreaterThan(0.9999);
  });

  it('refuses samples of different lengths', () => {
    expect(() => fitAffine(new Float64Array(3), new Float64Array(2), SYMBOLIC_LIB['x']!)).toThrow(/x and y of one length/);
  });
});
