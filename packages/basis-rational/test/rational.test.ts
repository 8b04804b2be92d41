import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasisConfigError, createBasis } from '@kanjs/basis-core';
import { rational } from '@kanjs/basis-rational';
import '@kanjs/basis-rational/register';
import {
  cudaHarness,
  rationalValues,
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

/** x [batch, 3]: 0 (where |Q| has its kink when b₁ ≠ 0), ±3 and random points on [-3, 3]. */
function inputs(seed: number): Float64Array {
  const x = uniform(rng(seed), 40 * 3, -3, 3);
  x.set([0, 0, 0, 3, -3, 1]);
  return x;
}

/** A different Q per input: the initial one, a random one, and one with b₁ = −2 (Q changes sign at x = 0, where Q′ ≠ 0). */
function stateOf(basis: ReturnType<typeof rational>): { denominator: Float32Array } {
  const n = (basis.config['initialDenominator'] as number[]).length;
  const denominator = basis.stateSpecs[0]!.initial();
  const random = rng(n);
  for (let j = 0; j < n; j++) denominator[n + j] = Math.fround(2 * random() - 1);
  denominator[2 * n] = -2; // b₁ = −2, b₂ = 1 below: Q = x² − 2x + …
  if (n > 1) denominator[2 * n + 1] = 1;
  return { denominator };
}

const cases = [{}, { numeratorDegree: 3, initialDenominator: [0.5, 0, 0.2] }, { numeratorDegree: 0, initialDenominator: [1] }, { numeratorDegree: 6, initialDenominator: [0, 1] }];

describe('rational basis', () => {
  it('defaults to KAT degrees: xᵐ/(1 + |x⁴|), m = 0..5; Q per input as state', () => {
    const basis = createBasis('rational', 3);
    expect(basis.size).toBe(6);
    expect(basis.config).toEqual({ name: 'rational', numeratorDegree: 5, initialDenominator: [0, 0, 0, 1] });
    expect(basis.stateSpecs.map((s) => [s.name, s.shape])).toEqual([['denominator', [3, 4]]]);
    expect([...basis.stateSpecs[0]!.initial()]).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  for (const options of cases) {
    it(`matches xᵐ/(1 + |Q(x)|) in float64, ${JSON.stringify(options)}`, () => {
      const basis = rational(options, 3);
      const state = stateOf(basis);
      const n = state.denominator.length / 3;
      const m = basis.size - 1;
      const x = inputs(basis.size);
      expect(referenceValueError(basis, state, x, (v, i) => rationalValues(v, m, state.denominator.subarray(i * n, (i + 1) * n)))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('has input gradients that match finite differences of the float64 reference', () => {
    const basis = rational({ numeratorDegree: 4, initialDenominator: [0.5, 0, 0.2] }, 3);
    const state = stateOf(basis);
    const x = uniform(rng(11), 8 * 3, -2, 2);
    const reference = (v: number, i: number) => rationalValues(v, 4, state.denominator.subarray(i * 3, (i + 1) * 3));
    expect(referenceGradientError(basis, state, x, reference)).toBeLessThanOrEqual(1e-4);
  });

  it('rejects invalid configs with one clear error naming the field', () => {
    expect(() => rational({ numeratorDegree: -1 }, 2)).toThrow('rational basis: numeratorDegree must be ≥ 0, got -1.');
    expect(() => rational({ initialDenominator: [] }, 2)).toThrow('rational basis: initialDenominator must be a non-empty array of finite numbers, got [].');
    expect(() => rational({ initialDenominator: [1, 'x'] }, 2)).toThrow('rational basis: initialDenominator must be a non-empty array of finite numbers, got [1,"x"].');
    expect(() => rational({ denominatorDegree: 4 }, 2)).toThrow('rational basis: unknown option "denominatorDegree"; expected one of numeratorDegree, initialDenominator.');
    expect(() => rational({ numeratorDegree: -1 }, 2)).toThrow(BasisConfigError);
  });

  it('round-trips its config through JSON', () => {
    const basis = createBasis({ name: 'rational', numeratorDegree: 3, initialDenominator: [0.5, 0, 0.2] }, 4);
    const again = createBasis(JSON.parse(JSON.stringify(basis.config)), 4);
    expect(again.config).toEqual(basis.config);
    expect(again.stateSpecs[0]!.shape).toEqual([4, 3]);
  });
});

const defaults = rational({}, 3);

snippetSuites('rational', wgsl, cuda, {
  wgsl: cases.map((options) => {
    const basis = rational(options, 3);
    return {
      label: `equals evaluate and its autodiff derivative (|Q|'s slope −1 at Q = 0, as tfjs), ${JSON.stringify(options)}`,
      basis,
      state: stateOf(basis),
      x: Float32Array.from(inputs(basis.size + 1)),
    };
  }),
  cudaCompile: rational({}, 2),
  cudaRun: [{ label: 'defaults', basis: defaults, state: stateOf(defaults), x: Float32Array.from(inputs(2)) }],
});
