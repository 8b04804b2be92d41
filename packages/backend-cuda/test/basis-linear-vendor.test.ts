// The chunked vendor path of KanBasisLinear (the basis a chunk of features at a time, the products by cuBLAS),
// forced on, against the generic composition on the same backend: the shapes of the fused kernels' test, every
// installed basis with a CUDA snippet at chunkings that leave a ragged last chunk or hold one feature of one row,
// and 1024 → 1024 @4096. fp32 and TF32. Skips without a CUDA device.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import { createBasis, type Basis, type BasisConfig } from '@kanjs/basis-core';
import { hasFusedBasisLinear } from '@kanjs/kernels';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { registerInstalledBases } from '@kanjs/kan-layers/node';
import { fusedAgainstGeneric, fusedCases, type FusedShape } from '@kanjs/testing';
import { VENDOR_CHUNK_BYTES, setBasisLinearPath, setTF32 } from '../src/index.js';
import { chunkFeatures } from '../src/kernels/basis-linear-vendor.js';
import { cudaOrSkipReason } from './device.js';

const skip = (await cudaOrSkipReason()) !== null;
const installed = await registerInstalledBases();
afterAll(async () => {
  setBasisLinearPath('auto');
  if (!skip) setTF32(false);
  await tf.setBackend('cpu');
});

/** The ops of the comparison, with the vendor path forced (and TF32 on, if asked) for the fused side only. */
function vendorOps(chunkBytes: number | undefined, tf32: boolean) {
  return {
    fused: basisLinear,
    generic: genericBasisLinear,
    initialState,
    setup: (fused: boolean) => {
      setBasisLinearPath(fused ? 'vendor' : 'auto', chunkBytes === undefined ? {} : { chunkBytes });
      if (tf32) setTF32(fused);
    },
  };
}

/** A scratch budget that gives chunks of `features` input features for this shape and basis. */
const budgetFor = (shape: FusedShape, basis: Basis, features: number) => 4 * shape.batch * basis.size * features;

async function expectAgrees(basis: Basis, shape: FusedShape, seed: number, options: { chunkBytes?: number; tf32?: boolean } = {}): Promise<void> {
  await tf.setBackend('cuda');
  const errors = await fusedAgainstGeneric(vendorOps(options.chunkBytes, options.tf32 ?? false), basis, shape, seed);
  setBasisLinearPath('auto');
  setTF32(false);
  const [forward, gradients] = options.tf32 ? [5e-3, 5e-3] : [1e-5, 1e-4];
  expect(errors.y).toBeLessThanOrEqual(forward);
  expect(errors.dx).toBeLessThanOrEqual(gradients);
  expect(errors.dw).toBeLessThanOrEqual(gradients);
}

describe('the vendor path chunks the input features (no device needed)', () => {
  it('keeps [batch, chunk·K] within the budget, at least one feature, spread evenly', () => {
    expect(chunkFeatures(4096, 1024, 8, 16 * 2 ** 20)).toBe(128);
    expect(chunkFeatures(4096, 301, 8, 16 * 2 ** 20)).toBe(101); // 3 chunks: 101, 101, 99
    expect(chunkFeatures(4096, 1024, 8, 1)).toBe(1);
    expect(chunkFeatures(1, 3, 8, 16 * 2 ** 20)).toBe(3);
    for (const [batch, inFeatures, size, budget] of [[150, 19, 20, 4 * 150 * 20 * 3], [7, 1000, 5, 4096], [16384, 4096, 8, 16 * 2 ** 20]] as const) {
      const C = chunkFeatures(batch, inFeatures, size, budget);
      expect(C).toBeGreaterThanOrEqual(1);
      expect(4 * batch * size * C).toBeLessThanOrEqual(Math.max(budget, 4 * batch * size));
      const most = Math.min(inFeatures, Math.max(1, Math.floor(budget / (4 * batch * size))));
      expect(Math.ceil(inFeatures / C)).toBe(Math.ceil(inFeatures / most)); // spreading evenly adds no chunk
    }
  });
});

describe.skipIf(skip)('the vendor path of basisLinear on cuda, fp32', () => {
  for (const [n, { config, shape }] of fusedCases().entries()) {
    it(`agrees with the composition: ${JSON.stringify(config)}, in ${shape.inFeatures}, out ${shape.out}, batch ${shape.batch}`, async () => {
      await expectAgrees(createBasis(config, shape.inFeatures), shape, n);
    });
  }

  it('agrees with a ragged last chunk at the default budget: gaussian, in 1201, out 130, batch 4096', async () => {
    // 64 MiB holds 512 features of K = 8 at batch 4096: 3 chunks of 401, 401 and 399.
    expect(chunkFeatures(4096, 1201, 8, VENDOR_CHUNK_BYTES)).toBe(401);
    await expectAgrees(createBasis({ name: 'gaussian', numCenters: 8 }, 1201), { inFeatures: 1201, out: 130, batch: 4096 }, 41);
  });

  for (const name of installed) {
    const shapes: { shape: FusedShape; features: number | null }[] = [
      { shape: { inFeatures: 19, out: 70, batch: 150 }, features: 4 }, // chunks of 4, 4, 4, 4, 3
      { shape: { inFeatures: 3, out: 10, batch: 1 }, features: 1 }, // one feature of one row per chunk
      { shape: { inFeatures: 100, out: 64, batch: 1000 }, features: null }, // the default budget: one chunk
    ];
    for (const [n, { shape, features }] of shapes.entries()) {
      it(`agrees with the composition for ${name}: in ${shape.inFeatures}, out ${shape.out}, batch ${shape.batch}, ${features ?? 'default'} features per chunk`, async (context) => {
        const basis = createBasis(name, shape.inFeatures);
        if (!hasFusedBasisLinear('cuda', basis)) context.skip(); // no CUDA snippet, K too large, or trainable state
        await expectAgrees(basis, shape, 200 + n, features === null ? {} : { chunkBytes: budgetFor(shape, basis, features) });
      });
    }
  }
});

describe.skipIf(skip)('the vendor path of basisLinear on cuda, TF32', () => {
  const configs: BasisConfig[] = [
    { name: 'gaussian', numCenters: 8 },
    { name: 'bspline', gridSize: 5, splineOrder: 3 },
  ];
  for (const config of configs) {
    const shape = { inFeatures: 19, out: 70, batch: 150 };
    it(`agrees with the fp32 composition to 5e-3: ${JSON.stringify(config)}, in 19, out 70, batch 150, chunks of 4 features`, async () => {
      const basis = createBasis(config, shape.inFeatures);
      await expectAgrees(basis, shape, 300, { tf32: true, chunkBytes: budgetFor(shape, basis, 4) });
    });
  }
});

describe.skipIf(skip)('the vendor path at 1024 → 1024 @4096 (8 chunks of 128 features)', () => {
  const shape = { inFeatures: 1024, out: 1024, batch: 4096 };
  for (const config of [{ name: 'gaussian', numCenters: 8 }, { name: 'bspline', gridSize: 5, splineOrder: 3 }] as BasisConfig[]) {
    for (const tf32 of [false, true]) {
      it(`agrees with the composition: ${config.name}, ${tf32 ? 'TF32' : 'fp32'}`, { timeout: 120_000 }, async () => {
        await expectAgrees(createBasis(config, shape.inFeatures), shape, 400, { tf32 });
      });
    }
  }
});
