// The conformance suite: the same op and layer computations on every backend available here, compared with
// cpu. A backend that cannot start is skipped, with its reason printed (webgpu runs on SwiftShader where
// there is no GPU; in CI it must be there).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import { createBasis } from '@kanjs/basis-core';
import { basisLinear, kan, kanLayers } from '@kanjs/kan-layers';
import { registerInstalledBases } from '@kanjs/kan-layers/node';
import { relativeError, rng, uniform } from '@kanjs/testing';
import { listBackends, useBackend } from '@kanjs/backends';
import { ensureGpuOrSkip } from './gpu.js';

await ensureGpuOrSkip();
const available = await listBackends();
// Every installed basis package takes part: a new basis is checked on every backend with no change here.
const BASES = await registerInstalledBases();

/** Backends to check against cpu. */
const CANDIDATES = ['wasm', 'webgpu', 'cuda', 'tensorflow'];

async function tryBackend(name: string): Promise<string | null> {
  const entry = available.find((b) => b.name === name);
  if (entry === undefined || !entry.available) return entry?.reason ?? 'unknown backend';
  try {
    await useBackend(name);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

interface Result {
  readonly forward: Float32Array;
  readonly grads: Float32Array[];
}

/** Forward and the gradients of Σ y ⊙ r with respect to the input and every trainable weight. */
async function run(kind: 'kan-linear' | 'fastkan', basis: string): Promise<Result> {
  const random = rng(kind.length + basis.length);
  const [batch, inFeatures, out] = [7, 10, 3];
  const model = kan({ layers: [inFeatures, 6, out], layer: kind, basis, seed: 1 });
  const x = tf.tensor2d(Float32Array.from(uniform(random, batch * inFeatures, -1.5, 1.5)), [batch, inFeatures]);
  const r = tf.tensor2d(Float32Array.from(uniform(random, batch * out)), [batch, out]);
  const variables = kanLayers(model).flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
  const tensors = tf.tidy(() => {
    const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(model.apply(input) as tf.Tensor, r)))(x);
    const { grads: dw } = tf.variableGrads(() => tf.sum(tf.mul(model.apply(x) as tf.Tensor, r)) as tf.Scalar, variables);
    return [model.predict(x) as tf.Tensor, dx, ...variables.map((v) => dw[v.name]!)];
  });
  const [forward, ...grads] = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
  tf.dispose([x, r, ...tensors]);
  model.dispose();
  return { forward: forward!, grads };
}

async function runOp(basisName: string): Promise<Float32Array> {
  const random = rng(3);
  const basis = createBasis(basisName, 13);
  const y = tf.tidy(() => {
    const x = tf.tensor2d(Float32Array.from(uniform(random, 5 * 13, -2, 2)), [5, 13]);
    const w = tf.tensor2d(Float32Array.from(uniform(random, 13 * basis.size * 4)), [13 * basis.size, 4]);
    return basisLinear(x, w, basis);
  });
  const data = (await y.data()) as Float32Array;
  y.dispose();
  return data;
}

/** Every basis in a KANLinear, and the FastKAN layer (LayerNorm) with its default and the B-spline basis. */
const cases: ['kan-linear' | 'fastkan', string][] = [
  ...BASES.map((basis) => ['kan-linear', basis] as ['kan-linear', string]),
  ['fastkan', 'gaussian'],
  ['fastkan', 'bspline'],
];

afterAll(async () => {
  await useBackend('cpu');
});

await useBackend('cpu');
const expected = await Promise.all(cases.map(([kind, basis]) => run(kind, basis)));
const expectedOps = await Promise.all(BASES.map(runOp));

for (const backend of CANDIDATES) {
  describe(`conformance: ${backend} against cpu`, async () => {
    const skipReason = await tryBackend(backend);
    if (skipReason !== null) console.warn(`conformance: skipping ${backend}: ${skipReason}`);

    it.skipIf(skipReason !== null)(`basisLinear agrees to 1e-5 for every basis (${BASES.join(', ')})`, async () => {
      await useBackend(backend);
      for (const [n, basis] of BASES.entries()) {
        expect(relativeError(await runOp(basis), expectedOps[n]!)).toBeLessThanOrEqual(1e-5);
      }
    });

    cases.forEach(([kind, basis], n) => {
      it.skipIf(skipReason !== null)(`${kind} with ${basis}: forward to 1e-5, gradients to 1e-4`, async () => {
        await useBackend(backend);
        expect(tf.getBackend()).toBe(backend);
        const actual = await run(kind, basis);
        expect(relativeError(actual.forward, expected[n]!.forward)).toBeLessThanOrEqual(1e-5);
        expect(actual.grads.length).toBe(expected[n]!.grads.length);
        actual.grads.forEach((g, i) => expect(relativeError(g, expected[n]!.grads[i]!)).toBeLessThanOrEqual(1e-4));
      });
    });
  });
}
