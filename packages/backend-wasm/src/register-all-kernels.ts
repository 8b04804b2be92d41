// Every fused kanjs kernel on the tfjs `wasm` and `cpu` backends, registered once.
import * as tf from '@tensorflow/tfjs-core';
import { BASIS_LINEAR_CPU_KERNELS, declareFusedBasisLinear } from './kernels/basis-linear.js';
import { conv2dBackpropFilterConfig } from './kernels/conv2d-backprop-filter.js';
import { FASTKAN_LAYER_CPU_KERNELS } from './kernels/fastkan-layer.js';
import { LAYER_NORM_CPU_KERNELS } from './kernels/layer-norm.js';
import { enableStepKernels } from './step-kernels.js';
import { loadKernelModule } from './wasm/module.js';

let registered: Promise<void> | undefined;

/**
 * Compiles the kernels' wasm module and registers the fused kernels on the `wasm` and `cpu` backends (once):
 * `basisLinear` then runs them for bases with a CPU form (Gaussian, RSWAF, B-spline, …), and the SiLU base branch,
 * `layerNorm`, AdamW and `softmaxCrossEntropy` run theirs, and FastKAN's inference forward is one kernel (see
 * `setFusedStepKernels`). Rejects, registering no
 * fused kernel, where the engine has no wasm SIMD. Also registers, SIMD or not, the conv2d filter gradient that
 * tfjs-backend-wasm lacks (Conv2DBackpropFilter), unless one is registered already.
 */
export function registerWasmKernels(): Promise<void> {
  if (registered === undefined && tf.getKernel(conv2dBackpropFilterConfig.kernelName, 'wasm') === undefined) tf.registerKernel(conv2dBackpropFilterConfig);
  registered ??= loadKernelModule().then(() => {
    for (const config of [...BASIS_LINEAR_CPU_KERNELS, ...LAYER_NORM_CPU_KERNELS, ...FASTKAN_LAYER_CPU_KERNELS]) tf.registerKernel(config);
    declareFusedBasisLinear();
    enableStepKernels();
  });
  return registered;
}
