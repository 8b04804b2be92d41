import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { describe, expect, it } from 'vitest';
import { jacobi, legendre } from '@kanjs/basis-orthopoly';
import '@kanjs/basis-orthopoly/register';
import { basisSuite, jacobiValues, legendreValues, rng, snippetHarnesses, uniform } from '@kanjs/testing';

const harnesses = await snippetHarnesses();

/** x [batch, 3]: 0, saturating inputs (±6, ±20) and random points on [-4, 4]. */
function inputs(seed: number): Float64Array {
  const x = uniform(rng(seed), 40 * 3, -4, 4);
  x.set([0, 6, -6, 20, -20, 0.5]);
  return x;
}

basisSuite(harnesses, legendre, {
  created: { label: 'defaults to degree 4: K = 5, no state', size: 5, config: { name: 'legendre', degree: 4 }, state: [], domain: [-2, 2] },
  values: {
    formula: 'P_d(tanh x) from the explicit sum',
    cases: [1, 2, 4, 7].map((degree) => ({ label: `D=${degree}`, basis: legendre({ degree }, 3), x: inputs(degree), reference: (x) => legendreValues(x, degree) })),
  },
  gradient: { basis: legendre({ degree: 6 }, 3), x: uniform(rng(11), 8 * 3, -2.5, 2.5), reference: (x) => legendreValues(x, 6) },
  invalid: [
    [{ degree: 0 }, 'legendre basis: degree must be ≥ 1, got 0.'],
    [{ degree: 1.5 }, 'legendre basis: degree must be an integer, got 1.5.'],
    [{ alpha: 1 }, 'legendre basis: unknown option "alpha"; expected one of degree.'],
  ],
  roundTrip: { config: { name: 'legendre', degree: 3 }, size: 4 },
  snippets: {
    cudaCompile: legendre({ degree: 4 }, 2),
    cudaRun: [{ label: 'legendre', basis: legendre({ degree: 5 }, 3), x: Float32Array.from(inputs(5)) }],
  },
});

const jacobiCases = [
  { degree: 1, alpha: 1, beta: 1 },
  { degree: 4 },
  { degree: 3, alpha: 0, beta: 0 },
  { degree: 5, alpha: -0.5, beta: -0.5 },
  { degree: 6, alpha: 2, beta: -0.5 },
  { degree: 4, alpha: -0.9, beta: 3 },
];

basisSuite(harnesses, jacobi, {
  created: { label: 'defaults to JacobiKAN: degree 4, α = β = 1', size: 5, config: { name: 'jacobi', degree: 4, alpha: 1, beta: 1 }, state: [], domain: [-2, 2] },
  values: {
    formula: 'P_d^(α,β)(tanh x) from the explicit sum',
    cases: jacobiCases.map((options) => {
      const basis = jacobi(options, 3);
      const { degree, alpha, beta } = basis.config as unknown as { degree: number; alpha: number; beta: number };
      return { label: JSON.stringify(options), basis, x: inputs(degree), reference: (x: number) => jacobiValues(x, degree, alpha, beta) };
    }),
  },
  gradient: { basis: jacobi({ degree: 5, alpha: 1.5, beta: -0.5 }, 3), x: uniform(rng(12), 8 * 3, -2.5, 2.5), reference: (x) => jacobiValues(x, 5, 1.5, -0.5) },
  invalid: [
    [{ alpha: -1 }, 'jacobi basis: alpha must be > -1, got -1.'],
    [{ beta: -2 }, 'jacobi basis: beta must be > -1, got -2.'],
    [{ degree: 0 }, 'jacobi basis: degree must be ≥ 1, got 0.'],
    [{ a: 1 }, 'jacobi basis: unknown option "a"; expected one of degree, alpha, beta.'],
  ],
  roundTrip: { config: { name: 'jacobi', degree: 3, alpha: -0.5, beta: 2 }, size: 4 },
  snippets: {
    cudaCompile: jacobi({ degree: 4, alpha: -0.5, beta: 2 }, 2),
    cudaRun: [{ label: 'jacobi', basis: jacobi({ degree: 5, alpha: 2, beta: -0.5 }, 3), x: Float32Array.from(inputs(5)) }],
  },
});

describe('legendre basis', () => {
  it('gives P₂(t) = (3t² − 1)/2', () => {
    const values = tf.tidy(() => legendre({ degree: 2 }, 1).evaluate(tf.tensor2d([[0.3]]), {}).dataSync());
    const t = Math.tanh(0.3);
    expect(values[2]).toBeCloseTo((3 * t * t - 1) / 2, 6);
  });
});

describe('jacobi basis', () => {
  it('is Legendre for α = β = 0', () => {
    const x = tf.tensor2d([[-3, -0.4, 0, 0.7, 5]]);
    const a = tf.tidy(() => jacobi({ degree: 5, alpha: 0, beta: 0 }, 5).evaluate(x, {}).dataSync());
    const b = tf.tidy(() => legendre({ degree: 5 }, 5).evaluate(x, {}).dataSync());
    expect([...a]).toEqual([...b]);
    x.dispose();
  });
});
