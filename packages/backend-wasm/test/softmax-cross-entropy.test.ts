// The fused softmax cross-entropy on wasm and cpu against tfjs-core's composition on the same backend (the fused
// step kernels switched off): the loss and its gradient to 1e-5, one-hot and soft labels, odd class counts.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SOFTMAX_CROSS_ENTROPY_KERNELS } from '@kanjs/kernels';
import { softmaxCrossEntropy } from '@kanjs/kan-layers';
import { lossInputs, lossValueAndGrad, relativeError } from '@kanjs/testing';
import { registerWasmKernels, setFusedStepKernels } from '../src/index.js';

beforeAll(async () => {
  await registerWasmKernels();
});

afterEach(() => {
  setFusedStepKernels(true);
});

const CASES: [batch: number, classes: number, soft: boolean][] = [[1, 1, false], [7, 10, false], [64, 10, false], [5, 3, true], [300, 37, true]];

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`fused softmax cross-entropy on ${backend}`, () => {
    beforeAll(async () => {
      await tf.setBackend(backend);
      await tf.ready();
    });

    for (const [batch, classes, soft] of CASES) {
      it(`matches the composition: batch ${batch}, ${classes} classes${soft ? ', soft labels' : ''} (loss and dlogits 1e-5)`, async () => {
        const inputs = lossInputs(batch, classes, soft, batch * 31 + classes);
        setFusedStepKernels(false);
        const expected = await lossValueAndGrad(softmaxCrossEntropy, inputs, batch, classes);
        setFusedStepKernels(true);
        const actual = await lossValueAndGrad(softmaxCrossEntropy, inputs, batch, classes);
        expect(expected.kernels).not.toContain(SOFTMAX_CROSS_ENTROPY_KERNELS.forward);
        expect(actual.kernels).toEqual(expect.arrayContaining(Object.values(SOFTMAX_CROSS_ENTROPY_KERNELS)));
        expect(relativeError(actual.loss, expected.loss)).toBeLessThanOrEqual(1e-5);
        expect(relativeError(actual.grad, expected.grad)).toBeLessThanOrEqual(1e-5);
      });
    }
  });
}
