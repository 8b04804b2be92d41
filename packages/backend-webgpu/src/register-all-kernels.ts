// Every fused kanjs kernel on the tfjs `webgpu` backend, registered once.
import * as tf from '@tensorflow/tfjs-core';
import { registerWebGPUFlags } from './flags-webgpu.js';
import { ADAMW_WEBGPU_KERNELS } from './kernels/adamw.js';
import { BASIS_LINEAR_WEBGPU_KERNELS, declareFusedBasisLinear } from './kernels/basis-linear.js';
import { LAYER_NORM_WEBGPU_KERNELS, declareFusedLayerNorm } from './kernels/layer-norm.js';
import { SOFTMAX_CROSS_ENTROPY_WEBGPU_KERNELS } from './kernels/softmax-cross-entropy.js';
import { splitSumKernel } from './kernels/sum.js';

let registered = false;

/**
 * Registers the fused kernels on the `webgpu` backend (once; tfjs-backend-webgpu must be imported first):
 * `basisLinear` then uses them for bases with a WGSL snippet, `layerNorm` (FastKAN's) for every input, `AdamW` and
 * `softmaxCrossEntropy` (@kanjs/kan-layers) for their steps; long sums with few outputs (a loss) are split in two
 * passes. It registers the switches of flags-webgpu.ts too.
 */
export function registerWebGPUKernels(): void {
  if (registered) return;
  registered = true;
  registerWebGPUFlags();
  for (const config of [...BASIS_LINEAR_WEBGPU_KERNELS, ...LAYER_NORM_WEBGPU_KERNELS, ...ADAMW_WEBGPU_KERNELS, ...SOFTMAX_CROSS_ENTROPY_WEBGPU_KERNELS]) {
    tf.registerKernel(config);
  }
  declareFusedBasisLinear();
  declareFusedLayerNorm();
  const sum = splitSumKernel();
  if (sum !== undefined) {
    tf.unregisterKernel('Sum', 'webgpu');
    tf.registerKernel(sum);
  }
}
