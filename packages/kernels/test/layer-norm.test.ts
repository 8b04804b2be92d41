// registerFusedLayerNorm: a backend declares its fused LayerNorm, and can withdraw the declaration.
import { describe, expect, it } from 'vitest';
import { hasFusedLayerNorm, registerFusedLayerNorm } from '@kanjs/kernels';

describe('registerFusedLayerNorm', () => {
  it('declares a backend, and withdraws it with fused false', () => {
    expect(hasFusedLayerNorm('probe-layer-norm')).toBe(false);
    registerFusedLayerNorm('probe-layer-norm');
    expect(hasFusedLayerNorm('probe-layer-norm')).toBe(true);
    registerFusedLayerNorm('probe-layer-norm', false);
    expect(hasFusedLayerNorm('probe-layer-norm')).toBe(false);
  });
});
