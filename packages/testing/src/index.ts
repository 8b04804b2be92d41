export { rng, uniform, randomKnots, centredInputs } from './random.js';
export { relativeError, finiteDifferences } from './compare.js';
export { concatenate } from './arrays.js';
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
  rationalFunctionValue,
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
  referenceStateGradientError,
  type SnippetErrors,
  type ScalarReference,
  type StatefulReference,
} from './checks.js';
export { WgslHarness, wgslHarness, wgslHarnessSource } from './wgsl-harness.js';
export { preferSwiftShader, webgpuOrSkip } from './webgpu-setup.js';
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
export { snippetSuites, snippetHarnesses, type SnippetCase, type SnippetHarnesses, type SnippetSuiteSpec } from './snippet-suites.js';
export { basisSuite, type BasisSuiteSpec, type InvalidCase, type ReferenceCase } from './basis-suite.js';
export { SILU_SHAPES, fusedCases, fusedAgainstGeneric, type FusedCase, type FusedShape, type BasisLinearOps } from './fused-cases.js';
export { lossInputs, lossValueAndGrad, expectFusedLossMatchesCpu } from './loss-cases.js';
export { expectStepsLowerLoss } from './training-steps.js';
export { trainableFallbackSuite, type TrainableFallbackOps, type BasisLinearOp } from './trainable-fallback.js';
export { layerNormValueAndGrads, adamSteps } from './step-cases.js';
