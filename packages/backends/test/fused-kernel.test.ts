// hasFusedKernel: which path a basis takes on a backend, by the backend's own declaration (and its K limit).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it, vi } from 'vitest';
import '@kanjs/basis-gaussian/register';
import { createBasis } from '@kanjs/basis-core';
import { MAX_FUSED_K, hasFusedBasisLinear, registerFusedBasisLinear } from '@kanjs/kernels';
import { hasFusedKernel } from '@kanjs/backends';

describe('hasFusedKernel', () => {
  it("answers what a backend declared for the basis, on the named backend or the active one", async () => {
    registerFusedBasisLinear('probe-gaussian', (basis) => basis.name === 'gaussian' && basis.size <= 8);
    expect(hasFusedKernel(createBasis('gaussian', 3), 'probe-gaussian')).toBe(true);
    expect(hasFusedKernel(createBasis({ name: 'gaussian', numCenters: 9 }, 3), 'probe-gaussian')).toBe(false);
    expect(hasFusedKernel(createBasis('gaussian', 3), 'probe-nothing')).toBe(false);
    await tf.setBackend('cpu');
    const basis = createBasis('gaussian', 3);
    expect(hasFusedKernel(basis)).toBe(hasFusedBasisLinear('cpu', basis));
  });

  it('is false, with one warning, for a basis above the backend’s MAX_FUSED_K', () => {
    registerFusedBasisLinear('webgpu', (basis) => basis.size <= MAX_FUSED_K.webgpu);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const wide = createBasis({ name: 'gaussian', numCenters: MAX_FUSED_K.webgpu + 1 }, 3);
    expect(hasFusedKernel(wide, 'webgpu')).toBe(false);
    expect(hasFusedKernel(wide, 'webgpu')).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain(`the gaussian basis has K = ${MAX_FUSED_K.webgpu + 1} functions per input`);
    warn.mockRestore();
  });
});
