import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { KANLinear } from './layers/kan-linear.js';

/**
 * efficient-kan's `KAN.forward(x, update_grid=True)`: updates the grid of every KANLinear layer from the
 * activations that reach it when x [batch, ...] runs through the model, refitting each layer's coefficients.
 * The model is a `tf.sequential` or a `tf.model` whose layers form one chain from its input to its output.
 */
export function updateGrid(model: tfl.LayersModel, x: tf.Tensor, margin = 0.01): void {
  tf.tidy(() => {
    let h: tf.Tensor = x;
    for (const layer of chainOf(model)) {
      if (layer instanceof KANLinear) layer.updateGrid(h, margin);
      h = layer.apply(h) as tf.Tensor;
    }
  });
}

/**
 * The layers of a model from input to output, each reading the output of the one before (InputLayers left out),
 * or an error naming the first layer that does not (several inputs or outputs, a branch, a merge).
 */
function chainOf(model: tfl.LayersModel): tfl.layers.Layer[] {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`updateGrid: expected a model with one input and one output, got ${model.inputs.length} inputs and ${model.outputs.length} outputs.`);
  }
  let current = model.inputs[0]!;
  const chain: tfl.layers.Layer[] = [];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const node = layer.inboundNodes.find((n) => n.inputTensors.length === 1 && n.inputTensors[0]!.id === current.id);
    if (node === undefined || node.outputTensors.length !== 1) {
      throw new Error(
        `updateGrid: layer "${layer.name}" does not take the output of the layer before it as its one input; ` +
          'updateGrid walks models whose layers form one chain, and this graph branches or merges there.',
      );
    }
    current = node.outputTensors[0]!;
    chain.push(layer);
  }
  if (current.id !== model.outputs[0]!.id) {
    throw new Error(`updateGrid: the chain of layers ends at "${current.name}", not at the model's output "${model.outputs[0]!.name}".`);
  }
  return chain;
}

/** pykan's `refine`: a new model whose KANLinear layers have `gridSize` intervals and keep their functions. */
export function extendGrid(model: tfl.Sequential, gridSize: number): tfl.Sequential {
  const refined = tfl.sequential();
  for (const layer of model.layers) {
    refined.add(layer instanceof KANLinear ? layer.extendGrid(gridSize) : layer);
  }
  return refined;
}
