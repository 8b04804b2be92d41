// Which bases the fused kernels on webgpu can take, declared without starting a device (the base-branch crossover,
// which needs the SiLU snippet checked on a device, is in basis-linear.test.ts).
import '@kanjs/kan-layers';
import { describe, expect, it } from 'vitest';
import { createBasis } from '@kanjs/basis-core';
import { MAX_FUSED_K, hasFusedBasisLinear } from '@kanjs/kernels';
import { declareFusedBasisLinear, supportsBasis } from '../src/kernels/basis-linear.js';

declareFusedBasisLinear();

describe('the fused basis-linear kernels on webgpu', () => {
  it('take bases with a WGSL snippet up to K = MAX_FUSED_K.webgpu, once the snippet has compiled on a device', () => {
    expect(supportsBasis(createBasis({ name: 'gaussian', numCenters: MAX_FUSED_K.webgpu }, 3))).toBe(true);
    expect(supportsBasis(createBasis({ name: 'gaussian', numCenters: MAX_FUSED_K.webgpu + 1 }, 3))).toBe(false);
    expect(supportsBasis(createBasis('bspline', 3))).toBe(true);
    // No device here, so no snippet has been checked: basisLinear would run the generic path.
    expect(hasFusedBasisLinear('webgpu', createBasis('bspline', 3))).toBe(false);
  });
});
