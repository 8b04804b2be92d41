// The fused WebGPU LayerNorm (one kernel forward, four backward) against the composition of tfjs ops on cpu.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { LAYER_NORM_KERNELS, hasFusedLayerNorm } from '@kanjs/kernels';
import { layerNorm } from '@kanjs/kan-layers';
import { layerNormValueAndGrads, relativeError } from '@kanjs/testing';
import { activate, webgpuForTests } from './gpu.js';

const gpu = await webgpuForTests();

const run = async (batch: number, n: number, seed: number) => (await layerNormValueAndGrads(layerNorm, batch, n, seed)).values;

describe.skipIf(gpu.skip)('fused LayerNorm on webgpu', () => {
  it('is registered with the other fused kernels and runs as one kernel forward', async () => {
    await activate('webgpu');
    expect(hasFusedLayerNorm('webgpu')).toBe(true);
    const x = tf.randomUniform([4, 10]) as tf.Tensor2D;
    const profile = await tf.profile(() => layerNorm(x, tf.ones([10]) as tf.Tensor1D, tf.zeros([10]) as tf.Tensor1D, 1e-5));
    expect(profile.kernels.map((k) => k.name).filter((name) => !['Fill', 'OnesLike', 'ZerosLike'].includes(name))).toEqual([LAYER_NORM_KERNELS.forward]);
    tf.dispose([x, profile.result as tf.Tensor]);
  });

  // (With 2 features every row normalises to ±1 and dx is rounding noise, so the smallest width here is 3.)
  // Batches over 64 rows split the column sums of dγ and dβ into pieces (200: 4, the last ragged; 1000: 16).
  for (const [batch, n] of [[1, 5], [7, 3], [64, 100], [5, 784], [33, 1000], [200, 10], [1000, 37]] as const) {
    it(`matches the composition on cpu: batch ${batch}, ${n} features (forward 1e-5, dx dγ dβ 1e-4)`, async () => {
      await activate('cpu');
      const expected = await run(batch, n, batch + n);
      await activate('webgpu');
      const actual = await run(batch, n, batch + n);
      expect(relativeError(actual[0]!, expected[0]!)).toBeLessThanOrEqual(1e-5);
      for (let i = 1; i < 4; i++) expect(relativeError(actual[i]!, expected[i]!)).toBeLessThanOrEqual(1e-4);
    });
  }
});
