// The fused LayerNorm kernels on wasm and cpu against the composition of tfjs ops on the same backend (the fused
// step kernels switched off): forward to 1e-5, dx, dγ and dβ to 1e-4, over widths that are and are not multiples
// of 4 (the SIMD tails).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LAYER_NORM_KERNELS, hasFusedLayerNorm } from '@kanjs/kernels';
import { layerNorm } from '@kanjs/kan-layers';
import { layerNormValueAndGrads, relativeError } from '@kanjs/testing';
import { registerWasmKernels, setFusedStepKernels } from '../src/index.js';

const run = (batch: number, n: number, seed: number) => layerNormValueAndGrads(layerNorm, batch, n, seed);

beforeAll(async () => {
  await registerWasmKernels();
});

afterEach(() => {
  setFusedStepKernels(true);
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`fused LayerNorm on ${backend}`, () => {
    beforeAll(async () => {
      await tf.setBackend(backend);
      await tf.ready();
    });

    it('is declared, and the switch withdraws it', () => {
      expect(hasFusedLayerNorm(backend)).toBe(true);
      setFusedStepKernels(false);
      expect(hasFusedLayerNorm(backend)).toBe(false);
    });

    // (With 2 features every row normalises to ±1 and dx is rounding noise, so the smallest width here is 3.)
    for (const [batch, n] of [[1, 5], [7, 3], [64, 100], [5, 784], [33, 1000], [8, 101], [200, 10], [3, 37]] as const) {
      it(`matches the composition: batch ${batch}, ${n} features (forward 1e-5, dx dγ dβ 1e-4)`, async () => {
        setFusedStepKernels(false);
        const expected = await run(batch, n, batch + n);
        setFusedStepKernels(true);
        const actual = await run(batch, n, batch + n);
        expect(expected.kernels).not.toContain(LAYER_NORM_KERNELS.forward);
        expect(actual.kernels).toEqual(expect.arrayContaining(Object.values(LAYER_NORM_KERNELS)));
        expect(relativeError(actual.values[0]!, expected.values[0]!)).toBeLessThanOrEqual(1e-5);
        for (let i = 1; i < 4; i++) expect(relativeError(actual.values[i]!, expected.values[i]!)).toBeLessThanOrEqual(1e-4);
      });
    }
  });
}
