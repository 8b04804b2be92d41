// The conformance suite: the same op and layer computations on every backend available here, compared with
// cpu. A backend that cannot start is skipped, with its reason printed.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import { createBasis } from '@kanjs/basis-core';
import { basisLinear, kan, kanLayers } from '@kanjs/kan-layers';
import { relativeError, rng, uniform } from '@kanjs/testing';

/** Backends to check against cpu, and how to load them. */
const CANDIDATES: Record<string, () => Promise<unknown>> = {
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
};

async function tryBackend(name: string): Promise<string | null> {
  try {
    await CANDIDATES[name]!();
    return (await tf.setBackend(name)) ? null : 'setBackend returned false';
  } catch (error) {
    return (error as Error).message;
  }
}

interface Result {
  readonly forward: Float32Array;
  readonly grads: Float32Array[];
}

/** Forward and the gradients of Σ y ⊙ r with respect to the input and every trainable weight. */
function run(kind: 'kan-linear' | 'fastkan', basis: string): Result {
  const random = rng(kind.length + basis.length);
  const [batch, inFeatures, out] = [7, 10, 3];
  const model = kan({ layers: [inFeatures, 6, out], layer: kind, basis, seed: 1 });
  const x = tf.tensor2d(Float32Array.from(uniform(random, batch * inFeatures, -1.5, 1.5)), [batch, inFeatures]);
  const r = tf.tensor2d(Float32Array.from(uniform(random, batch * out)), [batch, out]);
  const forward = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);
  const variables = kanLayers(model).flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
  const grads = tf.tidy(() => {
    const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(model.apply(input) as tf.Tensor, r)))(x);
    const { grads: dw } = tf.variableGrads(() => tf.sum(tf.mul(model.apply(x) as tf.Tensor, r)) as tf.Scalar, variables);
    return [dx, ...variables.map((v) => dw[v.name]!)].map((g) => g.dataSync() as Float32Array);
  });
  tf.dispose([x, r]);
  model.dispose();
  return { forward, grads };
}

function runOp(basisName: string): Float32Array {
  const random = rng(3);
  const basis = createBasis(basisName, 13);
  return tf.tidy(() => {
    const x = tf.tensor2d(Float32Array.from(uniform(random, 5 * 13, -2, 2)), [5, 13]);
    const w = tf.tensor2d(Float32Array.from(uniform(random, 13 * basis.size * 4)), [13 * basis.size, 4]);
    return basisLinear(x, w, basis).dataSync() as Float32Array;
  });
}

const cases = [
  ['kan-linear', 'bspline'],
  ['kan-linear', 'gaussian'],
  ['fastkan', 'gaussian'],
  ['fastkan', 'bspline'],
] as const;

afterAll(async () => {
  await tf.setBackend('cpu');
});

for (const backend of Object.keys(CANDIDATES)) {
  describe(`conformance: ${backend} against cpu`, async () => {
    await tf.setBackend('cpu');
    const expected = cases.map(([kind, basis]) => run(kind, basis));
    const expectedOps = ['bspline', 'gaussian'].map(runOp);
    const skipReason = await tryBackend(backend);
    if (skipReason !== null) console.warn(`conformance: skipping ${backend}: ${skipReason}`);

    it.skipIf(skipReason !== null)('basisLinear agrees to 1e-5', () => {
      ['bspline', 'gaussian'].forEach((basis, n) => expect(relativeError(runOp(basis), expectedOps[n]!)).toBeLessThanOrEqual(1e-5));
    });

    cases.forEach(([kind, basis], n) => {
      it.skipIf(skipReason !== null)(`${kind} with ${basis}: forward to 1e-5, gradients to 1e-4`, () => {
        expect(tf.getBackend()).toBe(backend);
        const actual = run(kind, basis);
        expect(relativeError(actual.forward, expected[n]!.forward)).toBeLessThanOrEqual(1e-5);
        expect(actual.grads.length).toBe(expected[n]!.grads.length);
        actual.grads.forEach((g, i) => expect(relativeError(g, expected[n]!.grads[i]!)).toBeLessThanOrEqual(1e-4));
      });
    });
  });
}
