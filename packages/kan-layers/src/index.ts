// @kanjs/kan-layers: KAN layers for TensorFlow.js. Importing it registers the layer classes with
// tf.serialization and the bspline and gaussian bases with the basis registry.
import '@kanjs/basis-bspline/register';
import '@kanjs/basis-gaussian/register';

export { KANLinear, type KANLinearArgs } from './layers/kan-linear.js';
export { FastKANLayer, type FastKANLayerArgs } from './layers/fastkan-layer.js';
export { KANLayerBase, type KANLayerArgs } from './layers/kan-layer-base.js';
export { kanLinear, fastKAN } from './factories.js';
export { BASE_ACTIVATIONS, type BaseActivation } from './layers/activations.js';
export { KANNodes, type KANNodesArgs } from './layers/kan-nodes.js';
export { type SymbolicAffine } from './layers/edges.js';
export { kan, kanLayers, kanNodes, LAYER_KINDS, OUTPUT_ACTIVATIONS, type KANModelOptions } from './model.js';
export { basisLinear, genericBasisLinear, initialState } from './op/basis-linear.js';
export { baseLinear } from './op/base-linear.js';
export { layerNorm } from './op/layer-norm.js';
export { regularizationLoss } from './regularization.js';
export { activationRegularization, splineRegularization, REGULARIZER_KINDS, type KANRegularizer } from './layers/regularizer.js';
export { SYMBOLIC_LIB, registerSymbolic, symbolicFunction, type SymbolicFunction } from './symbolic/library.js';
export { sampleCurves, type CurveOptions, type Curves } from './curves.js';
export { updateGrid, extendGrid } from './grid.js';
export { GridUpdate, type GridUpdateArgs } from './callbacks/grid-update.js';
export { loadTorchKAN, saveTorchKAN, TorchKANError, type TorchKANFormat, type TorchKANOptions } from './torch/torch-kan.js';
export { readSafetensors, writeSafetensors, SafetensorsError, type SafetensorsFile, type SafetensorsTensor, type SafetensorsDtype } from './torch/safetensors.js';
export { AdamW } from './train/adamw.js';
export { softmaxCrossEntropy } from './train/loss.js';
