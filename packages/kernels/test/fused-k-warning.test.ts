// A basis above a backend's MAX_FUSED_K runs the generic path there, with one console warning per basis.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Basis } from '@kanjs/basis-core';
import { MAX_FUSED_K, hasFusedBasisLinear, registerFusedBasisLinear } from '@kanjs/kernels';

/** A basis of `size` functions per input with the given snippets (evaluate is never called here). */
function basisOf(name: string, size: number, kernels: Basis['kernels']): Basis {
  return {
    name,
    inFeatures: 3,
    size,
    domain: [-1, 1],
    config: { name },
    stateSpecs: [],
    evaluate: (x) => tf.zeros([x.shape[0], 3, size]),
    ...(kernels === undefined ? {} : { kernels }),
  };
}

const snippets = { wgsl: 'fn kan_basis() {}', cuda: '__device__ void kan_basis() {}' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hasFusedBasisLinear above MAX_FUSED_K', () => {
  it('warns once per backend and basis, naming K and the limit, and answers false', () => {
    for (const backend of ['webgpu', 'cuda'] as const) {
      registerFusedBasisLinear(backend, (basis) => basis.kernels !== undefined && basis.size <= MAX_FUSED_K[backend]);
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const big = basisOf('wide', MAX_FUSED_K.webgpu + 4, snippets);
    expect(hasFusedBasisLinear('webgpu', big)).toBe(false);
    expect(hasFusedBasisLinear('webgpu', big)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toBe(
      `kanjs: the wide basis has K = ${MAX_FUSED_K.webgpu + 4} functions per input; the fused webgpu kernels take K ≤ ${MAX_FUSED_K.webgpu}, so it runs the generic path (evaluate + matMul) on webgpu.`,
    );
    // cuda takes K = 20: fused there, no warning.
    expect(hasFusedBasisLinear('cuda', big)).toBe(true);
    const huge = basisOf('wide', MAX_FUSED_K.cuda + 1, snippets);
    expect(hasFusedBasisLinear('cuda', huge)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1]![0]).toContain(`the fused cuda kernels take K ≤ ${MAX_FUSED_K.cuda}`);
  });

  it('stays quiet where the basis has no snippet for the backend, or the backend fuses nothing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(hasFusedBasisLinear('webgpu', basisOf('plain', 40, undefined))).toBe(false);
    expect(hasFusedBasisLinear('webgpu', basisOf('cuda-only', 40, { cuda: snippets.cuda }))).toBe(false);
    expect(hasFusedBasisLinear('cpu', basisOf('wide-cpu', 40, snippets))).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });
});
