// A contract's kernels as tfjs KernelConfigs for one backend.
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { LAYER_NORM_KERNELS, kernelConfigs } from '@kanjs/kernels';

describe('kernelConfigs', () => {
  it('gives each kernel of the contract its name, the backend and the function of the same key', () => {
    const funcs = Object.fromEntries(Object.keys(LAYER_NORM_KERNELS).map((key) => [key, (() => ({})) as unknown as KernelFunc])) as Record<keyof typeof LAYER_NORM_KERNELS, KernelFunc>;
    const configs = kernelConfigs(LAYER_NORM_KERNELS, 'probe', funcs);
    expect(configs.map((c) => [c.kernelName, c.backendName])).toEqual([
      ['KanLayerNorm', 'probe'],
      ['KanLayerNormGradInput', 'probe'],
      ['KanLayerNormGradGamma', 'probe'],
      ['KanLayerNormGradBeta', 'probe'],
    ]);
    expect(configs.map((c) => c.kernelFunc)).toEqual([funcs.forward, funcs.gradInput, funcs.gradGamma, funcs.gradBeta]);
  });
});
