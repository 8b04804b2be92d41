// The fused softmax cross-entropy's kernel contract: its kernel names, and the shapes its kernels take.

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
