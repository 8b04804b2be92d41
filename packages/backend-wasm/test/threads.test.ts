// The kernels' threads (setKernelThreads): with 2 and 3 threads, the fused basis-linear products (forward, dx, dW)
// and FastKAN's whole-layer kernels give exactly the values one thread gives, bit for bit, on shapes that split
// by rows, by output columns (batch ≤ 4) and by ragged ranges of inputs, for every kind of basis the module
// computes. And the count is checked, reported, and falls back to one thread with a reason.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@kanjs/basis-gaussian/register';
import '@kanjs/basis-bspline/register';
import '@kanjs/basis-rswaf/register';
import '@kanjs/basis-chebyshev/register';
import '@kanjs/basis-fourier/register';
import '@kanjs/basis-wavelet/register';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBasis, type BasisConfig } from '@kanjs/basis-core';
import { siluBasis } from '@kanjs/kernels';
import { initialState } from '@kanjs/kan-layers';
import { rng, uniform as uniform64 } from '@kanjs/testing';
import { kernelThreads, registerWasmKernels, setKernelThreads } from '../src/index.js';
import { fusedForward, fusedGradInput, fusedGradWeight, type Operands } from '../src/kernels/fused-basis-linear.js';
import { fusedFastKANForward, fusedFastKANGrad } from '../src/kernels/fused-fastkan.js';
import { ranges } from '../src/kernels/products.js';

/** Uniform float32 values (the kernels take Float32Arrays). */
const uniform = (random: () => number, count: number, low: number, high: number) => Float32Array.from(uniform64(random, count, low, high));

const BASES: readonly BasisConfig[] = [
  { name: 'gaussian', numCenters: 8 },
  { name: 'gaussian', numCenters: 5 },
  { name: 'bspline', gridSize: 5, splineOrder: 3 },
  { name: 'rswaf', numCenters: 8 },
  { name: 'chebyshev', degree: 4 },
  { name: 'fourier', gridSize: 5 },
  { name: 'mexican-hat', numCenters: 8 },
];

/** Big enough to be threaded: rows split (batch 37), columns split (batch 3), inputs split raggedly (in 70, 200). */
const SHAPES = [
  { batch: 37, inFeatures: 70, out: 300 },
  { batch: 3, inFeatures: 200, out: 1000 },
  { batch: 64, inFeatures: 784, out: 64 },
];

async function operands(config: BasisConfig, inFeatures: number, batch: number, seed: number): Promise<Operands> {
  const basis = createBasis(config, inFeatures);
  const state = initialState(basis);
  const parts = await Promise.all(basis.stateSpecs.map((spec) => state[spec.name]!.data() as Promise<Float32Array>));
  tf.dispose(Object.values(state));
  const flat = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (flat.set(p, at), at + p.length), 0);
  return { basis, x: uniform(rng(seed), batch * inFeatures, -1.2, 1.2), batch, state: flat };
}

/** What every kernel gives, for the current thread count. */
function products(ops: Operands, out: number, seed: number) {
  const w = uniform(rng(seed + 1), ops.basis.inFeatures * ops.basis.size * out, -1, 1);
  const dy = uniform(rng(seed + 2), ops.batch * out, -1, 1);
  return { y: fusedForward(ops, w, out), dx: fusedGradInput(ops, dy, w, out), dw: fusedGradWeight(ops, dy, out) };
}

function fastkan(ops: Operands, out: number, seed: number) {
  const inF = ops.basis.inFeatures;
  const r = rng(seed + 3);
  const weights = {
    gamma: uniform(r, inF, 0.5, 1.5),
    beta: uniform(r, inF, -0.2, 0.2),
    spline: uniform(r, inF * ops.basis.size * out, -1, 1),
    base: uniform(r, inF * out, -1, 1),
    bias: uniform(r, out, -1, 1),
  };
  const dy = uniform(r, ops.batch * out, -1, 1);
  return { y: fusedFastKANForward(ops, weights, 1e-5, out), ...fusedFastKANGrad(ops, dy, weights, 1e-5, out) };
}

