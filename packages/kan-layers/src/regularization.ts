import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { kanLayers } from './model.js';
import type { KANLayerBase } from './layers/kan-layer-base.js';
import { splineRegularization } from './layers/regularizer.js';

/**
 * efficient-kan's `regularization_loss`, summed over the KAN layers: for each layer, with
 * l1[i, o] = mean over k of |Ws[i, k, o]| (the unscaled spline weight),
 *
 *     regularizeActivation · Σ l1 + regularizeEntropy · (−Σ p log p),  p = l1 / Σ l1
 *
 * Differentiable; add it to the training loss (or give the layers a `regularizer` option, which `model.fit` adds).
 * Terms with p = 0 count as 0 (efficient-kan gives NaN).
 */
export function regularizationLoss(
  modelOrLayers: tfl.LayersModel | readonly KANLayerBase[],
  regularizeActivation = 1,
  regularizeEntropy = 1,
): tf.Scalar {
  const layers = Array.isArray(modelOrLayers) ? modelOrLayers : kanLayers(modelOrLayers as tfl.LayersModel);
  return tf.tidy(() =>
    layers.reduce<tf.Scalar>(
      (total, layer) => tf.add(total, splineRegularization(layer.splineCoefficients(), regularizeActivation, regularizeEntropy)),
      tf.scalar(0),
    ),
  );
}
