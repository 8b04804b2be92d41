// A backend's tfjs KernelConfigs for the kernels of one contract, by the contract's names.
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';

/** One KernelConfig per kernel in `names` (e.g. LAYER_NORM_KERNELS), with the function `funcs` gives for its key. */
export function kernelConfigs<K extends string>(names: Readonly<Record<K, string>>, backendName: string, funcs: Readonly<Record<K, KernelFunc>>): KernelConfig[] {
  return (Object.keys(names) as K[]).map((key) => ({ kernelName: names[key], backendName, kernelFunc: funcs[key] }));
}
