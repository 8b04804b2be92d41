// @kanjs/interpret: read what a KAN learned: attribution, pruning, symbolic fitting, closed-form formulas, plots.
export { attribute, featureScore, type Attribution } from './attribution.js';
export { prune, pruneInputs, type PruneOptions, type PruneInputsOptions, type PrunedInputs } from './prune.js';
export { fitAffine, type FitOptions, type AffineFit } from './symbolic-fit.js';
export { suggestSymbolic, fixSymbolic, type SuggestOptions, type FixOptions, type SymbolicCandidate } from './symbolic.js';
export { autoSymbolic, type AutoSymbolicOptions, type AutoSymbolicEdge } from './auto-symbolic.js';
export { symbolicFormula, type Formula, type FormulaOptions } from './formula.js';
export { traceModel, type ModelTrace, type LayerTrace } from './trace.js';
export { fit, type FitKANOptions } from './train/fit.js';
export { sparsityLoss } from './train/sparsity.js';
export type { Batch } from './data.js';
export { plotKAN, type PlotKANOptions } from './plot/plot-kan.js';
export { plotEdge, type PlotEdgeOptions } from './plot/plot-edge.js';
export { loadPyKAN, type PyKANCheckpoint } from './pykan/load.js';
export { savePyKAN, type PyKANFiles, type SavePyKANOptions } from './pykan/save.js';
export { PyKANError, PYKAN_LIMITS } from './pykan/errors.js';
export { readTorchState, writeTorchState, type StateTensor, type TensorToWrite } from './pykan/torch-state.js';
