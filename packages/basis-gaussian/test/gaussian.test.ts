import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { describe, expect, it } from 'vitest';
import { gaussian, torchLinspace } from '@kanjs/basis-gaussian';
import '@kanjs/basis-gaussian/register';
import { createBasis } from '@kanjs/basis-core';
import { basisSuite, centredInputs, gaussianValues, referenceStateGradientError, referenceValueError, rng, snippetHarnesses, uniform, type StatefulReference } from '@kanjs/testing';

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

describe('gaussian basis, learnable: centres and widths per input', () => {
  const basis = gaussian({ numCenters: 5, gridMin: -1, gridMax: 1, learnable: true }, 3);
  /** exp(−((x − cᵢⱼ)/e^{log hᵢ})²) from input i's row of the state, in float64. */
  const reference: StatefulReference = (x, i, state) => gaussianValues(x, state['centres']!.subarray(i * 5, (i + 1) * 5), Math.exp(state['log_widths']![i]!));
  /** A trained-looking state: each input's centres moved apart and its own width. */
  function movedState(seed: number): { centres: Float32Array; log_widths: Float32Array } {
    const random = rng(seed);
    const centres = basis.stateSpecs[0]!.initial().map((c) => Math.fround(c + 0.3 * (random() - 0.5)));
    return { centres, log_widths: Float32Array.from([-0.9, -0.4, 0.2]) };
  }
  const x = uniform(rng(4), 10 * 3, -2, 2);

  it('has the trainable state centres [in, K] (the grid per input) and log_widths [in] (log h), and no fused forms', () => {
    expect(basis.config).toEqual({ name: 'gaussian', numCenters: 5, gridMin: -1, gridMax: 1, denominator: 0.5, learnable: true });
    expect(basis.stateSpecs.map((s) => [s.name, s.shape, s.trainable])).toEqual([['centres', [3, 5], true], ['log_widths', [3], true]]);
    expect([...basis.stateSpecs[0]!.initial()]).toEqual([0, 1, 2].flatMap(() => [-1, -0.5, 0, 0.5, 1]));
    expect([...basis.stateSpecs[1]!.initial()]).toEqual([0, 1, 2].map(() => Math.fround(Math.log(0.5))));
    expect(basis.kernels).toBeUndefined();
    expect(basis.cpu).toBeUndefined();
    expect(gaussian({ numCenters: 5, learnable: false }, 3).stateSpecs.map((s) => s.name)).toEqual(['grid']);
  });

  it('starts as the fixed basis', () => {
    const fixed = gaussian({ numCenters: 5, gridMin: -1, gridMax: 1 }, 3);
    const initial = Object.fromEntries(basis.stateSpecs.map((s) => [s.name, s.initial()]));
    const values = (b: typeof basis, state: Record<string, Float32Array>) =>
      tf.tidy(() => b.evaluate(tf.tensor2d(Float32Array.from(x), [10, 3]), Object.fromEntries(b.stateSpecs.map((s) => [s.name, tf.tensor(state[s.name]!, [...s.shape])]))).dataSync());
    const expected = values(fixed, { grid: fixed.stateSpecs[0]!.initial() });
    values(basis, initial).forEach((v, n) => expect(v).toBeCloseTo(expected[n]!, 6));
  });

  it('matches exp(−((xᵢ − cᵢⱼ)/hᵢ)²) in float64 on a moved state', () => {
    const state = movedState(1);
    const state64 = { centres: Float64Array.from(state.centres), log_widths: Float64Array.from(state.log_widths) };
    expect(referenceValueError(basis, state, x, (v, i) => reference(v, i, state64))).toBeLessThanOrEqual(1e-5);
  });

  it('has centre and log-width gradients that match finite differences of the float64 reference', () => {
    const state = movedState(2);
    expect(referenceStateGradientError(basis, state, x, 'centres', reference)).toBeLessThanOrEqual(1e-4);
    expect(referenceStateGradientError(basis, state, x, 'log_widths', reference)).toBeLessThanOrEqual(1e-4);
  });

  it('round-trips its config through JSON, and refuses a learnable that is not a boolean', () => {
    const again = createBasis(JSON.parse(JSON.stringify(basis.config)) as typeof basis.config, 3);
    expect(again.config).toEqual(basis.config);
    expect(again.stateSpecs.map((s) => s.name)).toEqual(['centres', 'log_widths']);
    expect(() => gaussian({ learnable: 'yes' }, 3)).toThrow('gaussian basis: learnable must be true or false, got "yes".');
  });
});
