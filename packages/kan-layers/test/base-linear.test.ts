// The base branch activation(x)·W: SiLU as a one-function basis (siluBasis), checked against float64, and the
// dispatch of baseLinear: the plain matMul where the backend does not fuse the silu basis, the fused
// KanBasisLinear kernel (and its registered gradient) where it does. The fused kernels here are plain JS on the
// cpu backend, written from the float64 formulas; the CUDA and WGSL snippets are checked on their backends.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Basis } from '@kanjs/basis-core';
import { BASIS_LINEAR_KERNELS, registerFusedBasisLinear, setFusedBaseCrossover, siluBasis } from '@kanjs/kernels';
import { FastKANLayer, KANLinear, baseLinear } from '@kanjs/kan-layers';
import { relativeError, rng, uniform } from '@kanjs/testing';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const silu64 = (v: number) => v * sigmoid(v);
const siluDeriv64 = (v: number) => sigmoid(v) * (1 + v * (1 - sigmoid(v)));

function inputs(batch: number, inFeatures: number, out: number, seed: number) {
  const random = rng(seed);
  const x = Float32Array.from(uniform(random, batch * inFeatures, -6, 6));
  const w = Float32Array.from(uniform(random, inFeatures * out));
  const r = Float32Array.from(uniform(random, batch * out));
  return { x, w, r };
}

/** y = silu(x)·W, dx = silu'(x) ⊙ ((r)·Wᵀ), dW = silu(x)ᵀ·r in float64: the gradients of Σ y ⊙ r. */
function reference(x: Float32Array, w: Float32Array, r: Float32Array, B: number, I: number, O: number) {
  const y = new Float64Array(B * O);
  const dx = new Float64Array(B * I);
  const dw = new Float64Array(I * O);
  for (let b = 0; b < B; b++) for (let i = 0; i < I; i++) {
    const v = x[b * I + i]!;
    for (let o = 0; o < O; o++) {
      y[b * O + o]! += silu64(v) * w[i * O + o]!;
      dx[b * I + i]! += siluDeriv64(v) * w[i * O + o]! * r[b * O + o]!;
      dw[i * O + o]! += silu64(v) * r[b * O + o]!;
    }
  }
  return { y, dx, dw };
}

async function valueAndGrads(B: number, I: number, O: number, seed: number) {
  const { x, w, r } = inputs(B, I, O, seed);
  const [xt, wt, rt] = [tf.tensor2d(x, [B, I]), tf.tensor2d(w, [I, O]), tf.tensor2d(r, [B, O])];
  const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(baseLinear(a as tf.Tensor2D, b as tf.Tensor2D, 'silu'), rt));
  const profile = await tf.profile(() => {
    const [dx, dw] = tf.grads(f)([xt, wt]);
    return [baseLinear(xt, wt, 'silu'), dx!, dw!];
  });
  const [y, dx, dw] = (profile.result as tf.Tensor[]).map((t) => t.dataSync() as Float32Array);
  tf.dispose([xt, wt, rt, ...(profile.result as tf.Tensor[])]);
  return { got: { y: y!, dx: dx!, dw: dw! }, want: reference(x, w, r, B, I, O), kernels: profile.kernels.map((k) => k.name) };
}

describe('siluBasis', () => {
  it('is one function per input, x·σ(x), as float64 computes it', () => {
    const basis = siluBasis(3);
    expect(basis.size).toBe(1);
    expect(basis.stateSpecs).toEqual([]);
    expect(siluBasis(3)).toBe(basis); // one object per width, so that backends compile its kernels once
    const xs = Float32Array.from(uniform(rng(1), 3 * 5, -8, 8));
    const values = tf.tidy(() => basis.evaluate(tf.tensor2d(xs, [5, 3]), {}));
    expect(values.shape).toEqual([5, 3, 1]);
    expect(relativeError(values.dataSync(), Float64Array.from(xs, silu64))).toBeLessThanOrEqual(1e-6);
    values.dispose();
  });

  it('has CUDA and WGSL snippets for the fused kernels', () => {
    expect(siluBasis(2).kernels?.cuda).toContain('kan_basis_deriv');
    expect(siluBasis(2).kernels?.wgsl).toContain('kan_basis_deriv');
  });
});

