import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { kan } from '@kanjs/kan-layers';
import '@kanjs/basis-gaussian';
import '@kanjs/basis-bspline';
import { PIXELS, type Dataset } from '../src/data/dataset.js';
import { layerNormDomain } from '../src/train/domain.js';

await tf.setBackend('cpu');

function images(count: number, seed: number): Dataset {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  // Mostly dark pixels with some ink, like MNIST: LayerNorm then sends the ink far above the mean.
  const data = Uint8Array.from({ length: count * PIXELS }, () => (next() < 0.15 ? 255 : Math.floor(next() * 20)));
  return { images: data, labels: new Uint8Array(count), count };
}

/** The same fraction in float64, straight from the definition: LayerNorm(x)·γ + β of the first layer's input. */
function reference(data: Dataset, examples: number, gamma: Float32Array, beta: Float32Array, gridMin: number | ((i: number) => number), gridMax: number | ((i: number) => number)) {
  const low = typeof gridMin === 'number' ? () => gridMin : gridMin;
  const high = typeof gridMax === 'number' ? () => gridMax : gridMax;
  let below = 0;
  let above = 0;
  for (let e = 0; e < examples; e++) {
    const x = Array.from({ length: PIXELS }, (_, i) => (data.images[e * PIXELS + i]! / 255 - 0.5) / 0.5);
    const mean = x.reduce((a, b) => a + b, 0) / PIXELS;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / PIXELS;
    x.forEach((v, i) => {
      const y = ((v - mean) / Math.sqrt(variance + 1e-5)) * gamma[i]! + beta[i]!;
      if (y < low(i)) below++;
      else if (y > high(i)) above++;
    });
  }
  return { below: below / (examples * PIXELS), above: above / (examples * PIXELS) };
}

describe('layerNormDomain', () => {
  it('counts the normalised inputs of every FastKAN layer outside its grid, as the definition does', async () => {
    const model = kan({ layers: [PIXELS, 6, 3], layer: 'fastkan', basis: { name: 'gaussian', numCenters: 5, gridMin: -1.5, gridMax: 1.5 }, seed: 3 });
    const data = images(40, 7);
    const before = tf.memory().numTensors;
    const domain = await layerNormDomain(model, data, 30);
    expect(tf.memory().numTensors).toBe(before);
    expect(domain.map((d) => d.layer)).toEqual([0, 1]);
    const first = model.layers[0]!;
    const [gamma, beta] = ['gamma', 'beta'].map((n) => first.weights.find((w) => w.name.includes(n))!.read().dataSync() as Float32Array);
    const want = reference(data, 30, gamma!, beta!, -1.5, 1.5);
    expect(domain[0]).toMatchObject({ gridMin: -1.5, gridMax: 1.5 });
    expect(domain[0]!.below).toBeCloseTo(want.below, 6);
    expect(domain[0]!.above).toBeCloseTo(want.above, 6);
    expect(domain[0]!.above).toBeGreaterThan(0.05); // the ink lies above the grid
    expect(domain[0]!.outside).toBeCloseTo(want.below + want.above, 6);
    expect(domain[1]!.outside).toBeGreaterThanOrEqual(0);
    expect(domain[1]!.outside).toBeLessThanOrEqual(1);
  });

  it('judges each input against its own centres when the centres are learned', async () => {
    const model = kan({ layers: [PIXELS, 6, 3], layer: 'fastkan', basis: { name: 'gaussian', numCenters: 4, learnable: true }, seed: 5 });
    const first = model.layers[0]!;
    const centres = first.weights.find((w) => w.name.includes('centres'))!;
    // Input i's centres span [-1 - s, 1 + s] with s = (i mod 7) / 4: some inputs have a narrow range, some a wide one.
    const spread = (i: number) => (i % 7) / 4;
    const values = Float32Array.from({ length: PIXELS * 4 }, (_, n) => {
      const i = Math.floor(n / 4);
      return -1 - spread(i) + ((2 + 2 * spread(i)) * (n % 4)) / 3;
    });
    centres.write(tf.tensor2d(values, [PIXELS, 4]));
    const data = images(20, 11);
    const before = tf.memory().numTensors;
    const domain = await layerNormDomain(model, data, 20);
    expect(tf.memory().numTensors).toBe(before);
    const [gamma, beta] = ['gamma', 'beta'].map((n) => first.weights.find((w) => w.name.includes(n))!.read().dataSync() as Float32Array);
    const want = reference(data, 20, gamma!, beta!, (i) => -1 - spread(i), (i) => 1 + spread(i));
    expect(domain[0]!.gridMin).toBeCloseTo(-2.5, 6);
    expect(domain[0]!.gridMax).toBeCloseTo(2.5, 6);
    expect(domain[0]!.below).toBeCloseTo(want.below, 6);
    expect(domain[0]!.above).toBeCloseTo(want.above, 6);
    expect(domain[0]!.above).toBeGreaterThan(0);
  });

  it('gives nothing for models without a normalising FastKAN layer', async () => {
    expect(await layerNormDomain(kan({ layers: [PIXELS, 4, 3], layer: 'kan-linear', seed: 1 }), images(5, 1))).toEqual([]);
    expect(await layerNormDomain(kan({ layers: [PIXELS, 4, 3], layer: 'fastkan', useLayerNorm: false, seed: 1 }), images(5, 1))).toEqual([]);
  });
});
