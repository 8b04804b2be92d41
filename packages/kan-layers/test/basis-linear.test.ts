import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBasis, type Basis } from '@kanjs/basis-core';
import { BASIS_LINEAR_KERNELS, registerFusedBasisLinear } from '@kanjs/kernels';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { gaussianValues, relativeError, rng, uniform } from '@kanjs/testing';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

/** y[b, o] = Σᵢ Σₖ Bₖ(x[b, i]) · W[i·K + k, o] in float64, for the gaussian basis. */
function reference(x: Float64Array, w: Float64Array, batch: number, inFeatures: number, out: number, centres: ArrayLike<number>, h: number): Float64Array {
  const K = centres.length;
  const y = new Float64Array(batch * out);
  for (let b = 0; b < batch; b++) for (let i = 0; i < inFeatures; i++) {
    const phi = gaussianValues(x[b * inFeatures + i]!, centres, h);
    for (let k = 0; k < K; k++) for (let o = 0; o < out; o++) y[b * out + o]! += phi[k]! * w[(i * K + k) * out + o]!;
  }
  return y;
}

describe('basisLinear', () => {
  it('computes Σᵢ Σₖ Bₖ(x[b, i]) · W[i·K + k, o] with the row order i·K + k', () => {
    const [batch, inFeatures, out] = [5, 4, 3];
    const basis = createBasis({ name: 'gaussian', numCenters: 5 }, inFeatures);
    const random = rng(1);
    const x = uniform(random, batch * inFeatures, -2, 2);
    const w = uniform(random, inFeatures * 5 * out);
    const y = tf.tidy(() => basisLinear(tf.tensor2d(Float32Array.from(x), [batch, inFeatures]), tf.tensor2d(Float32Array.from(w), [inFeatures * 5, out]), basis).dataSync());
    const centres = basis.stateSpecs[0]!.initial();
    expect(relativeError(y, reference(x, w, batch, inFeatures, out, centres, 1))).toBeLessThanOrEqual(1e-5);
  });

  it('names the expected and found shapes', () => {
    const basis = createBasis('gaussian', 4);
    const w = tf.zeros([32, 2]) as tf.Tensor2D;
    expect(() => basisLinear(tf.zeros([3, 5]) as tf.Tensor2D, w, basis)).toThrow('basisLinear: x must be [batch, 4], got [3, 5].');
    expect(() => basisLinear(tf.zeros([3, 4]) as tf.Tensor2D, tf.zeros([31, 2]) as tf.Tensor2D, basis)).toThrow(
      'basisLinear: weight must be [32, out] (in·K = 4·8), got [31, 2].',
    );
    w.dispose();
  });

  it('leaves no tensors behind', () => {
    const basis = createBasis('bspline', 3);
    const x = tf.ones([2, 3]) as tf.Tensor2D;
    const w = tf.ones([24, 2]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    basisLinear(x, w, basis).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
  });
});

/**
 * A plain-JS fused implementation of the three kernels on the cpu backend, for the gaussian basis: it checks
 * the dispatch to `KanBasisLinear` and its registered gradient, which the GPU backends' fused kernels use.
 */
function registerJsFusedKernels(): void {
  type Backend = { readSync(dataId: unknown): Float32Array; makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo };
  const values = (backend: unknown, t: tf.TensorInfo) => (backend as Backend).readSync(t.dataId);
  const phi = (basis: Basis, centres: Float32Array, v: number) => {
    const h = basis.config['denominator'] as number;
    return Array.from(centres, (c) => {
      const z = (v - c) / h;
      const e = Math.exp(-z * z);
      return [e, (-2 * z * e) / h] as const;
    });
  };
  const kernel = (name: string, run: (inputs: tf.TensorInfo[], basis: Basis, backend: unknown) => tf.TensorInfo) =>
    tf.registerKernel({ kernelName: name, backendName: 'cpu', kernelFunc: ({ inputs, attrs, backend }) => run(inputs as unknown as tf.TensorInfo[], (attrs as unknown as { basis: Basis }).basis, backend) });
  kernel(BASIS_LINEAR_KERNELS.forward, ([x, w, grid], basis, backend) => {
    const [B, I] = x!.shape as [number, number];
    const O = w!.shape[1]!;
    const [xs, ws, cs] = [values(backend, x!), values(backend, w!), values(backend, grid!)];
    const y = new Float32Array(B * O);
    for (let b = 0; b < B; b++) for (let i = 0; i < I; i++) phi(basis, cs, xs[b * I + i]!).forEach(([v], k) => {
      for (let o = 0; o < O; o++) y[b * O + o]! += v * ws[(i * cs.length + k) * O + o]!;
    });
    return (backend as Backend).makeTensorInfo([B, O], 'float32', y);
  });
  kernel(BASIS_LINEAR_KERNELS.gradInput, ([dy, x, w, grid], basis, backend) => {
    const [B, I] = x!.shape as [number, number];
    const O = w!.shape[1]!;
    const [dys, xs, ws, cs] = [values(backend, dy!), values(backend, x!), values(backend, w!), values(backend, grid!)];
    const dx = new Float32Array(B * I);
    for (let b = 0; b < B; b++) for (let i = 0; i < I; i++) phi(basis, cs, xs[b * I + i]!).forEach(([, d], k) => {
      for (let o = 0; o < O; o++) dx[b * I + i]! += d * ws[(i * cs.length + k) * O + o]! * dys[b * O + o]!;
    });
    return (backend as Backend).makeTensorInfo([B, I], 'float32', dx);
  });
  kernel(BASIS_LINEAR_KERNELS.gradWeight, ([dy, x, grid], basis, backend) => {
    const [B, I] = x!.shape as [number, number];
    const O = dy!.shape[1]!;
    const [dys, xs, cs] = [values(backend, dy!), values(backend, x!), values(backend, grid!)];
    const dw = new Float32Array(I * cs.length * O);
    for (let b = 0; b < B; b++) for (let i = 0; i < I; i++) phi(basis, cs, xs[b * I + i]!).forEach(([v], k) => {
      for (let o = 0; o < O; o++) dw[(i * cs.length + k) * O + o]! += v * dys[b * O + o]!;
    });
    return (backend as Backend).makeTensorInfo([I * cs.length, O], 'float32', dw);
  });
  registerFusedBasisLinear('cpu', (basis) => basis.name === 'gaussian');
}

describe('basisLinear on a backend with fused kernels', () => {
  beforeAll(registerJsFusedKernels);
  afterAll(() => {
    registerFusedBasisLinear('cpu', () => false);
    for (const name of Object.values(BASIS_LINEAR_KERNELS)) tf.unregisterKernel(name, 'cpu');
  });

  it('runs the KanBasisLinear kernel, not the composition, and its registered gradient matches autodiff of the composition', async () => {
    const [batch, inFeatures, out] = [6, 3, 4];
    const basis = createBasis({ name: 'gaussian', numCenters: 5 }, inFeatures);
    const random = rng(2);
    const x = tf.tensor2d(Float32Array.from(uniform(random, batch * inFeatures, -2, 2)), [batch, inFeatures]);
    const w = tf.tensor2d(Float32Array.from(uniform(random, inFeatures * 5 * out)), [inFeatures * 5, out]);
    const r = tf.tensor2d(Float32Array.from(uniform(random, batch * out)), [batch, out]);
    const state = initialState(basis);

    const profile = await tf.profile(() => basisLinear(x, w, basis, state));
    const kernels = profile.kernels.map((k) => k.name);
    expect(kernels).toContain('KanBasisLinear');
    expect(kernels).not.toContain('BatchMatMul');
    tf.dispose(profile.result);

    const fusedGrads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(basisLinear(a as tf.Tensor2D, b as tf.Tensor2D, basis, state), r)))([x, w]);
    const genericGrads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(genericBasisLinear(a as tf.Tensor2D, b as tf.Tensor2D, basis, state), r)))([x, w]);
    expect(relativeError(basisLinear(x, w, basis, state).dataSync(), genericBasisLinear(x, w, basis, state).dataSync())).toBeLessThanOrEqual(1e-5);
    expect(relativeError(fusedGrads[0]!.dataSync(), genericGrads[0]!.dataSync())).toBeLessThanOrEqual(1e-4);
    expect(relativeError(fusedGrads[1]!.dataSync(), genericGrads[1]!.dataSync())).toBeLessThanOrEqual(1e-4);

    // A basis the backend does not fuse takes the composition.
    const bspline = createBasis('bspline', inFeatures);
    const bsplineProfile = await tf.profile(() => basisLinear(x, tf.ones([inFeatures * 8, out]) as tf.Tensor2D, bspline));
    expect(bsplineProfile.kernels.map((k) => k.name)).toContain('BatchMatMul');
    tf.dispose([x, w, r, ...Object.values(state), ...fusedGrads, ...genericGrads, bsplineProfile.result]);
  });
});