describe('baseLinear without fused kernels', () => {
  it('is matMul(silu(x), W), forward and gradients, against float64', async () => {
    const { got, want, kernels } = await valueAndGrads(7, 5, 3, 2);
    expect(kernels).toContain('BatchMatMul');
    expect(kernels).not.toContain(BASIS_LINEAR_KERNELS.forward);
    expect(relativeError(got.y, want.y)).toBeLessThanOrEqual(1e-5);
    expect(relativeError(got.dx, want.dx)).toBeLessThanOrEqual(1e-5);
    expect(relativeError(got.dw, want.dw)).toBeLessThanOrEqual(1e-5);
  });

  it('applies the other activations before the product', () => {
    const x = tf.tensor2d([[-1, 2]]);
    const w = tf.tensor2d([[1], [10]]);
    expect(Array.from(baseLinear(x, w, 'relu').dataSync())).toEqual([20]);
    expect(Array.from(baseLinear(x, w, 'linear').dataSync())).toEqual([19]);
    tf.dispose([x, w]);
  });
});

/** The crossover this test backend declares: the largest batch·in·out whose SiLU base branch takes the fused op. */
const FUSED_BASE_MAX_PRODUCT = 2 ** 26;

/** The three fused kernels for the silu basis in plain JS (float64 sums) on the cpu backend. */
function registerJsSiluKernels(): void {
  type Backend = { readSync(dataId: unknown): Float32Array; makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo };
  const read = (backend: unknown, t: tf.TensorInfo) => (backend as Backend).readSync(t.dataId);
  const make = (backend: unknown, shape: number[], values: ArrayLike<number>) => (backend as Backend).makeTensorInfo(shape, 'float32', Float32Array.from(values));
  const kernel = (name: string, run: (inputs: tf.TensorInfo[], backend: unknown) => tf.TensorInfo) =>
    tf.registerKernel({ kernelName: name, backendName: 'cpu', kernelFunc: ({ inputs, backend }) => run(inputs as unknown as tf.TensorInfo[], backend) });
  kernel(BASIS_LINEAR_KERNELS.forward, ([x, w], backend) => {
    const [B, I] = x!.shape as [number, number];
    const O = w!.shape[1]!;
    const [xs, ws] = [read(backend, x!), read(backend, w!)];
    const y = new Float64Array(B * O);
    for (let b = 0; b < B; b++) for (let i = 0; i < I; i++) for (let o = 0; o < O; o++) y[b * O + o]! += silu64(xs[b * I + i]!) * ws[i * O + o]!;
    return make(backend, [B, O], y);
  });
  kernel(BASIS_LINEAR_KERNELS.gradInput, ([dy, x, w], backend) => {
    const [B, I] = x!.shape as [number, number];
    const O = w!.shape[1]!;
    const [dys, xs, ws] = [read(backend, dy!), read(backend, x!), read(backend, w!)];
    const dx = new Float64Array(B * I);
    for (let b = 0; b < B; b++) for (let i = 0; i < I; i++) for (let o = 0; o < O; o++) dx[b * I + i]! += siluDeriv64(xs[b * I + i]!) * ws[i * O + o]! * dys[b * O + o]!;
    return make(backend, [B, I], dx);
  });
  kernel(BASIS_LINEAR_KERNELS.gradWeight, ([dy, x], backend) => {
    const [B, I] = x!.shape as [number, number];
    const O = dy!.shape[1]!;
    const [dys, xs] = [read(backend, dy!), read(backend, x!)];
    const dw = new Float64Array(I * O);
    for (let b = 0; b < B; b++) for (let i = 0; i < I; i++) for (let o = 0; o < O; o++) dw[i * O + o]! += silu64(xs[b * I + i]!) * dys[b * O + o]!;
    return make(backend, [I, O], dw);
  });
  registerFusedBasisLinear('cpu', (basis: Basis) => basis.name === 'silu');
  setFusedBaseCrossover('cpu', ({ batch, inFeatures, outFeatures }) => batch * inFeatures * outFeatures <= FUSED_BASE_MAX_PRODUCT);
}

