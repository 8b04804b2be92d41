// Training steps through the fused kernels on wasm and cpu: a FastKAN (Gaussian) and a KANLinear (B-spline)
// model run every fused kernel of the step (basis-linear, LayerNorm, the SiLU base branch, AdamW, the loss), leak
// no tensors and lower the loss, with the step kernels on and off; a basis without a CPU form still runs, through
// `evaluate`.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@kanjs/basis-gaussian/register';
import '@kanjs/basis-bspline/register';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBasis, type Basis } from '@kanjs/basis-core';
import { ADAMW_KERNEL, BASIS_LINEAR_KERNELS, FASTKAN_LAYER_KERNELS, LAYER_NORM_KERNELS, SOFTMAX_CROSS_ENTROPY_KERNELS, hasFusedBasisLinear } from '@kanjs/kernels';
import { AdamW, basisLinear, genericBasisLinear, initialState, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { expectStepsLowerLoss, relativeError, rng, uniform } from '@kanjs/testing';
import { registerWasmKernels, setFusedStepKernels } from '../src/index.js';

/** The kernels one training step of `layer` runs fused: FastKAN's whole-layer kernels, KANLinear's basis-linear ones. */
function stepKernels(layer: 'fastkan' | 'kan-linear'): string[] {
  const common = [ADAMW_KERNEL, ...Object.values(SOFTMAX_CROSS_ENTROPY_KERNELS)];
  return layer === 'fastkan' ? [...common, ...Object.values(FASTKAN_LAYER_KERNELS)] : [...common, ...Object.values(BASIS_LINEAR_KERNELS)];
}

/** The kernels that setFusedStepKernels(false) switches off (basis-linear stays fused). */
const SWITCHED = [ADAMW_KERNEL, ...Object.values(SOFTMAX_CROSS_ENTROPY_KERNELS), ...Object.values(FASTKAN_LAYER_KERNELS), ...Object.values(LAYER_NORM_KERNELS)];

beforeAll(async () => {
  await registerWasmKernels();
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`training on ${backend}`, () => {
    beforeAll(async () => {
      await tf.setBackend(backend);
      await tf.ready();
    });

    for (const layer of ['fastkan', 'kan-linear'] as const) {
      for (const fusedStep of [true, false]) {
        it(`a ${layer} step (step kernels ${fusedStep ? 'on' : 'off'}) runs the fused kernels, leaves numTensors unchanged and lowers the loss`, async () => {
          setFusedStepKernels(fusedStep);
          try {
            const model = kan({ layers: [20, 8, 4], layer, seed: 1 });
            const optimizer = new AdamW(1e-2, 1e-4);
            const x = tf.tensor2d(Float32Array.from(uniform(rng(3), 16 * 20, -1, 1)), [16, 20]);
            const labels = tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 4), 'int32'), 4);
            const profile = await tf.profile(() => optimizer.minimize(() => softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor), true)!);
            const names = profile.kernels.map((k) => k.name);
            if (fusedStep) expect(names).toEqual(expect.arrayContaining(stepKernels(layer)));
            else {
              expect(names).toEqual(expect.arrayContaining(Object.values(BASIS_LINEAR_KERNELS)));
              expect(names.filter((name) => SWITCHED.includes(name))).toEqual([]);
            }
            tf.dispose([profile.result as tf.Tensor, labels]);
            await expectStepsLowerLoss(optimizer, (input) => model.apply(input, { training: true }) as tf.Tensor2D, softmaxCrossEntropy, x);
            x.dispose();
            optimizer.dispose();
            model.dispose();
          } finally {
            setFusedStepKernels(true);
          }
        });
      }
    }

    it('runs a basis without a CPU form through evaluate', async () => {
      const { cpu: _, ...rest } = createBasis('gaussian', 3);
      const basis: Basis = rest;
      expect(hasFusedBasisLinear(backend, basis)).toBe(false);
      const state = initialState(basis);
      const x = tf.tensor2d([[0.3, -1, 2], [0, 0.5, -0.25]]);
      const w = tf.tensor2d(Float32Array.from(uniform(rng(5), 3 * basis.size * 2)), [3 * basis.size, 2]);
      const y = await basisLinear(x, w, basis, state).data();
      const expected = await genericBasisLinear(x, w, basis, state).data();
      expect(relativeError(y, expected)).toBe(0);
      tf.dispose([x, w, ...Object.values(state)]);
    });
  });
}
