import * as tf from '@tensorflow/tfjs-core';
import { describe } from '@kanjs/basis-core';

/** The regularisations a KAN layer can add to the loss that `model.fit` minimises. */
export const REGULARIZER_KINDS = ['efficient-kan', 'pykan'] as const;

/**
 * A KAN layer's `regularizer` option: λ_l1 · L1 + λ_entropy · entropy, over the spline weights (efficient-kan's
 * `regularization_loss`) or over the edge activations of the training batch (pykan's `reg`, metric
 * 'edge_forward_spline_n').
 */
export interface KANRegularizer {
  /** Which regularisation. Default 'efficient-kan'. */
  readonly kind?: (typeof REGULARIZER_KINDS)[number];
  /** λ_l1, the weight of the L1 term. Default 0. */
  readonly l1?: number;
  /** λ_entropy, the weight of the entropy term. Default 0. */
  readonly entropy?: number;
}

/** The option checked, with its defaults filled in; null when the layer has none. */
export function regularizerOption(owner: string, option: KANRegularizer | undefined): Required<KANRegularizer> | null {
  if (option === undefined || option === null) return null;
  if (typeof option !== 'object') throw new Error(`${owner}: regularizer must be an object { kind, l1, entropy }, got ${describe(option)}.`);
  const { kind = 'efficient-kan', l1 = 0, entropy = 0 } = option;
  if (!(REGULARIZER_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`${owner}: regularizer.kind must be one of ${REGULARIZER_KINDS.join(', ')}, got ${describe(kind)}.`);
  }
  for (const [field, value] of [['l1', l1], ['entropy', entropy]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`${owner}: regularizer.${field} must be a finite number ≥ 0, got ${describe(value)}.`);
    }
  }
  return { kind, l1, entropy };
}

/**
 * efficient-kan's `KANLinear.regularization_loss` from the unscaled spline coefficients [in, K, out]: with
 * a[i, o] = mean over k of |Ws[i, k, o]| and p = a / Σ a,
 *
 *     l1 · Σ a + entropy · (−Σ p log p)
 *
 * Terms with p = 0 count as 0 and a layer whose a are all 0 has no entropy (efficient-kan gives NaN for both).
 * Differentiable, with finite gradients everywhere (0 through the p = 0 terms).
 */
export function splineRegularization(coefficients: tf.Tensor3D, l1: number, entropy: number): tf.Scalar {
  return tf.tidy(() => {
    const scale = tf.mean(tf.abs(coefficients), 1); // [in, out]
    return tf.add(tf.mul(l1, tf.sum(scale)), tf.mul(entropy, normalizedEntropy(scale))) as tf.Scalar;
  });
}

/**
 * H(a) = −Σ p log p with p = a / Σ a, for a ≥ 0 (any shape), 0·log 0 counted as 0 and H = 0 when every a is 0.
 * Its gradient ∂H/∂aⱼ = −(log pⱼ + H) / Σ a where aⱼ > 0, and 0 where aⱼ = 0 (there the true one is +∞; |·| in
 * front of it has gradient 0 at 0 anyway). Written out because the chain rule through a / Σ a and log(a + ε) gives
 * 0/0 or 0·(−∞) = NaN at those points, and wasm flushes a tiny ε to 0.
 */
function normalizedEntropy(a: tf.Tensor): tf.Scalar {
  const entropyOf = tf.customGrad((input, save) => {
    const values = input as tf.Tensor;
    const positive = tf.greater(values, 0);
    const total = tf.sum(values);
    const p = tf.div(values, tf.where(tf.greater(total, 0), total, tf.onesLike(total)));
    const logP = tf.log(tf.where(positive, p, tf.onesLike(p))); // log p where p > 0, else 0
    const value = tf.neg(tf.sum(tf.mul(p, logP))) as tf.Scalar;
    (save as tf.GradSaveFunc)([positive, logP, total, value]);
    return {
      value,
      gradFunc: (dy, [isPositive, logOfP, sum, entropyValue]) =>
        tf.mul(dy, tf.where(isPositive!, tf.divNoNan(tf.neg(tf.add(logOfP!, entropyValue!)), sum!), tf.zerosLike(logOfP!))),
    };
  });
  return entropyOf(a) as tf.Scalar;
}

/**
 * pykan's `MultKAN.reg` for one layer (metric 'edge_forward_spline_n') from the layer input x [batch, in] and the
 * numeric edge outputs φ [batch, in, out] on that batch: with the edge scales
 * v[i, o] = std(φ[:, i, o]) / (std(x[:, i]) + 0.1) (unbiased std),
 *
 *     l1 · Σ v + entropy · (H_in + H_out)
 *     H_in  = −mean_o Σ_i p log₂(p + 1e-4),  p = v[i, o] / (Σ_i v[i, o] + 1)
 *     H_out = −mean_i Σ_o q log₂(q + 1e-4),  q = v[i, o] / (Σ_o v[i, o] + 1)
 *
 * A batch of one has no spread and gives 0. Differentiable, with a zero (not NaN) gradient through edges that
 * are constant on the batch (masked or pruned edges).
 */
export function activationRegularization(x: tf.Tensor2D, edges: tf.Tensor3D, l1: number, entropy: number): tf.Scalar {
  return tf.tidy(() => {
    const scale = tf.div(std(edges), tf.expandDims(tf.add(std(x), 0.1), 1)); // [in, out]
    const entropyAlong = (axis: number) => {
      const p = tf.div(scale, tf.add(tf.sum(scale, axis, true), 1));
      return tf.neg(tf.mean(tf.sum(tf.mul(p, tf.div(tf.log(tf.add(p, 1e-4)), Math.LN2)), axis)));
    };
    return tf.add(tf.mul(l1, tf.sum(scale)), tf.mul(entropy, tf.add(entropyAlong(0), entropyAlong(1)))) as tf.Scalar;
  });
}

/**
 * torch.std(dim=0), the unbiased standard deviation over the batch (0 for a batch of one, where torch gives NaN),
 * with its exact gradient (xᵦ − x̄) / ((n − 1)·std) where std > 0 and 0 where the column is constant, as it is for
 * a masked or pruned edge: the gradient of √var at var = 0 is ∞, and tfjs's chain rule would give ∞·0 = NaN.
 */
function std(x: tf.Tensor): tf.Tensor {
  const denominator = Math.max(x.shape[0]! - 1, 1);
  const deviation = tf.customGrad((input, save) => {
    const centred = tf.sub(input as tf.Tensor, tf.mean(input as tf.Tensor, 0));
    const value = tf.sqrt(tf.div(tf.sum(tf.square(centred), 0), denominator));
    (save as tf.GradSaveFunc)([centred, value]);
    return {
      value,
      gradFunc: (dy, saved) => [tf.mul(tf.expandDims(dy, 0), tf.divNoNan(saved[0]!, tf.mul(saved[1]!, denominator)))],
    };
  });
  return deviation(x);
}
