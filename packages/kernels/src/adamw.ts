// The fused AdamW step's kernel contract: its name and attrs.

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
