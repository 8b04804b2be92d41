import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Basis, BasisKernelSnippets } from '@kanjs/basis-core';
import {
  compileCudaSnippet,
  cudaHarnessSource,
  packState,
  snippetErrors,
  snippetHarnesses,
  unavailable,
  wgslHarnessSource,
} from '@kanjs/testing';

const { wgsl, cuda } = await snippetHarnesses();

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Bₖ(x) = wᵢ·xᵏ·C for input i, k = 0..2: state w [in] (scaled by a float constant C), or no state at all. */
function powers(kernels: BasisKernelSnippets, withState = true): Basis {
  return {
    name: 'powers',
    inFeatures: 2,
    size: 3,
    domain: [-1, 1],
    config: { name: 'powers' },
    stateSpecs: withState ? [{ name: 'w', shape: [2], initial: () => Float32Array.from([2, -0.5]) }] : [],
    evaluate: (x, state) =>
      tf.tidy(() => {
        const xs = tf.expandDims(x, 2);
        const values = tf.concat([tf.onesLike(xs), xs, tf.square(xs)], 2);
        return (withState ? tf.mul(tf.mul(values, tf.reshape(state['w']!, [1, 2, 1])), 0.25) : values) as tf.Tensor3D;
      }),
    kernels,
  };
}

const scaled: BasisKernelSnippets = {
  wgsl: `
fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  var p = kan_state(feature) * SCALE;
  for (var k = 0u; k < KAN_K; k++) { (*values)[k] = p; p = p * x; }
}
fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  var p = kan_state(feature) * SCALE;
  (*derivs)[0] = 0.0;
  for (var k = 1u; k < KAN_K; k++) { (*derivs)[k] = f32(k) * p; p = p * x; }
}`,
  cuda: `
__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  float p = state[feature] * SCALE;
  for (int k = 0; k < KAN_K; k++) { values[k] = p; p *= x; }
}
__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  float p = state[feature] * SCALE;
  derivs[0] = 0.0f;
  for (int k = 1; k < KAN_K; k++) { derivs[k] = k * p; p *= x; }
}`,
  constants: { SCALE: 0.25, UNUSED_INT: 3 },
};

describe('snippet templates', () => {
  it('emit KAN_K and the constants before the snippet', () => {
    const basis = powers(scaled);
    expect(wgslHarnessSource(basis)).toMatch(/^const KAN_K = 3u;\nconst SCALE = 0\.25;\nconst UNUSED_INT = 3;\n/);
    expect(cudaHarnessSource(basis)).toContain('#define KAN_K 3\n#define SCALE 0.25f\n#define UNUSED_INT 3\n');
  });

  it('pack the state row-major in stateSpecs order and check its size', () => {
    const basis: Basis = {
      ...powers(scaled),
      stateSpecs: [
        { name: 'b', shape: [2, 2], initial: () => new Float32Array(4) },
        { name: 'a', shape: [1], initial: () => new Float32Array(1) },
      ],
    };
    expect([...packState(basis, { a: Float32Array.of(9), b: Float32Array.of(1, 2, 3, 4) })]).toEqual([1, 2, 3, 4, 9]);
    expect(() => packState(basis, { a: Float32Array.of(9), b: Float32Array.of(1) })).toThrow('packState: powers state "b" needs 4 values [2, 2], got 1.');
    expect(() => packState(basis, { b: new Float32Array(4) })).toThrow('packState: powers state "a" needs 1 values [1], got none.');
  });

  it('skip with the reason printed, or fail under CI=true when the harness must run there', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubEnv('CI', '');
    expect(unavailable('X', 'no device', true)).toBeNull();
    expect(warn).toHaveBeenCalledWith('X unavailable: no device; skipping its tests.');
    vi.stubEnv('CI', 'true');
    expect(() => unavailable('X', 'no device', true)).toThrow('X unavailable: no device (CI=true, so this fails instead of skipping).');
    expect(unavailable('X', 'no nvcc', false)).toBeNull();
  });
});

describe.skipIf(wgsl === null)('WGSL harness', () => {
  it('runs a snippet with state and float constants, and agrees with evaluate and autodiff', async () => {
    const basis = powers(scaled);
    const state = { w: Float32Array.from([2, -0.5]) };
    const x = Float32Array.from([0, 0, 1, 1, -1.5, 0.75, 3, -2]);
    const out = await wgsl!.evaluate(basis, state, x);
    expect([...out.values.subarray(15, 18)]).toEqual([-0.125, -0.09375, -0.0703125]); // x[2, 1] = 0.75, w₁ = −0.5
    const errors = snippetErrors(basis, state, x, out);
    expect(errors.values).toBe(0);
    expect(errors.derivs).toBeLessThanOrEqual(1e-7);
  });

  it('runs a snippet that reads no state (the state binding stays in the layout)', async () => {
    const snippet: BasisKernelSnippets = {
      wgsl: `
fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  (*values)[0] = 1.0; (*values)[1] = x; (*values)[2] = x * x;
}
fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  (*derivs)[0] = 0.0; (*derivs)[1] = 1.0; (*derivs)[2] = 2.0 * x;
}`,
    };
    const out = await wgsl!.evaluate(powers(snippet, false), {}, Float32Array.from([3, -2]));
    expect([...out.values]).toEqual([1, 3, 9, 1, -2, 4]);
    expect([...out.derivs]).toEqual([0, 1, 6, 0, 1, -4]);
  });

  it('reports a snippet that does not compile with the line and the message', async () => {
    const broken = powers({ wgsl: 'fn kan_basis(x: f32) -> f32 { return y; }' });
    await expect(wgsl!.evaluate(broken, { w: new Float32Array(2) }, new Float32Array(2))).rejects.toThrow(/The powers WGSL snippet does not compile:\n {2}line \d+: .*y/);
  });
});

describe.skipIf(cuda === null)('CUDA harness', () => {
  it('compiles a snippet, and reports one that does not compile with nvcc’s messages', () => {
    compileCudaSnippet(powers(scaled), { nvcc: cuda!.nvcc });
    const broken = powers({ cuda: '__device__ void kan_basis(float x) { return y; }' });
    expect(() => compileCudaSnippet(broken, { nvcc: cuda!.nvcc })).toThrow(/The powers CUDA snippet does not compile[^]*identifier "y" is undefined/);
  });
});
