// The browser app's import path for what lives in @kanjs/mnist (the package of the kanjs-mnist CLI).
export { trainEpoch, evaluate, classify, recipeOptimizer, learningRate, PAPER_RECIPE, type TrainConfig, type BatchProgress, type Evaluation } from '@kanjs/mnist';
