import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { expect } from 'vitest';
import { rswaf } from '@kanjs/basis-rswaf';
import '@kanjs/basis-rswaf/register';
import { basisSuite, centredInputs, rng, rswafValues, snippetHarnesses, uniform } from '@kanjs/testing';

/** A case on the basis's initial centres: 1 − tanh²((x − cⱼ)/h), at each centre and across and beyond [gridMin − 3, gridMax + 3] (or at x). */
function rswafCase(basis: ReturnType<typeof rswaf>, seed: number, x?: Float64Array) {
  const grid = basis.stateSpecs[0]!.initial();
  const h = basis.config['denominator'] as number;
  return { basis, state: { grid }, x: x ?? centredInputs(rng(seed), grid, basis.domain, 3), reference: (v: number) => rswafValues(v, grid, h) };
}

const cases = [
  { numCenters: 5 },
  { numCenters: 8 },
  { numCenters: 12, gridMin: -1.5, gridMax: 2.5 },
  { numCenters: 6, denominator: 1 }, // an integer constant: KAN_H is emitted as an integer literal
];
const defaults = rswafCase(rswaf({}, 3), 2);

basisSuite(await snippetHarnesses(), rswaf, {
  created: {
    label: 'defaults to FasterKAN: 8 centres on [-2, 2], h the spacing',
    size: 8,
    config: { name: 'rswaf', numCenters: 8, gridMin: -2, gridMax: 2, denominator: 4 / 7 },
    state: [['grid', [8]]],
    check: (basis) => expect(basis.stateSpecs[0]!.initial()[7]).toBe(2),
  },
  values: {
    formula: '1 − tanh²((x − cⱼ)/h)',
    cases: cases.map((options) => ({ label: JSON.stringify(options), ...rswafCase(rswaf(options, 3), options.numCenters) })),
  },
  gradient: rswafCase(rswaf({}, 3), 0, uniform(rng(11), 8 * 3, -2.5, 2.5)),
  invalid: [
    [{ numCenters: 1 }, 'rswaf basis: numCenters must be ≥ 2, got 1.'],
    [{ gridMin: 2, gridMax: -2 }, 'rswaf basis: gridMin must be < gridMax, got gridMin 2 and gridMax -2.'],
    [{ denominator: 0 }, 'rswaf basis: denominator must be > 0, got 0.'],
    [{ inv_denominator: 0.5 }, /unknown option "inv_denominator"; expected one of numCenters, gridMin, gridMax, denominator/],
  ],
  roundTrip: { config: { name: 'rswaf', numCenters: 6, gridMin: -1, gridMax: 1 }, size: 6 },
  snippets: {
    cudaCompile: rswaf({}, 2),
    cudaRun: [{ label: 'defaults', basis: defaults.basis, state: defaults.state, x: Float32Array.from(defaults.x) }],
  },
});
