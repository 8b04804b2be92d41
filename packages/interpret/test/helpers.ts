// Shared by the interpret tests: the cpu backend, seeded data, and a model's output as float64 rows.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
import type * as tfl from '@tensorflow/tfjs-layers';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
}

/** A seeded uniform generator on [0, 1) (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` rows of `width` values uniform on [low, high). */
export function rows(count: number, width: number, seed: number, low = -1, high = 1): number[][] {
  const next = random(seed);
  return Array.from({ length: count }, () => Array.from({ length: width }, () => low + (high - low) * next()));
}

/** The values of the tensor that `compute` returns, as float64, with every tensor it made disposed. */
export function read(compute: () => tf.Tensor): Float64Array {
  const result = tf.tidy(compute);
  const values = Float64Array.from(result.dataSync());
  result.dispose();
  return values;
}

/** The model's output on rows, as float64 [batch, out] row-major. */
export function predict(model: tfl.LayersModel, x: number[][]): Float64Array {
  return read(() => model.predict(tf.tensor2d(x)) as tf.Tensor);
}

/**
 * A pykan example's data, like pykan's `create_dataset`: 1000 training points uniform on [−1, 1]² (x [1000, 2],
 * y = target [1000, 1]) and 1000 held-out points, each set from its own seed.
 */
export function exampleData(target: (point: readonly number[]) => number, trainSeed: number, testSeed: number): { x: tf.Tensor2D; y: tf.Tensor2D; test: number[][] } {
  const train = rows(1000, 2, trainSeed);
  return { x: tf.tensor2d(train), y: tf.tensor2d(train.map((point) => [target(point)])), test: rows(1000, 2, testSeed) };
}
