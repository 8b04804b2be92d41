// The browser app's import path for what lives in @kanjs/mnist (the package of the kanjs-mnist CLI).
export { buildModel, modelName, basisName, trainableParams, type ModelKind, type ModelSpec } from '@kanjs/mnist';
