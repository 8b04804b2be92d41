export { rng, uniform, randomKnots } from './random.js';
export { relativeError, finiteDifferences } from './compare.js';
export {
  bsplineValues,
  gaussianValues,
  chebyshevValues,
  legendreValues,
  jacobiValues,
  fourierValues,
  reluKanValues,
  rswafValues,
  mexicanHatValues,
  rationalValues,
  silu,
  kanLinearForward,
  fastKanForward,
  type KanLinear64,
  type FastKan64,
} from './reference.js';
export { packState, featureIndices, unavailable, type SnippetOutput } from './harness.js';
export {
  basisAutodiff,
  weightedGradient,
  snippetErrors,
  referenceValueError,
  referenceGradientError,
  type SnippetErrors,
  type ScalarReference,
} from './checks.js';
export { WgslHarness, wgslHarness, wgslHarnessSource, SWIFTSHADER_ICD } from './wgsl-harness.js';
export {
  cudaHarness,
  cudaHarnessSource,
  compileCudaSnippet,
  runCudaSnippet,
  evaluateCudaSnippet,
  findNvcc,
  hasCudaDevice,
  type CudaCompileOptions,
} from './cuda-harness.js';
export { snippetSuites, type SnippetCase, type SnippetSuiteSpec } from './snippet-suites.js';
export { SILU_SHAPES, fusedCases, fusedAgainstGeneric, type FusedCase, type FusedShape, type BasisLinearOps } from './fused-cases.js';
export { lossInputs, lossValueAndGrad } from './loss-cases.js';
