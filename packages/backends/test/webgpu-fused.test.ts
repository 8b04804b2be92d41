// The fused WebGPU kernels against the generic composition on the same backend, over random shapes: in,
// out, K and batch from the table, odd sizes included. Runs on SwiftShader without a GPU.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBasis, hasFusedBasisLinear, type Basis } from '@kanjs/basis-core';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { relativeError, rng, uniform } from '@kanjs/testing';
import { useBackend } from '@kanjs/backends';
import { ensureGpuOrSkip } from './gpu.js';

const gpu = await ensureGpuOrSkip();

interface Shape {
  readonly inFeatures: number;
  readonly out: number;
  readonly batch: number;
}

function cases(): { basis: string; config: Record<string, unknown>; shape: Shape }[] {
  const random = rng(2024);
  const pick = <T,>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const list = [];
  // Every in × out pair once, with K and batch drawn from the table.
  for (const inFeatures of [1, 3, 100, 784]) {
    for (const out of [1, 10, 64]) {
      const K = pick([5, 8, 12]);
      const batch = pick([1, 7, 64]);
      const gaussian = random() < 0.5;
      list.push({
        basis: gaussian ? 'gaussian' : 'bspline',
        config: gaussian ? { name: 'gaussian', numCenters: K } : { name: 'bspline', gridSize: K - 3, splineOrder: 3 },
        shape: { inFeatures, out, batch },
      });
    }
  }
  // Several tiles in every direction, ragged edges: 128-row and 128-column tiles, 16-feature gradInput tiles.
  list.push({ basis: 'gaussian', config: { name: 'gaussian', numCenters: 8 }, shape: { inFeatures: 37, out: 200, batch: 300 } });
  list.push({ basis: 'bspline', config: { name: 'bspline', gridSize: 2, splineOrder: 3 }, shape: { inFeatures: 33, out: 131, batch: 129 } });
  return list;
}

async function run(basis: Basis, shape: Shape, fused: boolean, seed: number) {
  const random = rng(seed);
  const tensors = tf.tidy(() => {
    const x = tf.tensor2d(Float32Array.from(uniform(random, shape.batch * shape.inFeatures, -1.3, 1.3)), [shape.batch, shape.inFeatures]);
    const w = tf.tensor2d(Float32Array.from(uniform(random, shape.inFeatures * basis.size * shape.out)), [shape.inFeatures * basis.size, shape.out]);
    const r = tf.tensor2d(Float32Array.from(uniform(random, shape.batch * shape.out)), [shape.batch, shape.out]);
    const state = initialState(basis);
    const op = fused ? basisLinear : genericBasisLinear;
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(op(a as tf.Tensor2D, b as tf.Tensor2D, basis, state), r));
    const [dx, dw] = tf.grads(f)([x, w]);
    return [op(x, w, basis, state), dx!, dw!];
  });
  const [y, dx, dw] = await Promise.all(tensors.map((t) => t.data()));
  tf.dispose(tensors);
  return { y: y!, dx: dx!, dw: dw! };
}

describe.skipIf(gpu.skip)('fused basisLinear on webgpu', () => {
  beforeAll(async () => {
    await useBackend('webgpu');
  });

  it('registers the fused kernels for bases with a WGSL snippet', () => {
    expect(tf.getBackend()).toBe('webgpu');
    expect(hasFusedBasisLinear('webgpu', createBasis('gaussian', 3))).toBe(true);
    expect(hasFusedBasisLinear('webgpu', createBasis('bspline', 3))).toBe(true);
  });

  for (const [n, { config, shape }] of cases().entries()) {
    it(`agrees with the composition: ${JSON.stringify(config)}, in ${shape.inFeatures}, out ${shape.out}, batch ${shape.batch}`, async () => {
      const basis = createBasis(config as never, shape.inFeatures);
      const fused = await run(basis, shape, true, n);
      const generic = await run(basis, shape, false, n);
      expect(relativeError(fused.y, generic.y)).toBeLessThanOrEqual(1e-5);
      expect(relativeError(fused.dx, generic.dx)).toBeLessThanOrEqual(1e-4);
      expect(relativeError(fused.dw, generic.dw)).toBeLessThanOrEqual(1e-4);
    });
  }

  it('runs no BatchMatMul: the fused forward and backward are single kernels', async () => {
    const basis = createBasis('gaussian', 100);
    const x = tf.randomUniform([8, 100], -1, 1) as tf.Tensor2D;
    const w = tf.randomUniform([800, 100]) as tf.Tensor2D;
    const state = initialState(basis);
    const profile = await tf.profile(() => {
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(basisLinear(a as tf.Tensor2D, b as tf.Tensor2D, basis, state)))([x, w]);
      return [dx!, dw!];
    });
    const names = profile.kernels.map((k) => k.name);
    expect(names).toContain('KanBasisLinear');
    expect(names).toContain('KanBasisLinearGradInput');
    expect(names).toContain('KanBasisLinearGradWeight');
    expect(names).not.toContain('BatchMatMul');
    tf.dispose([x, w, ...Object.values(state), ...(profile.result as tf.Tensor[])]);
  });
});
