// CPU forwarding, without a GPU: kernels with no native cuda version run on the cpu backend's implementation and
// are counted. With the recording stand-in for the addon, tensors made on the host keep their host values until a
// native kernel needs them on the device, so these results are real.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CudaBackend, forwardingReport } from '../src/index.js';
import { RecordingAddon } from './recording-addon.js';

const calls = (kernel: string) => forwardingReport().find((r) => r.kernel === kernel)?.calls ?? 0;

beforeAll(async () => {
  tf.removeBackend('cuda');
  tf.registerBackend('cuda', () => new CudaBackend({ native: new RecordingAddon(), kernelCache: false }));
  await tf.setBackend('cuda');
});
afterAll(async () => {
  await tf.setBackend('cpu');
  tf.removeBackend('cuda');
});

describe('CPU forwarding', () => {
  it('runs a kernel with named inputs on the cpu and counts it', async () => {
    const before = calls('Cumsum');
    const y = tf.cumsum(tf.tensor1d([1, 2, 3, 4]));
    expect(Array.from(await y.data())).toEqual([1, 3, 6, 10]);
    expect(calls('Cumsum')).toBe(before + 1);
    y.dispose();
  });

  it('passes array inputs as arrays (Einsum)', async () => {
    const y = tf.einsum('ij,jk->ik', tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 0, 0, 1], [2, 2]));
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4]);
    expect(calls('Einsum')).toBeGreaterThan(0);
    y.dispose();
  });

  it('returns every output of a kernel with several (TopK, Unique)', async () => {
    const { values, indices } = tf.topk(tf.tensor1d([3, 9, 1, 7]), 2);
    expect(Array.from(await values.data())).toEqual([9, 7]);
    expect(Array.from(await indices.data())).toEqual([1, 3]);
    expect(indices.dtype).toBe('int32');
    const unique = tf.unique(tf.tensor1d([4, 4, 2, 7, 2]));
    expect(Array.from(await unique.values.data())).toEqual([4, 2, 7]);
    expect(Array.from(await unique.indices.data())).toEqual([0, 0, 1, 2, 1]);
    expect(calls('Unique')).toBeGreaterThan(0);
    tf.dispose([values, indices, unique.values, unique.indices]);
  });

  it('leaves no tensors or buffers behind', () => {
    const tensors = tf.memory().numTensors;
    const buffers = tf.backend().numDataIds();
    tf.tidy(() => {
      tf.cumsum(tf.tensor1d([1, 2, 3]));
      tf.topk(tf.tensor1d([3, 1, 2]), 2);
    });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
  });
});
