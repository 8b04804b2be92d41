// A basis with trainable state on the wasm and cpu backends, with the fused kernels registered: the documented
// fallback (@kanjs/testing's trainableFallbackSuite): the generic composition, one warning, the state's gradient.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@kanjs/basis-gaussian/register';
import { beforeAll } from 'vitest';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { trainableFallbackSuite } from '@kanjs/testing';
import { registerWasmKernels } from '../src/index.js';

beforeAll(async () => {
  await registerWasmKernels();
});

for (const backend of ['wasm', 'cpu'] as const) {
  trainableFallbackSuite(backend, { basisLinear, genericBasisLinear, initialState }, async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });
}
