// A basis with trainable state never takes the fused basis-linear kernels (they give no gradient for the state):
// hasFusedBasisLinear answers false on a backend that would fuse it, with one console warning per backend and basis.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Basis } from '@kanjs/basis-core';
import { hasFusedBasisLinear, registerFusedBasisLinear } from '@kanjs/kernels';

/** A basis of 4 functions with one state tensor `centres` [4], trainable or not (evaluate is never called here). */
function basisOf(name: string, trainable: boolean): Basis {
  return {
    name,
    inFeatures: 3,
    size: 4,
    domain: [-1, 1],
    config: { name },
    stateSpecs: [{ name: 'centres', shape: [4], initial: () => new Float32Array(4), trainable }],
    evaluate: (x) => tf.zeros([x.shape[0], 3, 4]),
    kernels: { wgsl: 'fn kan_basis() {}', cuda: '__device__ void kan_basis() {}' },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hasFusedBasisLinear for a basis with trainable state', () => {
  it('routes it to the generic path with one warning per backend and basis, naming the state', () => {
    registerFusedBasisLinear('routing-test', () => true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(hasFusedBasisLinear('routing-test', basisOf('fixed', false))).toBe(true);
    expect(warn).not.toHaveBeenCalled();
    const learned = basisOf('learned', true);
    expect(hasFusedBasisLinear('routing-test', learned)).toBe(false);
    expect(hasFusedBasisLinear('routing-test', learned)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toBe(
      'kanjs: the learned basis has trainable state (centres), whose gradient the fused routing-test kernels do not give, so it runs the generic path (evaluate + matMul) on routing-test.',
    );
  });

  it('stays quiet on a backend that fuses nothing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(hasFusedBasisLinear('no-such-backend', basisOf('learned-elsewhere', true))).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });
});
