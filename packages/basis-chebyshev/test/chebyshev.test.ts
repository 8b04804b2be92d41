import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasisConfigError, createBasis } from '@kanjs/basis-core';
import { chebyshev } from '@kanjs/basis-chebyshev';
import '@kanjs/basis-chebyshev/register';
import {
  chebyshevValues,
  cudaHarness,
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

describe('chebyshev basis', () => {
  it('defaults to degree 4: K = 5 functions, no state', () => {
    const basis = createBasis('chebyshev', 3);
    expect(basis.size).toBe(5);
    expect(basis.config).toEqual({ name: 'chebyshev', degree: 4 });
    expect(basis.stateSpecs).toEqual([]);
    expect(basis.domain).toEqual([-2, 2]);
  });

  for (const degree of [1, 2, 4, 7]) {
    it(`matches T_d(tanh x) = cos(d·acos(tanh x)) in float64, D=${degree}`, () => {
      const basis = chebyshev({ degree }, 3);
      expect(referenceValueError(basis, {}, inputs(degree), (x) => chebyshevValues(x, degree))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('has input gradients that match finite differences of the float64 reference', () => {
    const basis = chebyshev({ degree: 6 }, 3);
    const x = uniform(rng(11), 8 * 3, -2.5, 2.5);
    expect(referenceGradientError(basis, {}, x, (v) => chebyshevValues(v, 6))).toBeLessThanOrEqual(1e-4);
  });

  it('rejects invalid configs with one clear error naming the field', () => {
    expect(() => chebyshev({ degree: 0 }, 2)).toThrow('chebyshev basis: degree must be ≥ 1, got 0.');
    expect(() => chebyshev({ degree: 2.5 }, 2)).toThrow('chebyshev basis: degree must be an integer, got 2.5.');
    expect(() => chebyshev({ degree: '3' }, 2)).toThrow('chebyshev basis: degree must be a finite number, got "3".');
    expect(() => chebyshev({ order: 3 }, 2)).toThrow('chebyshev basis: unknown option "order"; expected one of degree.');
    expect(() => chebyshev({}, 0)).toThrow('chebyshev basis: inFeatures must be an integer ≥ 1, got 0.');
    expect(() => chebyshev({ degree: 0 }, 2)).toThrow(BasisConfigError);
  });

  it('round-trips its config through JSON', () => {
    const basis = createBasis({ name: 'chebyshev', degree: 6 }, 4);
    const again = createBasis(JSON.parse(JSON.stringify(basis.config)), 4);
    expect(again.config).toEqual(basis.config);
    expect(again.size).toBe(7);
  });
});

snippetSuites('chebyshev', wgsl, cuda, {
  wgsl: [1, 2, 4, 7].map((degree) => ({
    label: `equals evaluate and its autodiff derivative, D=${degree}`,
    basis: chebyshev({ degree }, 3),
    x: Float32Array.from(inputs(degree)),
  })),
  cudaCompile: chebyshev({ degree: 4 }, 2),
  cudaRun: [{ label: 'D=5', basis: chebyshev({ degree: 5 }, 3), x: Float32Array.from(inputs(5)) }],
});
