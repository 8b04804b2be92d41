// @kanjs/mnist's platform-neutral parts, shared by the kanjs-mnist CLI and the browser app (apps/mnist-demo):
// the IDX format, the data sets in memory, the models, the paper's training recipe and the LayerNorm domain check.
export { parseIdx, parseIdxHeader, encodeIdx, IdxError, type IdxArray, type IdxHeader } from './data/idx.js';
export { normalise, take, permutation, seededRandom, batches, PIXELS, CLASSES, type Dataset, type Split, type Batch } from './data/dataset.js';
export { areaAverage, type Rect } from './data/area-average.js';
export { buildModel, modelName, basisName, trainableParams, type ModelKind, type ModelSpec } from './train/models.js';
export { trainEpoch, evaluate, classify, recipeOptimizer, learningRate, PAPER_RECIPE, type TrainConfig, type BatchProgress, type Evaluation } from './train/trainer.js';
export { layerNormDomain, type DomainRecord } from './train/domain.js';
