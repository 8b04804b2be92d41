// FastKAN's whole-layer kernel contract: the kernel names, and which backends fuse them for which bases.
import type { Basis } from '@kanjs/basis-core';
import { hasFusedBasisLinear } from './basis-linear.js';

/**
 * The names of FastKAN's fused layer kernels, y = basisLinear(LayerNorm(x), Ws) + SiLU(x)·Wb + bb in one kernel
 * and all its gradients in another. A backend that fuses them registers both; `attrs.basis` holds the `Basis`
 * and `attrs.epsilon` LayerNorm's ε; state is in `basis.stateSpecs` order:
 *
 * - forward `[x [B, in], γ [in], β [in], Ws [in·K, out], Wb [in, out], bb [out], ...state]` → y [B, out]
 * - grad `[dy [B, out], x, γ, β, Ws, Wb, ...state]` → `[dx, dγ, dβ, dWs, dWb, dbb]`, the gradients of Σ dy ⊙ y
 */
export const FASTKAN_LAYER_KERNELS = {
  forward: 'KanFastKANLayer',
  grad: 'KanFastKANLayerGrad',
} as const;

const fusedBackends = new Map<string, boolean>();

/** Declares (or, with `fused` false, withdraws) a backend's fused FastKAN layer kernels, for the bases its basis-linear kernels fuse. */
export function registerFusedFastKANLayer(backendName: string, fused = true): void {
  fusedBackends.set(backendName, fused);
}

/** Whether a FastKAN layer over this basis runs as the fused layer kernels on this backend. */
export function hasFusedFastKANLayer(backendName: string, basis: Basis): boolean {
  return fusedBackends.get(backendName) === true && hasFusedBasisLinear(backendName, basis);
}
