export { rng, uniform } from './random.js';
export { relativeError, finiteDifferences } from './compare.js';
export {
  bsplineValues,
  gaussianValues,
  silu,
  kanLinearForward,
  fastKanForward,
  type KanLinear64,
  type FastKan64,
} from './reference.js';
