import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { describe, expect, it } from 'vitest';
import { gaussian, torchLinspace } from '@kanjs/basis-gaussian';
import '@kanjs/basis-gaussian/register';
import { basisSuite, centredInputs, gaussianValues, rng, snippetHarnesses, uniform } from '@kanjs/testing';

/** A snippet case on `grid` (default the initial centres), with inputs at each centre and across and beyond [low − 2, high + 2]. */
function snippetCase(label: string, basis: ReturnType<typeof gaussian>, seed: number, grid = basis.stateSpecs[0]!.initial(), range = basis.domain) {
  return { label, basis, state: { grid }, x: Float32Array.from(centredInputs(rng(seed), grid, range, 2)) };
}

const snippetCases = [
  { numCenters: 5 },
  { numCenters: 8 },
  { numCenters: 12, gridMin: -1.5, gridMax: 2.5 },
  { numCenters: 8, denominator: 1 }, // an integer constant: KAN_H is emitted as an integer literal
  { numCenters: 5, gridMin: 0, gridMax: 3, denominator: 0.3 },
];
const defaults = gaussian({}, 3);

basisSuite(await snippetHarnesses(), gaussian, {
  created: {
    label: 'defaults to fast-kan: 8 centres on [-2, 2], h the spacing',
    size: 8,
    domain: [-2, 2],
    config: { name: 'gaussian', numCenters: 8, gridMin: -2, gridMax: 2, denominator: 4 / 7 },
    state: [['grid', [8]]],
  },
  values: {
    formula: 'exp(−((x − cⱼ)/h)²)',
    tolerance: 1e-6,
    cases: [5, 8, 12].map((numCenters) => {
      const basis = gaussian({ numCenters, gridMin: -1.5, gridMax: 2.5 }, 4);
      const grid = basis.stateSpecs[0]!.initial();
      return { label: `K=${numCenters}`, basis, state: { grid }, x: uniform(rng(numCenters), 9 * 4, -3, 3), reference: (x: number) => gaussianValues(x, grid, 4 / (numCenters - 1)) };
    }),
  },
  gradient: {
    basis: defaults,
    state: { grid: defaults.stateSpecs[0]!.initial() },
    x: uniform(rng(3), 4 * 3, -2.5, 2.5),
    reference: (x) => gaussianValues(x, defaults.stateSpecs[0]!.initial(), 4 / 7),
  },
  invalid: [
    [{ numCenters: 1 }, 'gaussian basis: numCenters must be ≥ 2, got 1.'],
    [{ gridMin: 1, gridMax: 1 }, 'gaussian basis: gridMin must be < gridMax, got gridMin 1 and gridMax 1.'],
    [{ denominator: 0 }, 'gaussian basis: denominator must be > 0, got 0.'],
    [{ denominator: -1 }, 'gaussian basis: denominator must be > 0, got -1.'],
    [{ centers: 4 }, /unknown option "centers"; expected one of numCenters, gridMin, gridMax, denominator/],
  ],
  roundTrip: { config: { name: 'gaussian', numCenters: 6, gridMin: -1, gridMax: 1, denominator: 0.5 }, size: 6 },
  snippets: {
    wgsl: [
      ...snippetCases.map((options) => snippetCase(`equals evaluate and its autodiff derivative, ${JSON.stringify(options)}`, gaussian(options, 3), options.numCenters)),
      snippetCase('reads the centres from the state, not from the config', gaussian({ numCenters: 5 }, 3), 9, Float32Array.from([-3, -0.5, 0.25, 1, 4]), [-3, 4]),
    ],
    cudaCompile: gaussian({ numCenters: 8 }, 4),
    cudaRun: [snippetCase('defaults', defaults, 3)],
  },
});

describe('gaussian basis', () => {
  it('places centres evenly in float32, ends exact', () => {
    const centres = torchLinspace(-2, 2, 8);
    expect(centres[0]).toBe(-2);
    expect(centres[7]).toBe(2);
    centres.forEach((c, j) => expect(Math.abs(c - (-2 + (4 * j) / 7))).toBeLessThanOrEqual(2.5e-7));
    expect([...torchLinspace(-1, 3, 5)]).toEqual([-1, 0, 1, 2, 3]);
  });

  it('uses a custom denominator', () => {
    const basis = gaussian({ numCenters: 3, gridMin: 0, gridMax: 1, denominator: 0.25 }, 1);
    const values = tf.tidy(() => basis.evaluate(tf.tensor2d([[0.25]]), { grid: tf.tensor1d(basis.stateSpecs[0]!.initial()) }).dataSync());
    expect([...values]).toEqual([Math.exp(-1), Math.exp(-1), Math.exp(-9)].map((v) => expect.closeTo(v, 7)));
  });
});
