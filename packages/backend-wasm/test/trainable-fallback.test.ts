// A basis with trainable state on the wasm and cpu backends, with the fused kernels registered: basisLinear runs
// the generic composition (the fused kernels give no gradient for the state), warns once per basis, and gives the
// state its gradient.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@kanjs/basis-gaussian/register';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBasis, type Basis } from '@kanjs/basis-core';
import { hasFusedBasisLinear } from '@kanjs/kernels';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { relativeError, rng, uniform } from '@kanjs/testing';
import { registerWasmKernels } from '../src/index.js';

/** The fixed Gaussian basis (which the fused kernels take) with its centres `grid` marked trainable. */
function trainableGrid(inFeatures: number): Basis {
  const fixed = createBasis({ name: 'gaussian', numCenters: 5 }, inFeatures);
  return { ...fixed, stateSpecs: fixed.stateSpecs.map((spec) => ({ ...spec, trainable: true })) };
}

/** y = basisLinear(x, w) and its gradients for x, w and every state tensor, with `op` for basisLinear; and the kernels it ran. */
async function gradients(op: typeof genericBasisLinear, basis: Basis, seed: number) {
  const batch = 6;
  const x = tf.tensor2d(Float32Array.from(uniform(rng(seed), batch * basis.inFeatures, -2, 2)), [batch, basis.inFeatures]);
  const w = tf.tensor2d(Float32Array.from(uniform(rng(seed + 1), basis.inFeatures * basis.size * 3, -1, 1)), [basis.inFeatures * basis.size, 3]);
  const state = initialState(basis);
  const names = Object.keys(state);
  const profile = await tf.profile(() =>
    tf.grads((...args: tf.Tensor[]) => {
      const [a, b, ...s] = args;
      return tf.sum(tf.square(op(a as tf.Tensor2D, b as tf.Tensor2D, basis, Object.fromEntries(names.map((name, i) => [name, s[i]!])))));
    })([x, w, ...names.map((name) => state[name]!)]),
  );
  const grads = (profile.result as tf.Tensor[]).map((g) => g.dataSync() as Float32Array);
  tf.dispose([x, w, ...Object.values(state), ...(profile.result as tf.Tensor[])]);
  return { grads, kernels: profile.kernels.map((k) => k.name) };
}

beforeAll(async () => {
  await registerWasmKernels();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The kanjs warnings among a console.warn spy's calls (tfjs's cpu backend prints its own on first use). */
function kanjsWarnings(warn: { mock: { calls: unknown[][] } }): string[] {
  return warn.mock.calls.map((call) => String(call[0])).filter((message) => message.startsWith('kanjs:'));
}

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`basisLinear of a basis with trainable state on ${backend}`, () => {
    beforeAll(async () => {
      await tf.setBackend(backend);
      await tf.ready();
    });

    it('runs the generic path, not the fused kernels, with one warning, and gives the state its gradient', async () => {
      expect(hasFusedBasisLinear(backend, createBasis({ name: 'gaussian', numCenters: 5 }, 4))).toBe(true);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const basis = trainableGrid(4);
      const routed = await gradients(basisLinear, basis, 1);
      await gradients(basisLinear, basis, 2);
      expect(kanjsWarnings(warn)).toEqual([
        `kanjs: the gaussian basis has trainable state (grid), whose gradient the fused ${backend} kernels do not give, so it runs the generic path (evaluate + matMul) on ${backend}.`,
      ]);
      expect(routed.kernels).not.toContain('KanBasisLinear');
      expect(routed.kernels).toContain('BatchMatMul');
      const generic = await gradients(genericBasisLinear, basis, 1);
      expect(routed.grads).toHaveLength(3);
      routed.grads.forEach((g, n) => expect(relativeError(g, generic.grads[n]!)).toBe(0));
      const dGrid = routed.grads[2]!;
      expect(Math.max(...dGrid.map(Math.abs))).toBeGreaterThan(1e-3);
    });

    it('warns once for the learnable gaussian too, and differentiates its centres and widths', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const basis = createBasis({ name: 'gaussian', numCenters: 4, learnable: true }, 3);
      const { grads, kernels } = await gradients(basisLinear, basis, 3);
      await gradients(basisLinear, createBasis({ name: 'gaussian', numCenters: 4, learnable: true }, 3), 4);
      const warnings = kanjsWarnings(warn);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('the gaussian basis has trainable state (centres, log_widths)');
      expect(kernels).not.toContain('KanBasisLinear');
      expect(grads.map((g) => g.length)).toEqual([6 * 3, 12 * 3, 12, 3]);
      for (const g of grads.slice(2)) expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(1e-3);
    });
  });
}
