// @kanjs/mnist's platform-neutral parts, shared by the kanjs-mnist CLI and the browser app (apps/mnist-demo):
// the IDX and CIFAR-10 binary formats, the data sets in memory, the models, the paper's training recipe and the
// LayerNorm domain check.
export { parseIdx, parseIdxHeader, encodeIdx, IdxError, type IdxArray, type IdxHeader } from './data/idx.js';
export { normalise, take, permutation, seededRandom, batches, imageShape, featureCount, PIXELS, CLASSES, MNIST_SHAPE, type Dataset, type Split, type Batch, type ImageShape } from './data/dataset.js';
export { parseCifarBatch, concatDatasets, CifarError, CIFAR_SHAPE, CIFAR_RECORD_BYTES } from './data/cifar.js';
export { areaAverage, type Rect } from './data/area-average.js';
export { buildModel, modelName, basisName, hiddenWidths, layerWidths, matchedWidths, trainableParams, type ModelKind, type ModelSpec } from './train/models.js';
export { convFrontEnd, convOutputFeatures, CONV_CHANNELS } from './train/conv.js';
export { trainEpoch, evaluate, classify, recipeOptimizer, learningRate, PAPER_RECIPE, type TrainConfig, type BatchProgress, type Evaluation, type CaptureStepFn } from './train/trainer.js';
export { layerNormDomain, type DomainRecord } from './train/domain.js';
