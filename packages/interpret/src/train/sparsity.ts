import * as tf from '@tensorflow/tfjs-core';
import { KANLinear, activationRegularization } from '@kanjs/kan-layers';
import type { Stage } from '../stages.js';

/**
 * pykan's sparsity regularisation (`reg` with reg_metric 'edge_forward_spline_n', λ_coef = 0): for every layer,
 * with the edge scales v[i, o] = std(φ_{i,o}(x)) / (std(xᵢ) + 0.1) on the batch,
 *
 *     λ_l1·Σ v + λ_entropy·(H_rows + H_cols),   H_rows = −mean_o Σᵢ p log₂(p + 1e-4),  p = v[i, o] / (Σᵢ v[i, o] + 1)
 *
 * and H_cols the same with the roles of i and o swapped (kan-layers' `activationRegularization` per layer). x [batch, in]
 * → a scalar; differentiable, with a zero (not NaN) gradient through masked or pruned edges.
 */
export function sparsityLoss(stages: readonly Stage[], x: tf.Tensor2D, lambL1 = 1, lambEntropy = 2): tf.Scalar {
  return tf.tidy(() => sparseForward(stages, x, lambL1, lambEntropy).loss);
}

/**
 * The model's output on x and `sparsityLoss`, from one pass: a KANLinear layer's output is the sum of its edges'
 * outputs, so it is not computed twice.
 */
export function sparseForward(stages: readonly Stage[], x: tf.Tensor2D, lambL1 = 1, lambEntropy = 2): { output: tf.Tensor2D; loss: tf.Scalar } {
  return tf.tidy(() => {
    let h: tf.Tensor2D = x;
    let total: tf.Tensor = tf.scalar(0);
    for (const { layer, nodes } of stages) {
      const edges = layer.edgeActivations(h); // [batch, in, out]
      total = tf.add(total, activationRegularization(h, edges, lambL1, lambEntropy));
      const y = layer instanceof KANLinear ? (tf.sum(edges, 1) as tf.Tensor2D) : (layer.apply(h) as tf.Tensor2D);
      h = nodes === null ? y : (nodes.apply(y) as tf.Tensor2D);
    }
    return { output: h, loss: total as tf.Scalar };
  });
}

