// The fused KanBasisLinear kernels on the GPU against the generic composition on the same backend (the basis
// materialised, then cuBLAS): the shared shapes of every fused backend, plus K beyond one 16-value stage
// (20 and 64) and a shape of many ragged tiles. Skips without a CUDA device.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import { createBasis, type BasisConfig } from '@kanjs/basis-core';
import { hasFusedBasisLinear, siluBasis, useFusedBase } from '@kanjs/kernels';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { SILU_SHAPES, fusedAgainstGeneric, fusedCases, type FusedCase } from '@kanjs/testing';
import { FUSED_BASE_MAX_PRODUCT, setTF32 } from '../src/index.js';
import { cudaOrSkipReason } from './device.js';

const skip = (await cudaOrSkipReason()) !== null;
afterAll(async () => {
  if (!skip) setTF32(false);
  await tf.setBackend('cpu');
});

const ops = { fused: basisLinear, generic: genericBasisLinear, initialState };
const gaussian = (numCenters: number): BasisConfig => ({ name: 'gaussian', numCenters });
const CASES: FusedCase[] = [
  ...fusedCases(),
  { config: gaussian(20), shape: { inFeatures: 19, out: 70, batch: 150 } },
  { config: gaussian(64), shape: { inFeatures: 5, out: 33, batch: 40 } },
  { config: gaussian(8), shape: { inFeatures: 150, out: 300, batch: 520 } },
  { config: gaussian(8), shape: { inFeatures: 100, out: 64, batch: 1000 } }, // dW split over the batch
];

describe('the SiLU base branch crossover on cuda (registered on import, no device needed)', () => {
  it('takes the fused op up to batch·in·out = FUSED_BASE_MAX_PRODUCT, and cuBLAS above', () => {
    expect(4096 * 1024 * 16).toBe(FUSED_BASE_MAX_PRODUCT);
    expect(useFusedBase('cuda', { batch: 4096, inFeatures: 1024, outFeatures: 16 })).toBe(true);
    expect(useFusedBase('cuda', { batch: 4096, inFeatures: 1024, outFeatures: 17 })).toBe(false);
  });
});

describe.skipIf(skip)('fused basisLinear on cuda', () => {
  it('registers the fused kernels for bases with a CUDA snippet', () => {
    expect(hasFusedBasisLinear('cuda', createBasis('gaussian', 3))).toBe(true);
    expect(hasFusedBasisLinear('cuda', createBasis('bspline', 3))).toBe(true);
  });

  for (const [n, { config, shape }] of CASES.entries()) {
    it(`agrees with the composition: ${JSON.stringify(config)}, in ${shape.inFeatures}, out ${shape.out}, batch ${shape.batch}`, async () => {
      await tf.setBackend('cuda');
      const errors = await fusedAgainstGeneric(ops, createBasis(config, shape.inFeatures), shape, n);
      expect(errors.y).toBeLessThanOrEqual(1e-5);
      expect(errors.dx).toBeLessThanOrEqual(1e-4);
      expect(errors.dw).toBeLessThanOrEqual(1e-4);
    });
  }
});

describe.skipIf(skip)('the SiLU base branch as a fused basisLinear on cuda (siluBasis, K = 1)', () => {
  for (const [n, shape] of SILU_SHAPES.entries()) {
    it(`agrees with matMul(silu(x), W): in ${shape.inFeatures}, out ${shape.out}, batch ${shape.batch}`, async () => {
      await tf.setBackend('cuda');
      const errors = await fusedAgainstGeneric(ops, siluBasis(shape.inFeatures), shape, 100 + n);
      expect(errors.y).toBeLessThanOrEqual(1e-5);
      expect(errors.dx).toBeLessThanOrEqual(1e-4);
      expect(errors.dw).toBeLessThanOrEqual(1e-4);
    });
  }
});

describe.skipIf(skip)('fused basisLinear on cuda in TF32 mode', () => {
  // Tensor cores round both operands to TF32 (10 mantissa bits): compare with the fp32 composition at 5e-3.
  const tf32 = { ...ops, setup: (fused: boolean) => setTF32(fused) };
  for (const [n, { config, shape }] of CASES.entries()) {
    if (n % 3 !== 0 && shape.batch < 100) continue; // every third small case, and every large one
    it(`agrees with the fp32 composition to 5e-3: ${JSON.stringify(config)}, in ${shape.inFeatures}, out ${shape.out}, batch ${shape.batch}`, async () => {
      await tf.setBackend('cuda');
      const errors = await fusedAgainstGeneric(tf32, createBasis(config, shape.inFeatures), shape, n);
      setTF32(false);
      expect(errors.y).toBeLessThanOrEqual(5e-3);
      expect(errors.dx).toBeLessThanOrEqual(5e-3);
      expect(errors.dw).toBeLessThanOrEqual(5e-3);
    });
  }
});
