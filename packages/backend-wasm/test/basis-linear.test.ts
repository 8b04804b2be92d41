// The fused wasm-SIMD kernels on the tfjs wasm and cpu backends against the generic composition (evaluate +
// matMul) on the same backend: forward, dx and dW through the registered gradient, over the shape table of
// batch × in × out with small and large K, for Gaussian, RSWAF, B-splines of orders 1 to 3, Chebyshev, Legendre,
// Jacobi, Fourier and the Mexican hat; and the SiLU base branch (siluBasis, K = 1).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@kanjs/basis-gaussian/register';
import '@kanjs/basis-bspline/register';
import '@kanjs/basis-rswaf/register';
import '@kanjs/basis-chebyshev/register';
import '@kanjs/basis-orthopoly/register';
import '@kanjs/basis-fourier/register';
import '@kanjs/basis-wavelet/register';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBasis, type BasisConfig } from '@kanjs/basis-core';
import { hasFusedBasisLinear, siluBasis, useFusedBase } from '@kanjs/kernels';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { SILU_SHAPES, fusedAgainstGeneric } from '@kanjs/testing';
import { registerWasmKernels, setFusedStepKernels } from '../src/index.js';

const ops = { fused: basisLinear, generic: genericBasisLinear, initialState };

/** Small and large K: Gaussian K 5 and 24, RSWAF K 8, B-splines of orders 1, 2, 3 (K 6, 10, 8 and 23). */
const BASES: readonly BasisConfig[] = [
  { name: 'gaussian', numCenters: 5 },
  { name: 'bspline', gridSize: 5, splineOrder: 1 },
  { name: 'gaussian', numCenters: 24 },
  { name: 'bspline', gridSize: 8, splineOrder: 2 },
  { name: 'rswaf', numCenters: 8 },
  { name: 'bspline', gridSize: 5, splineOrder: 3 },
  { name: 'bspline', gridSize: 20, splineOrder: 3 },
];

/**
 * The recurrences on tanh x (Chebyshev K 2 and 9, Legendre K 6, Jacobi K 5 and 8 with α ≠ β), Fourier (K 2, 10
 * and 24) and the Mexican hat (K 8, K 13 normalised on a wider grid).
 */
const MORE_BASES: readonly BasisConfig[] = [
  { name: 'chebyshev', degree: 4 },
  { name: 'fourier', gridSize: 5 },
  { name: 'mexican-hat', numCenters: 8 },
  { name: 'legendre', degree: 5 },
  { name: 'jacobi', degree: 7, alpha: 0.5, beta: -0.3 },
  { name: 'fourier', gridSize: 12 },
  { name: 'mexican-hat', numCenters: 13, gridMin: -3, gridMax: 3, normalize: true },
  { name: 'chebyshev', degree: 8 },
  { name: 'jacobi', degree: 4 },
  { name: 'fourier', gridSize: 1 },
  { name: 'chebyshev', degree: 1 },
];

/** Every batch ∈ {1, 8, 64, 100} × in ∈ {1, 3, 100, 784} × out ∈ {1, 10, 64}, the bases taken in turn. */
function cases(bases: readonly BasisConfig[]): { config: BasisConfig; inFeatures: number; out: number; batch: number }[] {
  const list = [];
  let n = 0;
  for (const batch of [1, 8, 64, 100]) {
    for (const inFeatures of [1, 3, 100, 784]) {
      for (const out of [1, 10, 64]) list.push({ config: bases[n++ % bases.length]!, inFeatures, out, batch });
    }
  }
  return list;
}

