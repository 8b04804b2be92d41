// A basis with trainable state on cuda, with the fused kernels registered: the documented fallback
// (@kanjs/testing's trainableFallbackSuite): the generic composition, one warning, the state's gradient.
// Skips without a CUDA device.
import '@tensorflow/tfjs-layers';
import '@kanjs/basis-gaussian/register';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { trainableFallbackSuite } from '@kanjs/testing';
import { setTF32 } from '../src/index.js';
import { cudaOrSkipReason } from './device.js';

const reason = await cudaOrSkipReason();

trainableFallbackSuite('cuda', { basisLinear, genericBasisLinear, initialState }, async () => setTF32(false), () => reason);