type Arrays = { [name: string]: Float32Array | Arrays };

/** Where `a` and `b` differ in any bit: 'name[index]' of the first differing value of each array, or its length. */
function differences(a: Arrays, b: Arrays, prefix = ''): string[] {
  return Object.keys(b).flatMap((name) => {
    const [x, y] = [a[name]!, b[name]!];
    if (!(x instanceof Float32Array) || !(y instanceof Float32Array)) return differences(x as Arrays, y as Arrays, `${prefix}${name}.`);
    if (x.length !== y.length) return [`${prefix}${name}: length ${x.length}, expected ${y.length}`];
    const [xs, ys] = [new Uint32Array(x.buffer, x.byteOffset, x.length), new Uint32Array(y.buffer, y.byteOffset, y.length)];
    const at = xs.findIndex((v, i) => v !== ys[i]);
    return at < 0 ? [] : [`${prefix}${name}[${at}]: ${x[at]}, expected ${y[at]}`];
  });
}

describe('the fused kernels on several threads', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await registerWasmKernels();
  });
  afterAll(async () => {
    await setKernelThreads(1);
  });

  it('splits ranges in whole units, near-equally, covering everything once', () => {
    expect(ranges(40, 4, 3)).toEqual([[0, 12], [12, 24], [24, 40]]);
    expect(ranges(70, 8, 2)).toEqual([[0, 32], [32, 70]]);
    expect(ranges(4, 4, 3)).toEqual([[0, 4]]);
    expect(ranges(1000, 8, 3).flat()).toEqual([0, 328, 328, 664, 664, 1000]);
  });

  it('gives one thread\'s values bit for bit with 2 and 3 threads, for every basis kind and split', async () => {
    let n = 0;
    for (const shape of SHAPES) {
      for (const config of BASES) {
        const seed = 100 + n++;
        const ops = await operands(config, shape.inFeatures, shape.batch, seed);
        const silu = { ...ops, basis: siluBasis(shape.inFeatures), state: new Float32Array(0) };
        await setKernelThreads(1);
        const one = { ...products(ops, shape.out, seed), base: products(silu, shape.out, seed) };
        for (const threads of [2, 3]) {
          expect((await setKernelThreads(threads)).threads).toBe(threads);
          const many = { ...products(ops, shape.out, seed), base: products(silu, shape.out, seed) };
          expect(differences(many, one), `${config.name} ${JSON.stringify(shape)} on ${threads} threads`).toEqual([]);
        }
      }
    }
  });

  it('gives one thread\'s FastKAN layer forward and gradients bit for bit', async () => {
    for (const [i, shape] of SHAPES.entries()) {
      const ops = await operands({ name: 'gaussian', numCenters: 8 }, shape.inFeatures, shape.batch, 7 + i);
      await setKernelThreads(1);
      const one = fastkan(ops, shape.out, i);
      await setKernelThreads(2);
      expect(differences(fastkan(ops, shape.out, i), one), JSON.stringify(shape)).toEqual([]);
    }
  });

  it('reports the count, and rejects a count that is not a positive integer', async () => {
    expect(await setKernelThreads(2)).toEqual({ threads: 2, threadsRequested: 2 });
    expect(kernelThreads().threads).toBe(2);
    expect(await setKernelThreads(1)).toEqual({ threads: 1, threadsRequested: 1 });
    expect(() => setKernelThreads(0)).toThrow('expected a positive integer number of kernel threads, got 0');
    expect(() => setKernelThreads(1.5)).toThrow('got 1.5');
  });

  it('stays on one thread, saying why, where there is no SharedArrayBuffer', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    try {
      expect(await setKernelThreads(2)).toEqual({ threads: 1, threadsRequested: 2, reason: 'this engine has no SharedArrayBuffer' });
    } finally {
      vi.unstubAllGlobals();
    }
    const ops = await operands({ name: 'gaussian', numCenters: 8 }, 70, 37, 1);
    expect(products(ops, 300, 1).y.length).toBe(37 * 300);
  });
});
