export type {
  Basis,
  BasisAdaptation,
  BasisConfig,
  BasisFactory,
  BasisKernelSnippets,
  BasisState,
  BasisStateSpec,
  BasisStateValues,
  ExtendedBasis,
  JsonValue,
} from './types.js';
export { BasisConfigError, describe } from './errors.js';
export { OptionReader, checkInFeatures, readCentredGrid, type CentredGrid } from './options.js';
export { registerBasis, createBasis, basisNames, hasBasis } from './registry.js';
export { leastSquares } from './least-squares.js';
export { torchLinspace } from './linspace.js';
export {
  BASIS_LINEAR_KERNELS,
  registerFusedBasisLinear,
  hasFusedBasisLinear,
  LAYER_NORM_KERNELS,
  registerFusedLayerNorm,
  hasFusedLayerNorm,
  ADAMW_KERNEL,
  type AdamWAttrs,
  SOFTMAX_CROSS_ENTROPY_KERNELS,
  softmaxCrossEntropyShape,
} from './fused.js';
export { useDeviceReductionGradients } from './device-gradients.js';
export { snippetConstants, wgslLiteral, cudaLiteral, wgslDeclarations, cudaDefines } from './snippet-template.js';
