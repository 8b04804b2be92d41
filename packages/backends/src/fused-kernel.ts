// Which path the KAN spline branch takes on a backend: its fused kernels, or the generic composition.
import * as tf from '@tensorflow/tfjs-core';
import type { Basis } from '@kanjs/basis-core';
import { hasFusedBasisLinear } from '@kanjs/kernels';

/**
 * Whether `basisLinear` (every KAN layer's spline branch) runs this basis through the fused kernels on a backend
 * (default: the active one), rather than `evaluate` + `matMul`: the backend fuses it, the basis has that
 * backend's snippet with K ≤ MAX_FUSED_K, and on webgpu its WGSL snippet has compiled on the device.
 */
export function hasFusedKernel(basis: Basis, backendName: string = tf.getBackend()): boolean {
  return hasFusedBasisLinear(backendName, basis);
}
