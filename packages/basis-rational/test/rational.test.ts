import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { expect } from 'vitest';
import { rational } from '@kanjs/basis-rational';
import '@kanjs/basis-rational/register';
import { basisSuite, rationalValues, rng, snippetHarnesses, uniform } from '@kanjs/testing';

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
    [{ denominatorDegree: 4 }, 'rational basis: unknown option "denominatorDegree"; expected one of numeratorDegree, initialDenominator.'],
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
