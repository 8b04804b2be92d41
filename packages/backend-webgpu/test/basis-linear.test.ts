// The fused WebGPU kernels against the generic composition on the same backend, over random shapes: in,
// out, K and batch from the table, odd sizes included. Runs on SwiftShader without a GPU.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBasis } from '@kanjs/basis-core';
import { hasFusedBasisLinear, siluBasis, useFusedBase } from '@kanjs/kernels';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { SILU_SHAPES, fusedAgainstGeneric, fusedCases } from '@kanjs/testing';
import { checkFusedBasis } from '../src/index.js';
import { activate, webgpuForTests } from './gpu.js';

const gpu = await webgpuForTests();

const ops = { fused: basisLinear, generic: genericBasisLinear, initialState };

describe.skipIf(gpu.skip)('fused basisLinear on webgpu', () => {
  beforeAll(async () => {
    await activate('webgpu');
  });

  it('registers the fused kernels for bases with a WGSL snippet', () => {
    expect(tf.getBackend()).toBe('webgpu');
    expect(hasFusedBasisLinear('webgpu', createBasis('gaussian', 3))).toBe(true);
    expect(hasFusedBasisLinear('webgpu', createBasis('bspline', 3))).toBe(true);
  });

  for (const [n, { config, shape }] of fusedCases().entries()) {
    it(`agrees with the composition: ${JSON.stringify(config)}, in ${shape.inFeatures}, out ${shape.out}, batch ${shape.batch}`, async () => {
      const basis = createBasis(config, shape.inFeatures);
      expect(await checkFusedBasis(basis)).toBe(true); // fused from the first call, not after its snippet's check
      const errors = await fusedAgainstGeneric(ops, basis, shape, n);
      expect(errors.y).toBeLessThanOrEqual(1e-5);
      expect(errors.dx).toBeLessThanOrEqual(1e-4);
      expect(errors.dw).toBeLessThanOrEqual(1e-4);
    });
  }

  it('takes the SiLU base branch up to batch·in·out = 2^26, and leaves larger products to matMul', async () => {
    expect(await checkFusedBasis(siluBasis(1))).toBe(true);
    expect(useFusedBase('webgpu', { batch: 4096, inFeatures: 1024, outFeatures: 16 })).toBe(true);
    expect(useFusedBase('webgpu', { batch: 4096, inFeatures: 1024, outFeatures: 17 })).toBe(false);
  });

  for (const [n, shape] of SILU_SHAPES.entries()) {
    it(`runs the SiLU base branch (siluBasis, K = 1) like matMul(silu(x), W): in ${shape.inFeatures}, out ${shape.out}, batch ${shape.batch}`, async () => {
      const errors = await fusedAgainstGeneric(ops, siluBasis(shape.inFeatures), shape, 100 + n);
      expect(errors.y).toBeLessThanOrEqual(1e-5);
      expect(errors.dx).toBeLessThanOrEqual(1e-4);
      expect(errors.dw).toBeLessThanOrEqual(1e-4);
    });
  }

  it('runs no BatchMatMul: the fused forward and backward are single kernels', async () => {
    const basis = createBasis('gaussian', 100);
    expect(await checkFusedBasis(basis)).toBe(true);
    const x = tf.randomUniform([8, 100], -1, 1) as tf.Tensor2D;
    const w = tf.randomUniform([800, 100]) as tf.Tensor2D;
    const state = initialState(basis);
    const profile = await tf.profile(() => {
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(basisLinear(a as tf.Tensor2D, b as tf.Tensor2D, basis, state)))([x, w]);
      return [dx!, dw!];
    });
    const names = profile.kernels.map((k) => k.name);
    expect(names).toContain('KanBasisLinear');
    expect(names).toContain('KanBasisLinearGradInput');
    expect(names).toContain('KanBasisLinearGradWeight');
    expect(names).not.toContain('BatchMatMul');
    tf.dispose([x, w, ...Object.values(state), ...(profile.result as tf.Tensor[])]);
  });
});
