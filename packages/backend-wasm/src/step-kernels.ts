// The switch for the fused kernels of the rest of a training step on wasm and cpu (LayerNorm, the SiLU base
// branch, AdamW, the softmax cross-entropy) and of FastKAN's whole-layer inference forward: on by default once
// registerWasmKernels() has resolved; off, those run tfjs's composition, as without this package, for comparisons.
// KanBasisLinear stays fused either way.
import * as tf from '@tensorflow/tfjs-core';
import { ADAMW_CPU_KERNELS } from './kernels/adamw.js';
import { declareFusedBase } from './kernels/basis-linear.js';
import { declareFusedFastKANLayer } from './kernels/fastkan-layer.js';
import { declareFusedLayerNorm } from './kernels/layer-norm.js';
import { SOFTMAX_CROSS_ENTROPY_CPU_KERNELS } from './kernels/softmax-cross-entropy.js';

/** The kernels that kan-layers finds by name (AdamW and the loss look them up with tf.getKernel). */
const NAMED_KERNELS: readonly tf.KernelConfig[] = [...ADAMW_CPU_KERNELS, ...SOFTMAX_CROSS_ENTROPY_CPU_KERNELS];

let wanted = true;
let loaded = false;

function apply(): void {
  for (const config of NAMED_KERNELS) {
    const present = tf.getKernel(config.kernelName, config.backendName) !== undefined;
    if (wanted && !present) tf.registerKernel(config);
    if (!wanted && present) tf.unregisterKernel(config.kernelName, config.backendName);
  }
  declareFusedLayerNorm(wanted);
  declareFusedBase(wanted);
  declareFusedFastKANLayer(wanted);
}

/** Applies the switch once the module has loaded (called by registerWasmKernels). */
export function enableStepKernels(): void {
  loaded = true;
  apply();
}

/**
 * Turns the fused LayerNorm, SiLU base branch, AdamW and softmax cross-entropy kernels and FastKAN's fused layer
 * forward on wasm and cpu on (the default) or off. Takes effect at once where registerWasmKernels() has resolved,
 * else when it does.
 */
export function setFusedStepKernels(on: boolean): void {
  wanted = on;
  if (loaded) apply();
}
