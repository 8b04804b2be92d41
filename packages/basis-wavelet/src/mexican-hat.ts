import * as tf from '@tensorflow/tfjs-core';
import {
  CENTRED_GRID_OPTIONS,
  OptionReader,
  centredDistances,
  centresState,
  checkInFeatures,
  readCentredGrid,
  type Basis,
  type CentredGridOptions,
  type JsonValue,
} from '@kanjs/basis-core';
import { mexicanHatSnippets } from './snippets.js';

/** Options of the `mexican-hat` basis: 8 translations on [-2, 2] by default. */
export interface MexicanHatOptions extends CentredGridOptions {
  /**
   * The initial scale s of every input. Default a quarter of the grid's width, (gridMax − gridMin)/4 (1 on the
   * default grid): with the spacing as scale, MNIST overfits (96.9%); see the package README. > 0.
   */
  readonly scale?: number;
  /** Multiply ψ by 2/(√3·π^¼), the unit-L² normalisation (Wav-KAN's). Default false: ψ(0) = 1. */
  readonly normalize?: boolean;
}

const OPTION_NAMES = [...CENTRED_GRID_OPTIONS, 'scale', 'normalize'] as const;

/** 2/(√3·π^¼): the Mexican hat with unit L² norm. */
export const MEXICAN_HAT_NORMALIZATION = 2 / (Math.sqrt(3) * Math.PI ** 0.25);

/**
 * The `mexican-hat` basis (after Wav-KAN): φⱼ(x) = ψ((x − tⱼ)/s) with ψ(u) = (1 − u²)·exp(−u²/2), the negative
 * second derivative of a Gaussian. The translations t = linspace(gridMin, gridMax, K) are the state `grid` [K];
 * each input has its own scale s, the state `scale` [in], which starts at a quarter of the grid's width. Both are
 * state: saved with the model, not trained.
 */
export function mexicanHat(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('mexican-hat', options);
  reader.rejectUnknown(OPTION_NAMES);
  const grid = readCentredGrid(reader, { widthOption: 'scale', defaultWidth: (low, high) => (high - low) / 4 });
  const { numCenters, gridMin, gridMax, width: scale } = grid;
  const normalize = reader.boolean('normalize', false);
  checkInFeatures('mexican-hat', inFeatures);
  const c = normalize ? MEXICAN_HAT_NORMALIZATION : 1;

  return {
    name: 'mexican-hat',
    inFeatures,
    size: numCenters,
    domain: [gridMin, gridMax],
    config: { name: 'mexican-hat', numCenters, gridMin, gridMax, scale, normalize },
    stateSpecs: [
      centresState(grid),
      { name: 'scale', shape: [inFeatures], initial: () => new Float32Array(inFeatures).fill(scale) },
    ],
    evaluate(x, state) {
      const translations = state['grid'];
      const scales = state['scale'];
      if (translations === undefined || scales === undefined) throw reader.error('evaluate needs the "grid" and "scale" state tensors');
      return tf.tidy(() => {
        const u = centredDistances(x, translations, tf.reshape(scales, [1, inFeatures, 1])); // [batch, in, K]
        const u2 = tf.square(u);
        const psi = tf.mul(tf.sub(1, u2), tf.exp(tf.mul(u2, -0.5)));
        return (c === 1 ? psi : tf.mul(psi, c)) as tf.Tensor3D;
      });
    },
    kernels: mexicanHatSnippets(c),
    cpu: { kind: 'wavelet', profile: 'mexican-hat', amplitude: c },
  };
}