beforeAll(async () => {
  await registerWasmKernels();
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`fused basisLinear on ${backend}`, () => {
    beforeAll(async () => {
      await tf.setBackend(backend);
      await tf.ready();
    });

    it('is declared for bases with a CPU form, and not for others', () => {
      expect(hasFusedBasisLinear(backend, createBasis('gaussian', 3))).toBe(true);
      expect(hasFusedBasisLinear(backend, createBasis('bspline', 3))).toBe(true);
      expect(hasFusedBasisLinear(backend, createBasis('rswaf', 3))).toBe(true);
      for (const name of ['chebyshev', 'legendre', 'jacobi', 'fourier', 'mexican-hat']) expect(hasFusedBasisLinear(backend, createBasis(name, 3))).toBe(true);
      expect(hasFusedBasisLinear(backend, siluBasis(3))).toBe(true);
      expect(hasFusedBasisLinear(backend, { ...siluBasis(3) })).toBe(false); // a copy is a custom basis
    });

    it('takes the SiLU base branch fused while a gradient tape records, unless the step kernels are switched off', () => {
      const shape = { batch: 8, inFeatures: 100, outFeatures: 100 };
      /** useFusedBase inside a gradient computation (the tape on) and outside it. */
      const taped = () => {
        let inside = false;
        const grad = tf.grad((t: tf.Tensor) => {
          inside = useFusedBase(backend, shape);
          return tf.sum(t);
        })(tf.scalar(1));
        grad.dispose();
        return { inside, outside: useFusedBase(backend, shape) };
      };
      expect(taped()).toEqual({ inside: true, outside: false });
      setFusedStepKernels(false);
      expect(taped()).toEqual({ inside: false, outside: false });
      setFusedStepKernels(true);
    });

    // odd widths (not multiples of 4: the SIMD tails of SiLU) and ragged tiles of 64 rows and 256 inputs
    for (const [n, shape] of [...SILU_SHAPES, { inFeatures: 7, out: 9, batch: 3 }, { inFeatures: 101, out: 100, batch: 8 }].entries()) {
      it(`runs the SiLU base branch like matMul(silu(x), W): in ${shape.inFeatures}, out ${shape.out}, batch ${shape.batch}`, async () => {
        const errors = await fusedAgainstGeneric(ops, siluBasis(shape.inFeatures), shape, 100 + n);
        expect(errors.y).toBeLessThanOrEqual(1e-5);
        expect(errors.dx).toBeLessThanOrEqual(1e-4);
        expect(errors.dw).toBeLessThanOrEqual(1e-4);
      });
    }

    for (const [n, { config, inFeatures, out, batch }] of [...cases(BASES), ...cases(MORE_BASES)].entries()) {
      it(`agrees with the composition: ${JSON.stringify(config)}, batch ${batch}, in ${inFeatures}, out ${out}`, async () => {
        expect(tf.getBackend()).toBe(backend);
        const errors = await fusedAgainstGeneric(ops, createBasis(config, inFeatures), { inFeatures, out, batch }, n);
        expect(errors.y).toBeLessThanOrEqual(1e-5);
        expect(errors.dx).toBeLessThanOrEqual(1e-4);
        expect(errors.dw).toBeLessThanOrEqual(1e-4);
      });
    }

    it.each(['bspline', 'chebyshev', 'fourier', 'mexican-hat'])('runs the fused kernels for %s, not the composition, forward and backward', async (name) => {
      const basis = createBasis(name, 10);
      const x = tf.randomUniform([8, 10], -1, 1) as tf.Tensor2D;
      const w = tf.randomUniform([10 * basis.size, 4]) as tf.Tensor2D;
      const state = initialState(basis);
      const profile = await tf.profile(() => {
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(basisLinear(a as tf.Tensor2D, b as tf.Tensor2D, basis, state)))([x, w]);
        return [dx!, dw!];
      });
      const names = profile.kernels.map((k) => k.name);
      expect(names).toEqual(expect.arrayContaining(['KanBasisLinear', 'KanBasisLinearGradInput', 'KanBasisLinearGradWeight']));
      expect(names).not.toContain('BatchMatMul');
      tf.dispose([x, w, ...Object.values(state), ...(profile.result as tf.Tensor[])]);
    });
  });
}
