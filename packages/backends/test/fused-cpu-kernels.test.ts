// useBackend('wasm' | 'cpu') registers @kanjs/backend-wasm's fused kernels where it is installed (here: the
// workspace package), and says so in details.fusedKernels.
import * as tf from '@tensorflow/tfjs-core';
import '@kanjs/basis-gaussian/register';
import { describe, expect, it } from 'vitest';
import { createBasis } from '@kanjs/basis-core';
import { hasFusedBasisLinear } from '@kanjs/kernels';
import { useBackend } from '@kanjs/backends';

describe('the fused CPU kernels through the router', () => {
  for (const name of ['wasm', 'cpu'] as const) {
    it(`useBackend('${name}') registers them`, async () => {
      const info = await useBackend(name);
      expect(info.name).toBe(name);
      expect(info.details?.['fusedKernels']).toBe('@kanjs/backend-wasm');
      expect(hasFusedBasisLinear(name, createBasis('gaussian', 4))).toBe(true);
      expect(tf.getKernel('KanBasisLinear', name)).toBeDefined();
    });
  }
});
