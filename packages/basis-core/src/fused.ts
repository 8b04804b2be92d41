import type { Basis } from './types.js';

/**
 * The names of the hot op's kernels. A backend that fuses `basisLinear` registers all three with
 * `tf.registerKernel`; their inputs are arrays `[x, weight, ...state]`, `[dy, x, weight, ...state]` and
 * `[dy, x, ...state]` (state in `basis.stateSpecs` order), and `attrs.basis` holds the `Basis`.
 *
 * - forward: y [batch, out] = Σᵢ Σₖ Bₖ(x[b, i]) · W[i·K + k, o]
 * - gradInput: dx [batch, in]
 * - gradWeight: dW [in·K, out]
 */
export const BASIS_LINEAR_KERNELS = {
  forward: 'KanBasisLinear',
  gradInput: 'KanBasisLinearGradInput',
  gradWeight: 'KanBasisLinearGradWeight',
} as const;

const fusedBackends = new Map<string, (basis: Basis) => boolean>();

/** Declares that a backend has fused basis-linear kernels, and for which bases (usually: those with its snippet). */
export function registerFusedBasisLinear(backendName: string, supports: (basis: Basis) => boolean): void {
  fusedBackends.set(backendName, supports);
}

/** Whether `basisLinear` on this backend runs the fused kernels for this basis. */
export function hasFusedBasisLinear(backendName: string, basis: Basis): boolean {
  return fusedBackends.get(backendName)?.(basis) ?? false;
}

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

/** Declares that a backend has fused LayerNorm kernels. */
export function registerFusedLayerNorm(backendName: string): void {
  fusedLayerNorm.add(backendName);
}

/** Whether `layerNorm` on this backend runs the fused kernels. */
export function hasFusedLayerNorm(backendName: string): boolean {
  return fusedLayerNorm.has(backendName);
}

/**
 * The fused AdamW step: every variable's update in one kernel (per launch, a few variables at a time), with the
 * arithmetic of the composition that `AdamW` runs otherwise, operation for operation in float32:
 *
 *     p ← p·decay;  m ← m·β₁ + g·(1 − β₁);  v ← v·β₂ + g²·(1 − β₂)
 *     p ← (m/(1 − β₁ᵗ)) / (√(v/(1 − β₂ᵗ)) + ε) · (−lr) + p
 *
 * Inputs: an array `[accBeta1, accBeta2, p₀, g₀, m₀, v₀, p₁, g₁, …]`, where accBeta1 and accBeta2 are the
 * scalar tensors β₁ᵗ and β₂ᵗ. Attrs: `beta1`, `beta2`, `epsilon`, `learningRate`, and `decays` (one factor
 * per variable: 1 − lr·weightDecay, or 1 for a variable that is not trainable). Outputs `[p₀', m₀', v₀', p₁', …]`.
 */
export const ADAMW_KERNEL = 'KanAdamW';

/** The attrs of `ADAMW_KERNEL`: the optimizer's constants, and one decay factor per variable. */
export interface AdamWAttrs {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly learningRate: number;
  readonly decays: readonly number[];
}

/**
 * The fused softmax cross-entropy: `tf.losses.softmaxCrossEntropy(labels, logits)` with its defaults (no
 * weights, no label smoothing, the mean over the batch), as two kernels a backend may register:
 *
 * - forward `[labels [B, C], logits [B, C]]` → the scalar loss −(1/B) Σ_b Σ_c labels[b, c]·(logits[b, c] − lse_b),
 *   lse_b = log Σ_c exp(logits[b, c]);
 * - grad `[dy (scalar), labels, logits]` → dlogits [B, C] = (dy/B)·(softmax(logits)[b, c] − labels[b, c]), the
 *   gradient tfjs-core gives the composition (exact for labels whose rows sum to 1).
 *
 * `softmaxCrossEntropy` in @kanjs/kan-layers runs them wherever both are registered.
 */
export const SOFTMAX_CROSS_ENTROPY_KERNELS = {
  forward: 'KanSoftmaxCrossEntropy',
  grad: 'KanSoftmaxCrossEntropyGrad',
} as const;

/** Checks the labels and logits a backend's fused loss kernel gets; returns [batch, classes]. */
export function softmaxCrossEntropyShape(
  backendName: string,
  labels: { readonly shape: readonly number[]; readonly dtype: string },
  logits: { readonly shape: readonly number[]; readonly dtype: string },
): [number, number] {
  if (logits.shape.length !== 2 || labels.shape.join() !== logits.shape.join() || labels.dtype !== 'float32' || logits.dtype !== 'float32') {
    throw new Error(`${backendName}: ${SOFTMAX_CROSS_ENTROPY_KERNELS.forward} expects float32 labels and logits of one shape [batch, classes], got ${labels.dtype} [${labels.shape.join(', ')}] and ${logits.dtype} [${logits.shape.join(', ')}].`);
  }
  return [logits.shape[0]!, logits.shape[1]!];
}