describe('baseLinear on a backend that fuses the silu basis', () => {
  beforeAll(registerJsSiluKernels);
  afterAll(() => {
    registerFusedBasisLinear('cpu', () => false);
    setFusedBaseCrossover('cpu', () => true);
    for (const name of Object.values(BASIS_LINEAR_KERNELS)) tf.unregisterKernel(name, 'cpu');
  });

  it('runs KanBasisLinear and its fused gradients, with no BatchMatMul or Sigmoid, and matches float64', async () => {
    const { got, want, kernels } = await valueAndGrads(9, 4, 6, 3);
    expect(kernels).toContain(BASIS_LINEAR_KERNELS.forward);
    expect(kernels).toContain(BASIS_LINEAR_KERNELS.gradInput);
    expect(kernels).toContain(BASIS_LINEAR_KERNELS.gradWeight);
    expect(kernels).not.toContain('BatchMatMul');
    expect(kernels).not.toContain('Sigmoid');
    expect(relativeError(got.y, want.y)).toBeLessThanOrEqual(1e-6);
    expect(relativeError(got.dx, want.dx)).toBeLessThanOrEqual(1e-6);
    expect(relativeError(got.dw, want.dw)).toBeLessThanOrEqual(1e-6);
  });

  it("leaves products above the backend's crossover (FUSED_BASE_MAX_PRODUCT here) to matMul, where the GPU libraries are faster", async () => {
    const [batch, inFeatures, out] = [2048, 2048, 17];
    expect(batch * inFeatures * out).toBeGreaterThan(FUSED_BASE_MAX_PRODUCT);
    const x = tf.zeros([batch, inFeatures]) as tf.Tensor2D;
    const w = tf.zeros([inFeatures, out]) as tf.Tensor2D;
    const small = tf.zeros([8, inFeatures]) as tf.Tensor2D;
    const large = await tf.profile(() => baseLinear(x, w, 'silu'));
    expect(large.kernels.map((k) => k.name)).toContain('BatchMatMul');
    const fused = await tf.profile(() => baseLinear(small, w, 'silu'));
    expect(fused.kernels.map((k) => k.name)).toContain(BASIS_LINEAR_KERNELS.forward);
    tf.dispose([x, w, small, large.result as tf.Tensor, fused.result as tf.Tensor]);
  });

  it('leaves a ReLU base branch on matMul', async () => {
    const x = tf.tensor2d([[-1, 2]]);
    const w = tf.tensor2d([[1], [10]]);
    const profile = await tf.profile(() => baseLinear(x, w, 'relu'));
    expect(profile.kernels.map((k) => k.name)).toContain('BatchMatMul');
    tf.dispose([x, w, profile.result as tf.Tensor]);
  });

  it('gives the same layer outputs as the plain path, for both layer kinds', () => {
    const x = tf.tensor2d(Float32Array.from(uniform(rng(4), 5 * 6, -2, 2)), [5, 6]);
    for (const Layer of [FastKANLayer, KANLinear]) {
      // FastKAN's spline branch over the gaussian basis is not fused on this backend; its base branch is.
      const layer = new Layer({ units: 3, seed: 1 });
      const fused = layer.apply(x) as tf.Tensor;
      registerFusedBasisLinear('cpu', () => false);
      const plain = layer.apply(x) as tf.Tensor;
      registerFusedBasisLinear('cpu', (basis: Basis) => basis.name === 'silu');
      expect(relativeError(fused.dataSync(), plain.dataSync())).toBeLessThanOrEqual(1e-6);
      tf.dispose([fused, plain]);
    }
    x.dispose();
  });
});
