import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { kanLayers } from './model.js';
import type { KANLayerBase } from './layers/kan-layer-base.js';

/**
 * efficient-kan's `regularization_loss`, summed over the KAN layers: for each layer, with
 * l1[i, o] = mean over k of |Ws[i, k, o]| (the unscaled spline weight),
 *
 *     regularizeActivation · Σ l1 + regularizeEntropy · (−Σ p log p),  p = l1 / Σ l1
 *
 * Differentiable; add it to the training loss. Terms with p = 0 count as 0 (efficient-kan gives NaN).
 */
export function regularizationLoss(
  modelOrLayers: tfl.LayersModel | readonly KANLayerBase[],
  regularizeActivation = 1,
  regularizeEntropy = 1,
): tf.Scalar {
  const layers = Array.isArray(modelOrLayers) ? modelOrLayers : kanLayers(modelOrLayers as tfl.LayersModel);
  return tf.tidy(() => {
    let total: tf.Tensor = tf.scalar(0);
    for (const layer of layers) {
      const l1 = tf.mean(tf.abs(layer.splineCoefficients()), 1); // [in, out]
      const activation = tf.sum(l1);
      const p = tf.div(l1, activation);
      // p·log(p + 1e-38): the same value for p > 0, and 0 (not NaN) for p = 0, with a finite gradient.
      const entropy = tf.neg(tf.sum(tf.mul(p, tf.log(tf.add(p, 1e-38)))));
      total = tf.add(total, tf.add(tf.mul(regularizeActivation, activation), tf.mul(regularizeEntropy, entropy)));
    }
    return total as tf.Scalar;
  });
}
