// The demo's platform-neutral parts, shared by the Node CLI and the browser app.
export { parseIdx, parseIdxHeader, encodeIdx, IdxError, type IdxArray, type IdxHeader } from './data/idx.js';
export { normalise, take, permutation, seededRandom, batches, PIXELS, CLASSES, type Dataset, type Split, type Batch } from './data/dataset.js';
export { buildModel, modelName, trainableParams, type ModelKind, type ModelSpec } from './train/models.js';
export { trainEpoch, evaluate, classify, recipeOptimizer, learningRate, PAPER_RECIPE, type TrainConfig, type BatchProgress, type Evaluation } from './train/trainer.js';
