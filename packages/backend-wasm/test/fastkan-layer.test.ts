// FastKAN's fused whole-layer kernels (FASTKAN_LAYER_KERNELS) on wasm and cpu: the layer runs them forward and
// backward, and they agree with the generic composition (no fused kernel at all), the output to 1e-5 and the
// gradients with respect to x and every weight to 1e-4, over a table of shapes and bases, on inputs whose
// LayerNorm lands inside and outside the Gaussian fast path's range; neither leaks tensors.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@kanjs/basis-gaussian/register';
import '@kanjs/basis-rswaf/register';
import '@kanjs/basis-bspline/register';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BasisConfig } from '@kanjs/basis-core';
import { FASTKAN_LAYER_KERNELS, registerFusedBasisLinear } from '@kanjs/kernels';
import { FastKANLayer } from '@kanjs/kan-layers';
import { relativeError, rng, uniform } from '@kanjs/testing';
import { registerWasmKernels, setFusedStepKernels, supportsBasis } from '../src/index.js';

/** Default Gaussians (K 8: the fast path), K 5 and 12 (on a narrower grid), RSWAF and a B-spline. */
const BASES: readonly (BasisConfig | undefined)[] = [
  undefined,
  { name: 'gaussian', numCenters: 5 },
  { name: 'gaussian', numCenters: 12, gridMin: -1, gridMax: 1 },
  { name: 'rswaf', numCenters: 8 },
  { name: 'bspline', gridSize: 5, splineOrder: 3 },
];

/** batch × in × out, with ragged tiles (batch not a multiple of 4, out not of 8, in past 256). */
const SHAPES = [
  { batch: 1, inFeatures: 3, out: 1 },
  { batch: 8, inFeatures: 100, out: 100 },
  { batch: 64, inFeatures: 784, out: 64 },
  { batch: 3, inFeatures: 7, out: 9 },
  { batch: 100, inFeatures: 300, out: 10 },
  { batch: 17, inFeatures: 64, out: 33 },
];

/** x [batch, in]: uniform on [-1, 1], every 7th value ×8 (so that LayerNorm puts some inputs far out). */
function inputs(batch: number, inFeatures: number, seed: number): tf.Tensor2D {
  const values = uniform(rng(seed), batch * inFeatures, -1, 1).map((v, i) => (i % 7 === 3 ? 8 * v : v));
  return tf.tensor2d(Float32Array.from(values), [batch, inFeatures]);
}

/** `f` run with no fused kernel of this package: the generic composition. */
function generic<T>(backend: string, f: () => T): T {
  setFusedStepKernels(false);
  registerFusedBasisLinear(backend, () => false);
  try {
    return f();
  } finally {
    registerFusedBasisLinear(backend, supportsBasis);
    setFusedStepKernels(true);
  }
}

/** The gradients of Σ y ⊙ r (r fixed, seeded) with respect to x and every trainable weight, as arrays, in order. */
function gradients(layer: FastKANLayer, x: tf.Variable, r: tf.Tensor): Float32Array[] {
  const variables = [x, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, r)), variables);
  const arrays = variables.map((v) => grads[v.name]!.dataSync() as Float32Array);
  tf.dispose([value, ...Object.values(grads)]);
  return arrays;
}

beforeAll(async () => {
  await registerWasmKernels();
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`the fused FastKAN layer forward on ${backend}`, () => {
    beforeAll(async () => {
      await tf.setBackend(backend);
      await tf.ready();
    });

    it('runs as one kernel forward and one backward, and not with the step kernels off', async () => {
      const layer = new FastKANLayer({ units: 5, seed: 1 });
      const x = inputs(4, 6, 1);
      const names = async (f: () => tf.Tensor) => {
        const profile = await tf.profile(f);
        tf.dispose(profile.result as tf.Tensor);
        return profile.kernels.map((k) => k.name);
      };
      expect(await names(() => layer.apply(x) as tf.Tensor)).toEqual([FASTKAN_LAYER_KERNELS.forward]);
      const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const taped = await names(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor), variables);
        tf.dispose(Object.values(grads));
        return value;
      });
      expect(taped).toEqual(expect.arrayContaining(Object.values(FASTKAN_LAYER_KERNELS)));
      expect(taped.filter((name) => name.startsWith('KanLayerNorm') || name.startsWith('KanBasisLinear'))).toEqual([]);
      setFusedStepKernels(false);
      expect(await names(() => layer.apply(x) as tf.Tensor)).not.toContain(FASTKAN_LAYER_KERNELS.forward);
      setFusedStepKernels(true);
      x.dispose();
      layer.dispose();
    });

    let n = 0;
    for (const shape of SHAPES) {
      for (const basis of BASES) {
        const seed = ++n;
        it(`agrees with the composition: ${JSON.stringify(basis ?? 'default')}, batch ${shape.batch}, in ${shape.inFeatures}, out ${shape.out}`, () => {
          const layer = new FastKANLayer({ units: shape.out, seed, ...(basis === undefined ? {} : { basis }) });
          const x = inputs(shape.batch, shape.inFeatures, seed);
          const expected = generic(backend, () => tf.tidy(() => layer.apply(x) as tf.Tensor).dataSync() as Float32Array);
          const tensors = tf.memory().numTensors;
          const y = tf.tidy(() => layer.apply(x) as tf.Tensor);
          expect(y.shape).toEqual([shape.batch, shape.out]);
          expect(relativeError(y.dataSync(), expected)).toBeLessThanOrEqual(1e-5);
          y.dispose();
          expect(tf.memory().numTensors).toBe(tensors);
          const xv = tf.variable(x);
          const r = tf.tensor2d(Float32Array.from(uniform(rng(seed + 1000), shape.batch * shape.out, -1, 1)), [shape.batch, shape.out]);
          const expectedGrads = generic(backend, () => gradients(layer, xv, r));
          const before = tf.memory().numTensors;
          const grads = gradients(layer, xv, r);
          expect(tf.memory().numTensors).toBe(before);
          grads.forEach((g, i) => expect(relativeError(g, expectedGrads[i]!), `gradient ${i}`).toBeLessThanOrEqual(1e-4));
          tf.dispose([x, xv, r]);
          layer.dispose();
        });
      }
    }
  });
}
