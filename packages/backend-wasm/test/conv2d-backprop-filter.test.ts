// The conv2d filter gradient that tfjs-backend-wasm lacks, against tfjs-backend-cpu's, for valid and same padding
// and several filter and channel counts; a clear error for strides > 1; and a conv layer trains on wasm with no
// tensor leak.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '../src/index.js';

beforeAll(async () => {
  await registerWasmKernels().catch(() => undefined); // the conv kernel registers with or without wasm SIMD
});

/** d(sum(conv2d(x, f) ⊙ w))/df on a backend, for seeded x, f and w. */
async function filterGradient(backend: string, shape: [number, number, number, number], filter: [number, number, number, number], strides: number, pad: 'valid' | 'same'): Promise<Float32Array> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.randomNormal(shape, 0, 1, 'float32', 1) as tf.Tensor4D;
    const f = tf.randomNormal(filter, 0, 1, 'float32', 2) as tf.Tensor4D;
    const y = tf.conv2d(x, f, strides, pad);
    const w = tf.randomNormal(y.shape, 0, 1, 'float32', 3);
    return tf.grad((g) => tf.sum(tf.mul(tf.conv2d(x, g as tf.Tensor4D, strides, pad), w)))(f).dataSync() as Float32Array;
  });
}

describe('wasm Conv2DBackpropFilter', () => {
  const cases: [[number, number, number, number], [number, number, number, number], number, 'valid' | 'same'][] = [
    [[2, 8, 8, 1], [3, 3, 1, 4], 1, 'valid'],
    [[3, 9, 7, 3], [3, 3, 3, 5], 1, 'same'],
    [[2, 10, 10, 4], [3, 2, 4, 6], 1, 'valid'],
    [[1, 11, 9, 2], [5, 5, 2, 3], 1, 'same'],
  ];
  for (const [shape, filter, strides, pad] of cases) {
    it(`matches cpu for x [${shape}], filter [${filter}], strides ${strides}, ${pad}`, async () => {
      const cpu = await filterGradient('cpu', shape, filter, strides, pad);
      const wasm = await filterGradient('wasm', shape, filter, strides, pad);
      expect(wasm.length).toBe(cpu.length);
      const scale = Math.max(...cpu.map(Math.abs));
      cpu.forEach((v, i) => expect(Math.abs(wasm[i]! - v), `element ${i}`).toBeLessThan(1e-4 * scale));
    });
  }

  it('refuses strides above 1, which tfjs-wasm gets wrong', async () => {
    await expect(filterGradient('wasm', [1, 8, 8, 1], [3, 3, 1, 2], 2, 'valid')).rejects.toThrow(
      "wasm Conv2DBackpropFilter: strides must be 1 (tfjs-wasm's Conv3DBackpropFilterV2, which this runs, is wrong for larger ones), got [2, 2]; train strided convolutions on cpu.",
    );
  });

  it('trains a conv2d layer on wasm without leaking tensors', async () => {
    await tf.setBackend('wasm');
    const tfl = await import('@tensorflow/tfjs-layers');
    const model = tfl.sequential({ layers: [tfl.layers.conv2d({ filters: 4, kernelSize: 3, inputShape: [8, 8, 2] }), tfl.layers.flatten(), tfl.layers.dense({ units: 1 })] });
    const optimizer = tf.train.sgd(0.01);
    const step = () => optimizer.minimize(() => tf.mean(tf.square(model.apply(tf.ones([2, 8, 8, 2])) as tf.Tensor)) as tf.Scalar, true)!.dispose();
    const before = model.trainableWeights[0]!.read().dataSync().slice();
    step();
    const tensors = tf.memory().numTensors;
    step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect([...model.trainableWeights[0]!.read().dataSync()].some((v, i) => v !== before[i])).toBe(true);
    optimizer.dispose();
    model.dispose();
  });
});
