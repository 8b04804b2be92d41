import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasisConfigError, createBasis } from '@kanjs/basis-core';
import { jacobi, legendre } from '@kanjs/basis-orthopoly';
import '@kanjs/basis-orthopoly/register';
import {
  cudaHarness,
  jacobiValues,
  legendreValues,
  referenceGradientError,
  referenceValueError,
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

/** x [batch, 3]: 0, saturating inputs (±6, ±20) and random points on [-4, 4]. */
function inputs(seed: number): Float64Array {
  const x = uniform(rng(seed), 40 * 3, -4, 4);
  x.set([0, 6, -6, 20, -20, 0.5]);
  return x;
}

const jacobiCases = [
  { degree: 1, alpha: 1, beta: 1 },
  { degree: 4 },
  { degree: 3, alpha: 0, beta: 0 },
  { degree: 5, alpha: -0.5, beta: -0.5 },
  { degree: 6, alpha: 2, beta: -0.5 },
  { degree: 4, alpha: -0.9, beta: 3 },
];

describe('legendre basis', () => {
  it('defaults to degree 4: K = 5, no state', () => {
    const basis = createBasis('legendre', 3);
    expect(basis.size).toBe(5);
    expect(basis.config).toEqual({ name: 'legendre', degree: 4 });
    expect(basis.stateSpecs).toEqual([]);
  });

  for (const degree of [1, 2, 4, 7]) {
    it(`matches P_d(tanh x) from the explicit sum in float64, D=${degree}`, () => {
      const basis = legendre({ degree }, 3);
      expect(referenceValueError(basis, {}, inputs(degree), (x) => legendreValues(x, degree))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('gives P₂(t) = (3t² − 1)/2', () => {
    const values = tf.tidy(() => legendre({ degree: 2 }, 1).evaluate(tf.tensor2d([[0.3]]), {}).dataSync());
    const t = Math.tanh(0.3);
    expect(values[2]).toBeCloseTo((3 * t * t - 1) / 2, 6);
  });

  it('has input gradients that match finite differences of the float64 reference', () => {
    const basis = legendre({ degree: 6 }, 3);
    const x = uniform(rng(11), 8 * 3, -2.5, 2.5);
    expect(referenceGradientError(basis, {}, x, (v) => legendreValues(v, 6))).toBeLessThanOrEqual(1e-4);
  });

  it('rejects invalid configs with one clear error naming the field', () => {
    expect(() => legendre({ degree: 0 }, 2)).toThrow('legendre basis: degree must be ≥ 1, got 0.');
    expect(() => legendre({ degree: 1.5 }, 2)).toThrow('legendre basis: degree must be an integer, got 1.5.');
    expect(() => legendre({ alpha: 1 }, 2)).toThrow('legendre basis: unknown option "alpha"; expected one of degree.');
    expect(() => legendre({ degree: 0 }, 2)).toThrow(BasisConfigError);
  });

  it('round-trips its config through JSON', () => {
    const basis = createBasis({ name: 'legendre', degree: 3 }, 4);
    expect(createBasis(JSON.parse(JSON.stringify(basis.config)), 4).config).toEqual(basis.config);
  });
});

describe('jacobi basis', () => {
  it('defaults to JacobiKAN: degree 4, α = β = 1', () => {
    const basis = createBasis('jacobi', 3);
    expect(basis.size).toBe(5);
    expect(basis.config).toEqual({ name: 'jacobi', degree: 4, alpha: 1, beta: 1 });
  });

  for (const options of jacobiCases) {
    it(`matches P_d^(α,β)(tanh x) from the explicit sum in float64, ${JSON.stringify(options)}`, () => {
      const basis = jacobi(options, 3);
      const { degree, alpha, beta } = basis.config as unknown as { degree: number; alpha: number; beta: number };
      expect(referenceValueError(basis, {}, inputs(degree), (x) => jacobiValues(x, degree, alpha, beta))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('is Legendre for α = β = 0', () => {
    const x = tf.tensor2d([[-3, -0.4, 0, 0.7, 5]]);
    const a = tf.tidy(() => jacobi({ degree: 5, alpha: 0, beta: 0 }, 5).evaluate(x, {}).dataSync());
    const b = tf.tidy(() => legendre({ degree: 5 }, 5).evaluate(x, {}).dataSync());
    expect([...a]).toEqual([...b]);
    x.dispose();
  });

  it('has input gradients that match finite differences of the float64 reference', () => {
    const basis = jacobi({ degree: 5, alpha: 1.5, beta: -0.5 }, 3);
    const x = uniform(rng(12), 8 * 3, -2.5, 2.5);
    expect(referenceGradientError(basis, {}, x, (v) => jacobiValues(v, 5, 1.5, -0.5))).toBeLessThanOrEqual(1e-4);
  });

  it('rejects invalid configs with one clear error naming the field', () => {
    expect(() => jacobi({ alpha: -1 }, 2)).toThrow('jacobi basis: alpha must be > -1, got -1.');
    expect(() => jacobi({ beta: -2 }, 2)).toThrow('jacobi basis: beta must be > -1, got -2.');
    expect(() => jacobi({ degree: 0 }, 2)).toThrow('jacobi basis: degree must be ≥ 1, got 0.');
    expect(() => jacobi({ a: 1 }, 2)).toThrow('jacobi basis: unknown option "a"; expected one of degree, alpha, beta.');
    expect(() => jacobi({ alpha: -1 }, 2)).toThrow(BasisConfigError);
  });

  it('round-trips its config through JSON', () => {
    const basis = createBasis({ name: 'jacobi', degree: 3, alpha: -0.5, beta: 2 }, 4);
    const again = createBasis(JSON.parse(JSON.stringify(basis.config)), 4);
    expect(again.config).toEqual(basis.config);
    expect(again.size).toBe(4);
  });
});

snippetSuites('legendre and jacobi', wgsl, cuda, {
  wgsl: [
    ...[1, 4, 7].map((degree) => ({
      label: `legendre equals evaluate and its autodiff derivative, D=${degree}`,
      basis: legendre({ degree }, 3),
      x: Float32Array.from(inputs(degree)),
    })),
    ...jacobiCases.map((options) => {
      const basis = jacobi(options, 3);
      return { label: `jacobi equals evaluate and its autodiff derivative, ${JSON.stringify(options)}`, basis, x: Float32Array.from(inputs(basis.size)) };
    }),
  ],
  cudaCompile: jacobi({ degree: 4, alpha: -0.5, beta: 2 }, 2),
  cudaRun: [legendre({ degree: 5 }, 3), jacobi({ degree: 5, alpha: 2, beta: -0.5 }, 3)].map((basis) => ({ label: basis.name, basis, x: Float32Array.from(inputs(5)) })),
});
