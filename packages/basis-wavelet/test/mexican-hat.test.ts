import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { describe, expect, it } from 'vitest';
import { MEXICAN_HAT_NORMALIZATION, mexicanHat } from '@kanjs/basis-wavelet';
import '@kanjs/basis-wavelet/register';
import { basisSuite, centredInputs, mexicanHatValues, rng, snippetHarnesses, uniform } from '@kanjs/testing';

/**
 * A case with a different scale per input, [0.5, 1, 1.7] times the configured one: (1 − u²)·exp(−u²/2) with
 * u = (x − tⱼ)/sᵢ, at each translation and across and beyond [gridMin − 3, gridMax + 3] (or at x).
 */
function waveletCase(basis: ReturnType<typeof mexicanHat>, seed: number, x?: Float64Array) {
  const grid = basis.stateSpecs[0]!.initial();
  const scale = basis.stateSpecs[1]!.initial().map((s, i) => s * [0.5, 1, 1.7][i]!);
  const normalize = basis.config['normalize'] === true;
  return {
    basis,
    state: { grid, scale },
    x: x ?? centredInputs(rng(seed), grid, basis.domain, 3),
    reference: (v: number, i: number) => mexicanHatValues(v, grid, scale[i]!, normalize),
  };
}

const cases = [
  { numCenters: 5 },
  { numCenters: 8, normalize: true },
  { numCenters: 12, gridMin: -1.5, gridMax: 2.5 },
  { numCenters: 6, scale: 1 },
];
const defaults = waveletCase(mexicanHat({}, 3), 2);

basisSuite(await snippetHarnesses(), mexicanHat, {
  created: {
    label: 'defaults to 8 translations on [-2, 2], one scale per input starting at a quarter of the grid width, unnormalised',
    size: 8,
    config: { name: 'mexican-hat', numCenters: 8, gridMin: -2, gridMax: 2, scale: 1, normalize: false },
    state: [['grid', [8]], ['scale', [3]]],
    check: (basis) => {
      expect(mexicanHat({ gridMin: -1, gridMax: 3, numCenters: 5 }, 1).config['scale']).toBe(1);
      expect(mexicanHat({ gridMin: 0, gridMax: 2 }, 1).config['scale']).toBe(0.5);
      expect([...basis.stateSpecs[1]!.initial()]).toEqual([1, 1, 1]);
      const values = tf.tidy(() => basis.evaluate(tf.tensor2d([[2, 2, 2]]), { grid: tf.tensor1d(basis.stateSpecs[0]!.initial()), scale: tf.ones([3]) }).dataSync());
      expect(values[7]).toBe(1); // ψ(0) = 1
    },
  },
  values: {
    formula: '(1 − u²)·exp(−u²/2), u = (x − tⱼ)/sᵢ,',
    cases: cases.map((options) => ({ label: JSON.stringify(options), ...waveletCase(mexicanHat(options, 3), options.numCenters) })),
  },
  gradient: waveletCase(mexicanHat({ normalize: true }, 3), 0, uniform(rng(11), 8 * 3, -2.5, 2.5)),
  invalid: [
    [{ numCenters: 1 }, 'mexican-hat basis: numCenters must be ≥ 2, got 1.'],
    [{ gridMin: 1, gridMax: 1 }, 'mexican-hat basis: gridMin must be < gridMax, got gridMin 1 and gridMax 1.'],
    [{ scale: -1 }, 'mexican-hat basis: scale must be > 0, got -1.'],
    [{ normalize: 'yes' }, 'mexican-hat basis: normalize must be true or false, got "yes".'],
    [{ wavelet: 'dog' }, /unknown option "wavelet"; expected one of numCenters, gridMin, gridMax, scale, normalize/],
  ],
  roundTrip: { config: { name: 'mexican-hat', numCenters: 6, normalize: true }, size: 6 },
  snippets: {
    cudaCompile: mexicanHat({ normalize: true }, 2),
    cudaRun: [{ label: 'defaults', basis: defaults.basis, state: defaults.state, x: Float32Array.from(defaults.x) }],
  },
});

describe('mexican-hat basis', () => {
  it('normalises with 2/(√3·π^¼) on request', () => {
    expect(MEXICAN_HAT_NORMALIZATION).toBeCloseTo(0.8673250705840776, 15);
  });
});
