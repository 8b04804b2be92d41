// The shapes on which a backend's fused basisLinear kernels are checked against the generic composition (the
// same backend's matmul of the materialised basis), and the check itself: forward, dx and dW of Σ y ⊙ r.
import * as tf from '@tensorflow/tfjs-core';
import type { Basis, BasisConfig } from '@kanjs/basis-core';
import { relativeError } from './compare.js';
import { rng, uniform } from './random.js';

export interface FusedShape {
  readonly inFeatures: number;
  readonly out: number;
  readonly batch: number;
}

export interface FusedCase {
  readonly config: BasisConfig;
  readonly shape: FusedShape;
}

/**
 * Every in ∈ {1, 3, 100, 784} × out ∈ {1, 10, 64} once, with K ∈ {5, 8, 12} and batch ∈ {1, 7, 64} drawn
 * (seeded), Gaussian or B-spline; then two shapes with several ragged 128-wide tiles in every direction.
 */
export function fusedCases(): FusedCase[] {
  const random = rng(2024);
  const pick = <T,>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const list: FusedCase[] = [];
  for (const inFeatures of [1, 3, 100, 784]) {
    for (const out of [1, 10, 64]) {
      const K = pick([5, 8, 12]);
      const batch = pick([1, 7, 64]);
      const gaussian = random() < 0.5;
      list.push({
        config: gaussian ? { name: 'gaussian', numCenters: K } : { name: 'bspline', gridSize: K - 3, splineOrder: 3 },
        shape: { inFeatures, out, batch },
      });
    }
  }
  list.push({ config: { name: 'gaussian', numCenters: 8 }, shape: { inFeatures: 37, out: 200, batch: 300 } });
  list.push({ config: { name: 'bspline', gridSize: 2, splineOrder: 3 }, shape: { inFeatures: 33, out: 131, batch: 129 } });
  return list;
}

/**
 * Shapes for the SiLU base branch as a fused basis-linear (K = 1): the MNIST layers at batch 64, odd sizes, and
 * shapes of several ragged 128-wide tiles (the forward split over features, dW over the batch).
 */
export const SILU_SHAPES: readonly FusedShape[] = [
  { inFeatures: 784, out: 64, batch: 64 },
  { inFeatures: 64, out: 10, batch: 64 },
  { inFeatures: 1, out: 1, batch: 1 },
  { inFeatures: 3, out: 7, batch: 5 },
  { inFeatures: 300, out: 131, batch: 257 },
  { inFeatures: 129, out: 200, batch: 1000 },
];

/** The ops under test, from @kanjs/kan-layers (passed in: this package does not depend on it). */
export interface BasisLinearOps {
  readonly fused: (x: tf.Tensor2D, w: tf.Tensor2D, basis: Basis, state: Record<string, tf.Tensor>) => tf.Tensor2D;
  readonly generic: (x: tf.Tensor2D, w: tf.Tensor2D, basis: Basis, state: Record<string, tf.Tensor>) => tf.Tensor2D;
  readonly initialState: (basis: Basis) => Record<string, tf.Tensor>;
  /** Called before the fused (true) and the generic (false) computation, e.g. to switch a precision mode. */
  readonly setup?: (fused: boolean) => void;
}

async function evaluate(op: BasisLinearOps['fused'], ops: BasisLinearOps, basis: Basis, shape: FusedShape, seed: number) {
  const random = rng(seed);
  const tensors = tf.tidy(() => {
    const x = tf.tensor2d(Float32Array.from(uniform(random, shape.batch * shape.inFeatures, -1.3, 1.3)), [shape.batch, shape.inFeatures]);
    const w = tf.tensor2d(Float32Array.from(uniform(random, shape.inFeatures * basis.size * shape.out)), [shape.inFeatures * basis.size, shape.out]);
    const r = tf.tensor2d(Float32Array.from(uniform(random, shape.batch * shape.out)), [shape.batch, shape.out]);
    const state = ops.initialState(basis);
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(op(a as tf.Tensor2D, b as tf.Tensor2D, basis, state), r));
    const [dx, dw] = tf.grads(f)([x, w]);
    return [op(x, w, basis, state), dx!, dw!];
  });
  const [y, dx, dw] = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(tensors);
  return { y: y!, dx: dx!, dw: dw! };
}

/** Relative errors of the fused forward, dx and dW against the generic composition, on the active backend. */
export async function fusedAgainstGeneric(ops: BasisLinearOps, basis: Basis, shape: FusedShape, seed: number): Promise<{ y: number; dx: number; dw: number }> {
  ops.setup?.(true);
  const fused = await evaluate(ops.fused, ops, basis, shape, seed);
  ops.setup?.(false);
  const generic = await evaluate(ops.generic, ops, basis, shape, seed);
  return { y: relativeError(fused.y, generic.y), dx: relativeError(fused.dx, generic.dx), dw: relativeError(fused.dw, generic.dw) };
}
