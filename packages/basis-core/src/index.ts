export type {
  Basis,
  BasisAdaptation,
  BasisConfig,
  BasisCpuForm,
  BasisFactory,
  BasisKernelSnippets,
  BasisState,
  BasisStateSpec,
  BasisStateValues,
  ExtendedBasis,
  JsonValue,
  RadialCpuProfile,
  WaveletCpuProfile,
} from './types.js';
export { BasisConfigError, describe, formatBytes, truncate } from './errors.js';
export { OptionReader, checkInFeatures } from './options.js';
export {
  CENTRED_GRID_OPTIONS,
  readCentredGrid,
  centresState,
  learnableCentresState,
  centredDistances,
  centredBasis,
  type CentredGrid,
  type CentredGridOptions,
  type CentredGridRules,
  type CentredBasisSpec,
} from './centred-grid.js';
export { seededRandom } from './random.js';
export { registerBasis, createBasis, basisNames, hasBasis } from './registry.js';
export { leastSquares } from './least-squares.js';
export { trainableStateNames } from './trainable-state.js';
export { torchLinspace } from './linspace.js';
