import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createBasis } from '@kanjs/basis-core';
import { rational } from '@kanjs/basis-rational';
import '@kanjs/basis-rational/register';
import { basisSuite, rationalFunctionValue, rationalValues, referenceStateGradientError, referenceValueError, rng, snippetHarnesses, uniform, type StatefulReference } from '@kanjs/testing';

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

/** A case on `stateOf(basis)`: evaluate against xᵐ/(1 + |Q(x)|) with input i's Q, x = inputs(seed) (or given). */
function rationalCase(basis: ReturnType<typeof rational>, seed: number, x = inputs(seed)) {
  const state = stateOf(basis);
  const n = state.denominator.length / 3;
  const m = basis.size - 1;
  return { basis, state, x, reference: (v: number, i: number) => rationalValues(v, m, state.denominator.subarray(i * n, (i + 1) * n)) };
}

const cases = [{}, { numeratorDegree: 3, initialDenominator: [0.5, 0, 0.2] }, { numeratorDegree: 0, initialDenominator: [1] }, { numeratorDegree: 6, initialDenominator: [0, 1] }];
const defaults = rational({}, 3);

// The snippets take |Q|'s slope as −1 at Q = 0, as tfjs does.
basisSuite(await snippetHarnesses(), rational, {
  created: {
    label: 'defaults to KAT degrees: xᵐ/(1 + |x⁴|), m = 0..5; Q per input as state',
    size: 6,
    config: { name: 'rational', numeratorDegree: 5, initialDenominator: [0, 0, 0, 1] },
    state: [['denominator', [3, 4]]],
    check: (basis) => expect([...basis.stateSpecs[0]!.initial()]).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]),
  },
  values: {
    formula: 'xᵐ/(1 + |Q(x)|)',
    cases: cases.map((options) => {
      const basis = rational(options, 3);
      return { label: JSON.stringify(options), ...rationalCase(basis, basis.size) };
    }),
  },
  gradient: rationalCase(rational({ numeratorDegree: 4, initialDenominator: [0.5, 0, 0.2] }, 3), 0, uniform(rng(11), 8 * 3, -2, 2)),
  invalid: [
    [{ numeratorDegree: -1 }, 'rational basis: numeratorDegree must be ≥ 0, got -1.'],
    [{ initialDenominator: [] }, 'rational basis: initialDenominator must be a non-empty array of finite numbers, got [].'],
    [{ initialDenominator: [1, 'x'] }, 'rational basis: initialDenominator must be a non-empty array of finite numbers, got [1,"x"].'],
    [{ denominatorDegree: 4 }, 'rational basis: unknown option "denominatorDegree"; expected one of numeratorDegree, initialDenominator, learnable.'],
  ],
  roundTrip: {
    config: { name: 'rational', numeratorDegree: 3, initialDenominator: [0.5, 0, 0.2] },
    size: 4,
    check: (basis) => expect(basis.stateSpecs[0]!.shape).toEqual([4, 3]),
  },
  snippets: {
    cudaCompile: rational({}, 2),
    cudaRun: [{ label: 'defaults', basis: defaults, state: stateOf(defaults), x: Float32Array.from(inputs(2)) }],
  },
});

describe('rational basis, learnable: KAT\'s group-rational P and Q per group', () => {
  const options = { learnable: true, groups: 2, numeratorDegree: 3, initialDenominator: [0.5, 0, 0.2] };
  const basis = rational(options, 4);
  /** P_g(x)/(1 + |Q_g(x)|) for input i of group g = ⌊i/2⌋, in float64. */
  const reference: StatefulReference = (x, i, state) => {
    const g = Math.floor(i / 2);
    return [rationalFunctionValue(x, state['numerator']!.subarray(g * 4, (g + 1) * 4), state['denominator']!.subarray(g * 3, (g + 1) * 3))];
  };
  /** A trained-looking state: each group its own P and Q, Q nonzero on the inputs (off the kink of |Q|). */
  const state = {
    numerator: Float32Array.from([0.1, 1, -0.4, 0.3, -0.2, 0.6, 0.5, -0.1]),
    denominator: Float32Array.from([0.8, 0.3, 0.2, -0.6, 0.4, 0.3]),
  };
  const x = uniform(rng(5), 12 * 4, 0.1, 2);

  it('has K = 1 and the trainable state numerator [G, M+1] and denominator [G, N], no snippets', () => {
    expect(basis.size).toBe(1);
    expect(basis.config).toEqual({ name: 'rational', numeratorDegree: 3, initialDenominator: [0.5, 0, 0.2], learnable: true, groups: 2, initialNumerator: [0, 1, 0.5, 0] });
    expect(basis.stateSpecs.map((s) => [s.name, s.shape, s.trainable])).toEqual([['numerator', [2, 4], true], ['denominator', [2, 3], true]]);
    expect([...basis.stateSpecs[1]!.initial()]).toEqual([0.5, 0, 0.2, 0.5, 0, 0.2].map(Math.fround));
    expect(basis.kernels).toBeUndefined();
  });

  it('starts as the identity for the default Q = x⁴, M = 5, shared by one group', () => {
    const identity = createBasis({ name: 'rational', learnable: true }, 3);
    expect(identity.config['groups']).toBe(1);
    expect(identity.config['initialNumerator']).toEqual([0, 1, 0, 0, 0, 1]);
    const xs = uniform(rng(6), 5 * 3, -3, 3);
    const values = tf.tidy(() =>
      identity.evaluate(tf.tensor2d(Float32Array.from(xs), [5, 3]), Object.fromEntries(identity.stateSpecs.map((s) => [s.name, tf.tensor(s.initial(), [...s.shape])]))).dataSync());
    values.forEach((v, n) => expect(v).toBeCloseTo(Math.fround(xs[n]!), 4));
  });

  it('matches P_g(x)/(1 + |Q_g(x)|) in float64', () => {
    const state64 = { numerator: Float64Array.from(state.numerator), denominator: Float64Array.from(state.denominator) };
    expect(referenceValueError(basis, state, x, (v, i) => reference(v, i, state64))).toBeLessThanOrEqual(1e-5);
  });

  it('has numerator and denominator gradients that match finite differences of the float64 reference', () => {
    expect(referenceStateGradientError(basis, state, x, 'numerator', reference)).toBeLessThanOrEqual(1e-4);
    expect(referenceStateGradientError(basis, state, x, 'denominator', reference)).toBeLessThanOrEqual(1e-4);
    // Q < 0 on part of the inputs: the other side of |Q|.
    expect(referenceStateGradientError(basis, state, uniform(rng(7), 12 * 4, -2, -0.1), 'denominator', reference)).toBeLessThanOrEqual(1e-4);
  });

  it('round-trips its config through JSON, and refuses bad groups and numerators with one clear error', () => {
    const again = createBasis(JSON.parse(JSON.stringify(basis.config)) as typeof basis.config, 4);
    expect(again.config).toEqual(basis.config);
    expect(() => rational({ learnable: true, groups: 3 }, 4)).toThrow('rational basis: groups must divide the 4 input features, got 3.');
    expect(() => rational({ learnable: true, groups: 0 }, 4)).toThrow('rational basis: groups must be ≥ 1, got 0.');
    expect(() => rational({ learnable: true, numeratorDegree: 2, initialNumerator: [1, 2] }, 4)).toThrow(
      'rational basis: initialNumerator must have numeratorDegree + 1 = 3 coefficients, got 2.',
    );
    expect(() => rational({ groups: 2 }, 4)).toThrow('rational basis: unknown option "groups"; expected one of numeratorDegree, initialDenominator, learnable.');
  });
});
