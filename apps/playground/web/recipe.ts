// pykan's headline tutorial as the interpret package runs it (packages/interpret/examples/tutorial.mjs): the
// model, training with sparsity and grid updates, training after the prune, the finer grid and training on it,
// and the training of the symbolic edges' affine parameters.
import type { TrainPhase } from './train.js';

/** The hidden width, grid and order of the model: [inputs, HIDDEN, 1], cubic B-splines on 3 intervals. */
export const MODEL = { hidden: 5, gridSize: 3, splineOrder: 3 } as const;

/** pykan's prune default for nodes (the slider sets the edges'). */
export const NODE_THRESHOLD = 1e-2;

/** The grid the pruned model is refined to (pykan's `refine`). */
export const REFINED_GRID = 10;

/** Training from scratch with sparsity and grid updates; `steps` can be shortened with ?steps=. */
export const TRAIN: TrainPhase = { steps: 300, learningRate: 2e-2, finalLearningRate: 2e-3, lamb: 0.1, gridUpdateEvery: 10, stopGridUpdateStep: 150 };

/** Training after the prune. */
export const TRAIN_PRUNED: TrainPhase = { steps: 200, learningRate: 1e-2, finalLearningRate: 1e-3 };

/** Training on the refined grid. */
export const TRAIN_REFINED: TrainPhase = { steps: 200, learningRate: 5e-3, finalLearningRate: 5e-4 };

/** Training after autoSymbolic: the affine parameters of every symbolic edge. */
export const TRAIN_SYMBOLIC: TrainPhase = { steps: 300, learningRate: 1e-2, finalLearningRate: 1e-4 };
