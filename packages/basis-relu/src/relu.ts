import * as tf from '@tensorflow/tfjs-core';
import { OptionReader, checkInFeatures, type Basis, type JsonValue } from '@kanjs/basis-core';
import { reluSnippets } from './snippets.js';

/** Options of the `relu` basis. */
export interface ReluKanOptions {
  /** G, the number of grid intervals. Default 5; ≥ 1. */
  readonly gridSize?: number;
  /** k: each function spans k + 1 intervals; K = G + k. Default 3; ≥ 0. */
  readonly order?: number;
  /** [a, b], the grid range. Default [-1, 1] (the paper's code uses [0, 1]). */
  readonly gridRange?: readonly [number, number];
}

const OPTION_NAMES = ['gridSize', 'order', 'gridRange'] as const;

/**
 * The `relu` basis (ReLU-KAN, Qiu et al. 2024): Rᵢ(x) = [ReLU(eᵢ − x)·ReLU(x − sᵢ)]²·16/(eᵢ − sᵢ)⁴, a smooth
 * bump of height 1 on [sᵢ, eᵢ], with sᵢ = a + (i − k)·h, eᵢ = sᵢ + (k + 1)·h, h = (b − a)/G, i = 0..G+k−1.
 * Only ReLU, products and squares: no exp, no recursion. No state.
 */
export function reluKan(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('relu', options);
  reader.rejectUnknown(OPTION_NAMES);
  const gridSize = reader.number('gridSize', 5, { integer: true, min: 1 });
  const order = reader.number('order', 3, { integer: true, min: 0 });
  const gridRange = reader.range('gridRange', [-1, 1]);
  checkInFeatures('relu', inFeatures);
  const size = gridSize + order;
  // In float32, as the kernels compute them: sᵢ = a + (i − k)·h, eᵢ = sᵢ + (k + 1)·h.
  const f = Math.fround;
  const [low, step] = [f(gridRange[0]), f((gridRange[1] - gridRange[0]) / gridSize)];
  const width = f((order + 1) * step);
  const starts = Float32Array.from({ length: size }, (_, i) => f(low + f((i - order) * step)));
  const ends = starts.map((s) => f(s + width));
  // The paper's r = 4/(e − s)², applied before squaring: (ReLU·ReLU·r)² = [ReLU·ReLU]²·16/(e − s)⁴.
  const r = f(4 / (width * width));

  return {
    name: 'relu',
    inFeatures,
    size,
    domain: gridRange,
    config: { name: 'relu', gridSize, order, gridRange },
    stateSpecs: [],
    evaluate(x) {
      return tf.tidy(() => {
        const xs = tf.expandDims(x, 2); // [batch, in, 1]
        const product = tf.mul(tf.relu(tf.sub(xs, tf.tensor1d(starts))), tf.relu(tf.sub(tf.tensor1d(ends), xs))); // [batch, in, K]
        return tf.square(tf.mul(product, r)) as tf.Tensor3D;
      });
    },
    kernels: reluSnippets({ low, step, order, width, r }),
  };
}
