// FastKAN's LayerNorm kernel contract: the kernel names, and which backends fuse them.

/**
 * The names of the LayerNorm kernels (FastKAN's input normalisation over the last axis, biased variance). A
 * backend that fuses it registers all four; inputs are arrays, `attrs.epsilon` holds ε:
 *
 * - forward `[x [B, n], γ [n], β [n]]` → y
 * - gradInput `[dy, x, γ]` → dx; gradGamma `[dy, x]` → dγ; gradBeta `[dy]` → dβ
 */
export const LAYER_NORM_KERNELS = {
  forward: 'KanLayerNorm',
  gradInput: 'KanLayerNormGradInput',
  gradGamma: 'KanLayerNormGradGamma',
  gradBeta: 'KanLayerNormGradBeta',
} as const;

const fusedLayerNorm = new Set<string>();

/** Declares that a backend has fused LayerNorm kernels (or, with `fused` false, that `layerNorm` should not run them). */
export function registerFusedLayerNorm(backendName: string, fused = true): void {
  if (fused) fusedLayerNorm.add(backendName);
  else fusedLayerNorm.delete(backendName);
}

/** Whether `layerNorm` on this backend runs the fused kernels. */
export function hasFusedLayerNorm(backendName: string): boolean {
  return fusedLayerNorm.has(backendName);
}
