// Training steps through the fused kernels on wasm and cpu: a FastKAN (Gaussian) and a KANLinear (B-spline)
// model leak no tensors and lower the loss; a basis without a CPU form still runs, through `evaluate`.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@kanjs/basis-gaussian/register';
import '@kanjs/basis-bspline/register';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBasis, type Basis } from '@kanjs/basis-core';
import { hasFusedBasisLinear } from '@kanjs/kernels';
import { AdamW, basisLinear, genericBasisLinear, initialState, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { expectStepsLowerLoss, relativeError, rng, uniform } from '@kanjs/testing';
import { registerWasmKernels } from '../src/index.js';

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
      it(`a ${layer} step runs the fused kernels, leaves numTensors unchanged and lowers the loss`, async () => {
        const model = kan({ layers: [20, 8, 4], layer, seed: 1 });
        const optimizer = new AdamW(1e-2, 1e-4);
        const x = tf.tensor2d(Float32Array.from(uniform(rng(3), 16 * 20, -1, 1)), [16, 20]);
        const profile = await tf.profile(() => tf.tidy(() => model.apply(x) as tf.Tensor));
        expect(profile.kernels.map((k) => k.name)).toContain('KanBasisLinear');
        tf.dispose(profile.result as tf.Tensor);
        await expectStepsLowerLoss(optimizer, (input) => model.apply(input, { training: true }) as tf.Tensor2D, softmaxCrossEntropy, x);
        x.dispose();
        optimizer.dispose();
        model.dispose();
      });
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
