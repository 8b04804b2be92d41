// A basis with trainable state on webgpu, with the fused kernels registered: the documented fallback
// (@kanjs/testing's trainableFallbackSuite): the generic composition, one warning, the state's gradient.
// Runs on SwiftShader without a GPU.
import '@tensorflow/tfjs-layers';
import '@kanjs/basis-gaussian/register';
import { createBasis } from '@kanjs/basis-core';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { trainableFallbackSuite } from '@kanjs/testing';
import { checkFusedBasis } from '../src/index.js';
import { activate, webgpuForTests } from './gpu.js';

const gpu = await webgpuForTests();

trainableFallbackSuite(
  'webgpu',
  { basisLinear, genericBasisLinear, initialState },
  async () => {
    await activate('webgpu');
    // Settles the snippet check, so the fixed Gaussian is known to be fused before the suite asks.
    await checkFusedBasis(createBasis({ name: 'gaussian', numCenters: 5 }, 4));
  },
  () => (gpu.skip ? (gpu.reason ?? 'no WebGPU adapter') : null),
);
