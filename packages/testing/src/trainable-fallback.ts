// The documented fallback for bases with trainable state, as one suite any backend's tests run: with the fused
// kernels registered, basisLinear runs the generic composition (the fused kernels give no gradient for the state),
// warns once per basis, and gives the state the same gradient as the generic path.
import * as tf from '@tensorflow/tfjs-core';
import { createBasis, type Basis } from '@kanjs/basis-core';
import { hasFusedBasisLinear } from '@kanjs/kernels';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { relativeError } from './compare.js';
import { rng, uniform } from './random.js';

/** y = basisLinear(x, w, basis, state), as kan-layers exports it (passed in: this package does not depend on it). */
export type BasisLinearOp = (x: tf.Tensor2D, w: tf.Tensor2D, basis: Basis, state: Record<string, tf.Tensor>) => tf.Tensor2D;

export interface TrainableFallbackOps {
  /** kan-layers' basisLinear (takes the fused path where there is one). */
  readonly basisLinear: BasisLinearOp;
  /** kan-layers' genericBasisLinear (evaluate + matMul). */
  readonly genericBasisLinear: BasisLinearOp;
  /** kan-layers' initialState. */
  readonly initialState: (basis: Basis) => Record<string, tf.Tensor>;
}

/** The fixed Gaussian basis (which the fused kernels take) with its centres `grid` marked trainable. */
function trainableGrid(inFeatures: number): Basis {
  const fixed = createBasis({ name: 'gaussian', numCenters: 5 }, inFeatures);
  return { ...fixed, stateSpecs: fixed.stateSpecs.map((spec) => ({ ...spec, trainable: true })) };
}

/** y = op(x, w) and its gradients for x, w and every state tensor, and the kernels it ran. */
async function gradients(ops: TrainableFallbackOps, op: BasisLinearOp, basis: Basis, seed: number) {
  const batch = 6;
  const x = tf.tensor2d(Float32Array.from(uniform(rng(seed), batch * basis.inFeatures, -2, 2)), [batch, basis.inFeatures]);
  const w = tf.tensor2d(Float32Array.from(uniform(rng(seed + 1), basis.inFeatures * basis.size * 3, -1, 1)), [basis.inFeatures * basis.size, 3]);
  const state = ops.initialState(basis);
  const names = Object.keys(state);
  const profile = await tf.profile(() =>
    tf.grads((...args: tf.Tensor[]) => {
      const [a, b, ...s] = args;
      return tf.sum(tf.square(op(a as tf.Tensor2D, b as tf.Tensor2D, basis, Object.fromEntries(names.map((name, i) => [name, s[i]!])))));
    })([x, w, ...names.map((name) => state[name]!)]),
  );
  const result = profile.result as tf.Tensor[];
  const grads = await Promise.all(result.map(async (g) => Float32Array.from(await g.data())));
  tf.dispose([x, w, ...Object.values(state), ...result]);
  return { grads, kernels: profile.kernels.map((k) => k.name) };
}

/** The kanjs warnings among a console.warn spy's calls (tfjs prints its own on first use). */
function kanjsWarnings(warn: { mock: { calls: unknown[][] } }): string[] {
  return warn.mock.calls.map((call) => String(call[0])).filter((message) => message.startsWith('kanjs:'));
}

/**
 * Describes the fallback on `backend`: `activate` makes it the active backend (after the fused kernels are
 * registered); `skip` is a reason to skip (no device), or null. The gaussian basis must be registered.
 */
export function trainableFallbackSuite(backend: string, ops: TrainableFallbackOps, activate: () => Promise<void>, skip: () => string | null = () => null): void {
  describe(`basisLinear of a basis with trainable state on ${backend}`, () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('runs the generic path, not the fused kernels, with one warning, and gives the state its gradient', async (context) => {
      if (skip() !== null) return context.skip();
      await activate();
      expect(hasFusedBasisLinear(backend, createBasis({ name: 'gaussian', numCenters: 5 }, 4))).toBe(true);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const basis = trainableGrid(4);
      const routed = await gradients(ops, ops.basisLinear, basis, 1);
      await gradients(ops, ops.basisLinear, basis, 2);
      expect(kanjsWarnings(warn)).toEqual([
        `kanjs: the gaussian basis has trainable state (grid), whose gradient the fused ${backend} kernels do not give, so it runs the generic path (evaluate + matMul) on ${backend}.`,
      ]);
      expect(routed.kernels).not.toContain('KanBasisLinear');
      expect(routed.kernels).toContain('BatchMatMul');
      const generic = await gradients(ops, ops.genericBasisLinear, basis, 1);
      expect(routed.grads).toHaveLength(3);
      routed.grads.forEach((g, n) => expect(relativeError(g, generic.grads[n]!)).toBe(0));
      const dGrid = routed.grads[2]!;
      expect(Math.max(...dGrid.map(Math.abs))).toBeGreaterThan(1e-3);
    });

    it('warns once for the learnable gaussian too, and differentiates its centres and widths', async (context) => {
      if (skip() !== null) return context.skip();
      await activate();
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const basis = createBasis({ name: 'gaussian', numCenters: 4, learnable: true }, 3);
      const { grads, kernels } = await gradients(ops, ops.basisLinear, basis, 3);
      await gradients(ops, ops.basisLinear, createBasis({ name: 'gaussian', numCenters: 4, learnable: true }, 3), 4);
      const warnings = kanjsWarnings(warn);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('the gaussian basis has trainable state (centres, log_widths)');
      expect(kernels).not.toContain('KanBasisLinear');
      expect(grads.map((g) => g.length)).toEqual([6 * 3, 12 * 3, 12, 3]);
      for (const g of grads.slice(2)) expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(1e-3);
    });
  });
}
