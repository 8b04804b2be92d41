// pykan's headline tutorial as the interpret package runs it (packages/interpret/examples/tutorial.mjs): pykan's
// initialisation, fit(steps=50, lamb=0.001) with LBFGS and grid updates, prune, fit, refine(10), fit,
// auto_symbolic, fit.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { kan, kanLayers } from '@kanjs/kan-layers';
import type { TrainPhase } from './train.js';

/** The hidden width, grid and order of the model: [inputs, HIDDEN, 1], cubic B-splines on 3 intervals. */
export const MODEL = { hidden: 5, gridSize: 3, splineOrder: 3 } as const;

/** pykan's prune default for nodes (the slider sets the edges'). */
export const NODE_THRESHOLD = 1e-2;

/** The grid the pruned model is refined to (pykan's `refine`). */
export const REFINED_GRID = 10;

/** Training from scratch with sparsity (LBFGS, grid updates every 5 steps); `steps` can be shortened with ?steps=. */
export const TRAIN: TrainPhase = { steps: 50, lamb: 0.001 };

/** Training after the prune, on the refined grid and after autoSymbolic (the symbolic edges' a, b, c, d too). */
export const TRAIN_PRUNED: TrainPhase = { steps: 50 };
export const TRAIN_REFINED: TrainPhase = { steps: 50 };
export const TRAIN_SYMBOLIC: TrainPhase = { steps: 50 };

/** pykan's `KAN(width=[inputs, 5, 1], grid=3, k=3, seed)`: spline noise 0.3 and every spline scale 1/√in. */
export function tutorialModel(inputs: number, seed: number): tfl.LayersModel {
  const model = kan({ layers: [inputs, MODEL.hidden, 1], seed, scaleNoise: 0.3, basis: { name: 'bspline', gridSize: MODEL.gridSize, splineOrder: MODEL.splineOrder } });
  for (const layer of kanLayers(model)) {
    const scaler = layer.weights.find((weight) => weight.originalName.endsWith('spline_scaler'));
    if (scaler === undefined) continue;
    tf.tidy(() => {
      scaler.write(tf.fill(scaler.shape as number[], 1 / Math.sqrt(layer.inFeatures)));
    });
  }
  return model;
}
