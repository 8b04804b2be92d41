// The fused AdamW step on wasm and cpu against AdamW's composition on the same backend (the fused step kernels
// switched off): five steps on variables of odd sizes (one frozen, one without a gradient), to float32 rounding.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADAMW_KERNEL } from '@kanjs/kernels';
import { AdamW } from '@kanjs/kan-layers';
import { adamSteps, relativeError } from '@kanjs/testing';
import { registerWasmKernels, setFusedStepKernels } from '../src/index.js';

beforeAll(async () => {
  await registerWasmKernels();
});

afterEach(() => {
  setFusedStepKernels(true);
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`fused AdamW on ${backend}`, () => {
    beforeAll(async () => {
      await tf.setBackend(backend);
      await tf.ready();
    });

    it('is one kernel for every variable, and equals the composition to float32 rounding over five steps', async () => {
      const fused = await adamSteps(() => new AdamW(0.01, 0.1));
      expect(fused.kernels.filter((name) => name === ADAMW_KERNEL)).toHaveLength(1);
      setFusedStepKernels(false);
      expect(tf.getKernel(ADAMW_KERNEL, backend)).toBeUndefined();
      const composed = await adamSteps(() => new AdamW(0.01, 0.1));
      expect(composed.kernels).not.toContain(ADAMW_KERNEL);
      expect(fused.values.length).toBe(composed.values.length);
      fused.values.forEach((v, i) => expect(relativeError(v, composed.values[i]!)).toBeLessThanOrEqual(1e-6));
    });
  });
}
