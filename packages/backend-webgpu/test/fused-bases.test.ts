// Which bases and base-branch shapes take the fused kernels on webgpu: declared without starting a device.
import '@kanjs/kan-layers';
import { describe, expect, it } from 'vitest';
import { createBasis } from '@kanjs/basis-core';
import { MAX_FUSED_K, hasFusedBasisLinear, useFusedBase } from '@kanjs/kernels';
import { declareFusedBasisLinear, supportsBasis } from '../src/kernels/basis-linear.js';

declareFusedBasisLinear();

describe('the fused basis-linear kernels on webgpu', () => {
  it('take bases with a WGSL snippet up to K = MAX_FUSED_K.webgpu', () => {
    expect(supportsBasis(createBasis({ name: 'gaussian', numCenters: MAX_FUSED_K.webgpu }, 3))).toBe(true);
    expect(supportsBasis(createBasis({ name: 'gaussian', numCenters: MAX_FUSED_K.webgpu + 1 }, 3))).toBe(false);
    expect(hasFusedBasisLinear('webgpu', createBasis('bspline', 3))).toBe(true);
  });

  it('take the SiLU base branch up to batch·in·out = 2^26, and leave larger products to matMul', () => {
    expect(useFusedBase('webgpu', { batch: 4096, inFeatures: 1024, outFeatures: 16 })).toBe(true);
    expect(useFusedBase('webgpu', { batch: 4096, inFeatures: 1024, outFeatures: 17 })).toBe(false);
  });
});
