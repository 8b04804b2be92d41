// Every fused kanjs kernel on the tfjs `wasm` and `cpu` backends, registered once.
import * as tf from '@tensorflow/tfjs-core';
import { BASIS_LINEAR_CPU_KERNELS, declareFusedBasisLinear } from './kernels/basis-linear.js';
import { loadKernelModule } from './wasm/module.js';

let registered: Promise<void> | undefined;

/**
 * Compiles the kernels' wasm module and registers the fused kernels on the `wasm` and `cpu` backends (once):
 * `basisLinear` then runs them for bases with a CPU form (Gaussian, RSWAF, B-spline). Rejects, registering
 * nothing, where the engine has no wasm SIMD.
 */
export function registerWasmKernels(): Promise<void> {
  registered ??= loadKernelModule().then(() => {
    for (const config of BASIS_LINEAR_CPU_KERNELS) tf.registerKernel(config);
    declareFusedBasisLinear();
  });
  return registered;
}
