import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasisConfigError, createBasis } from '@kanjs/basis-core';
import { MEXICAN_HAT_NORMALIZATION, mexicanHat } from '@kanjs/basis-wavelet';
import '@kanjs/basis-wavelet/register';
import {
  cudaHarness,
  mexicanHatValues,
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

/** x [batch, 3]: every translation exactly, then random points across and beyond [gridMin − 3, gridMax + 3]. */
function inputs(seed: number, translations: Float32Array, [low, high]: readonly [number, number]): Float64Array {
  const x = uniform(rng(seed), (translations.length + 30) * 3, low - 3, high + 3);
  translations.forEach((t, j) => x.fill(t, j * 3, j * 3 + 3));
  return x;
}

/** The state with a different scale per input: [0.5, 1, 1.7] times the configured one. */
function stateOf(basis: ReturnType<typeof mexicanHat>) {
  const grid = basis.stateSpecs[0]!.initial();
  const scale = basis.stateSpecs[1]!.initial().map((s, i) => s * [0.5, 1, 1.7][i]!);
  return { grid, scale };
}

const cases = [
  { numCenters: 5 },
  { numCenters: 8, normalize: true },
  { numCenters: 12, gridMin: -1.5, gridMax: 2.5 },
  { numCenters: 6, scale: 1 },
];

describe('mexican-hat basis', () => {
  it('defaults: 8 translations on [-2, 2], one scale per input starting at a quarter of the grid width, unnormalised', () => {
    const basis = createBasis('mexican-hat', 3);
    expect(basis.size).toBe(8);
    expect(basis.config).toEqual({ name: 'mexican-hat', numCenters: 8, gridMin: -2, gridMax: 2, scale: 1, normalize: false });
    expect(mexicanHat({ gridMin: -1, gridMax: 3, numCenters: 5 }, 1).config['scale']).toBe(1);
    expect(mexicanHat({ gridMin: 0, gridMax: 2 }, 1).config['scale']).toBe(0.5);
    expect(basis.stateSpecs.map((s) => [s.name, s.shape])).toEqual([['grid', [8]], ['scale', [3]]]);
    expect([...basis.stateSpecs[1]!.initial()]).toEqual([1, 1, 1]);
    const values = tf.tidy(() => basis.evaluate(tf.tensor2d([[2, 2, 2]]), { grid: tf.tensor1d(basis.stateSpecs[0]!.initial()), scale: tf.ones([3]) }).dataSync());
    expect(values[7]).toBe(1); // ψ(0) = 1
  });

  for (const options of cases) {
    it(`matches (1 − u²)·exp(−u²/2), u = (x − tⱼ)/sᵢ, in float64, ${JSON.stringify(options)}`, () => {
      const basis = mexicanHat(options, 3);
      const state = stateOf(basis);
      const c = options.normalize === true;
      const x = inputs(options.numCenters, state.grid, basis.domain);
      expect(referenceValueError(basis, state, x, (v, i) => mexicanHatValues(v, state.grid, state.scale[i]!, c))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('normalises with 2/(√3·π^¼) on request', () => {
    expect(MEXICAN_HAT_NORMALIZATION).toBeCloseTo(0.8673250705840776, 15);
  });

  it('has input gradients that match finite differences of the float64 reference', () => {
    const basis = mexicanHat({ normalize: true }, 3);
    const state = stateOf(basis);
    const x = uniform(rng(11), 8 * 3, -2.5, 2.5);
    expect(referenceGradientError(basis, state, x, (v, i) => mexicanHatValues(v, state.grid, state.scale[i]!, true))).toBeLessThanOrEqual(1e-4);
  });

  it('rejects invalid configs with one clear error naming the field', () => {
    expect(() => mexicanHat({ numCenters: 1 }, 2)).toThrow('mexican-hat basis: numCenters must be ≥ 2, got 1.');
    expect(() => mexicanHat({ gridMin: 1, gridMax: 1 }, 2)).toThrow('mexican-hat basis: gridMin must be < gridMax, got gridMin 1 and gridMax 1.');
    expect(() => mexicanHat({ scale: -1 }, 2)).toThrow('mexican-hat basis: scale must be > 0, got -1.');
    expect(() => mexicanHat({ normalize: 'yes' }, 2)).toThrow('mexican-hat basis: normalize must be true or false, got "yes".');
    expect(() => mexicanHat({ wavelet: 'dog' }, 2)).toThrow(/unknown option "wavelet"; expected one of numCenters, gridMin, gridMax, scale, normalize/);
    expect(() => mexicanHat({ numCenters: 1 }, 2)).toThrow(BasisConfigError);
  });

  it('round-trips its config through JSON', () => {
    const basis = createBasis({ name: 'mexican-hat', numCenters: 6, normalize: true }, 4);
    const again = createBasis(JSON.parse(JSON.stringify(basis.config)), 4);
    expect(again.config).toEqual(basis.config);
    expect(again.size).toBe(6);
  });
});

/** A case on the basis's initial state, with inputs at each translation. */
function waveletCase(label: string, basis: ReturnType<typeof mexicanHat>, seed: number) {
  const state = stateOf(basis);
  return { label, basis, state, x: Float32Array.from(inputs(seed, state.grid, basis.domain)) };
}

snippetSuites('mexican-hat', wgsl, cuda, {
  wgsl: cases.map((options) => waveletCase(`equals evaluate and its autodiff derivative, ${JSON.stringify(options)}`, mexicanHat(options, 3), options.numCenters + 1)),
  cudaCompile: mexicanHat({ normalize: true }, 2),
  cudaRun: [waveletCase('defaults', mexicanHat({}, 3), 2)],
});
