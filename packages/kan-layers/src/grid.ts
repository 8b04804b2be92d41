import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { KANLinear } from './layers/kan-linear.js';

/**
 * efficient-kan's `KAN.forward(x, update_grid=True)`: updates the grid of every KANLinear layer from the
 * activations that reach it when x [batch, in] runs through the model, refitting each layer's coefficients.
 */
export function updateGrid(model: tfl.LayersModel, x: tf.Tensor2D, margin = 0.01): void {
  tf.tidy(() => {
    let h: tf.Tensor = x;
    for (const layer of model.layers) {
      if (layer instanceof KANLinear) layer.updateGrid(h as tf.Tensor2D, margin);
      h = layer.apply(h) as tf.Tensor;
    }
  });
}

/** pykan's `refine`: a new model whose KANLinear layers have `gridSize` intervals and keep their functions. */
export function extendGrid(model: tfl.Sequential, gridSize: number): tfl.Sequential {
  const refined = tfl.sequential();
  for (const layer of model.layers) {
    refined.add(layer instanceof KANLinear ? layer.extendGrid(gridSize) : layer);
  }
  return refined;
}
