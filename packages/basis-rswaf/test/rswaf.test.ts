import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasisConfigError, createBasis } from '@kanjs/basis-core';
import { rswaf } from '@kanjs/basis-rswaf';
import '@kanjs/basis-rswaf/register';
import {
  cudaHarness,
  referenceGradientError,
  referenceValueError,
  rng,
  rswafValues,
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

/** x [batch, 3]: every centre exactly, then random points across and beyond [gridMin − 3, gridMax + 3]. */
function inputs(seed: number, centres: Float32Array, [low, high]: readonly [number, number]): Float64Array {
  const x = uniform(rng(seed), (centres.length + 30) * 3, low - 3, high + 3);
  centres.forEach((c, j) => x.fill(c, j * 3, j * 3 + 3));
  return x;
}

const cases = [
  { numCenters: 5 },
  { numCenters: 8 },
  { numCenters: 12, gridMin: -1.5, gridMax: 2.5 },
  { numCenters: 6, denominator: 1 }, // an integer constant: KAN_H is emitted as an integer literal
];

describe('rswaf basis', () => {
  it('defaults to FasterKAN: 8 centres on [-2, 2], h the spacing', () => {
    const basis = createBasis('rswaf', 5);
    expect(basis.size).toBe(8);
    expect(basis.config).toEqual({ name: 'rswaf', numCenters: 8, gridMin: -2, gridMax: 2, denominator: 4 / 7 });
    expect(basis.stateSpecs[0]!.shape).toEqual([8]);
    expect(basis.stateSpecs[0]!.initial()[7]).toBe(2);
  });

  for (const options of cases) {
    it(`matches 1 − tanh²((x − cⱼ)/h) in float64, ${JSON.stringify(options)}`, () => {
      const basis = rswaf(options, 3);
      const grid = basis.stateSpecs[0]!.initial();
      const h = basis.config['denominator'] as number;
      expect(referenceValueError(basis, { grid }, inputs(options.numCenters, grid, basis.domain), (x) => rswafValues(x, grid, h))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('has input gradients that match finite differences of the float64 reference', () => {
    const basis = rswaf({}, 3);
    const grid = basis.stateSpecs[0]!.initial();
    const x = uniform(rng(11), 8 * 3, -2.5, 2.5);
    expect(referenceGradientError(basis, { grid }, x, (v) => rswafValues(v, grid, 4 / 7))).toBeLessThanOrEqual(1e-4);
  });

  it('rejects invalid configs with one clear error naming the field', () => {
    expect(() => rswaf({ numCenters: 1 }, 2)).toThrow('rswaf basis: numCenters must be ≥ 2, got 1.');
    expect(() => rswaf({ gridMin: 2, gridMax: -2 }, 2)).toThrow('rswaf basis: gridMin must be < gridMax, got gridMin 2 and gridMax -2.');
    expect(() => rswaf({ denominator: 0 }, 2)).toThrow('rswaf basis: denominator must be > 0, got 0.');
    expect(() => rswaf({ inv_denominator: 0.5 }, 2)).toThrow(/unknown option "inv_denominator"; expected one of numCenters, gridMin, gridMax, denominator/);
    expect(() => rswaf({ numCenters: 1 }, 2)).toThrow(BasisConfigError);
  });

  it('round-trips its config through JSON', () => {
    const basis = createBasis({ name: 'rswaf', numCenters: 6, gridMin: -1, gridMax: 1 }, 4);
    const again = createBasis(JSON.parse(JSON.stringify(basis.config)), 4);
    expect(again.config).toEqual(basis.config);
    expect(again.size).toBe(6);
  });
});

/** A case on the basis's initial centres, with inputs at each centre. */
function rswafCase(label: string, basis: ReturnType<typeof rswaf>, seed: number) {
  const grid = basis.stateSpecs[0]!.initial();
  return { label, basis, state: { grid }, x: Float32Array.from(inputs(seed, grid, basis.domain)) };
}

snippetSuites('rswaf', wgsl, cuda, {
  wgsl: cases.map((options) => rswafCase(`equals evaluate and its autodiff derivative, ${JSON.stringify(options)}`, rswaf(options, 3), options.numCenters + 1)),
  cudaCompile: rswaf({}, 2),
  cudaRun: [rswafCase('defaults', rswaf({}, 3), 2)],
});
