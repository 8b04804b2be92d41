import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { AdamW, updateGrid } from '@kanjs/kan-layers';
import { kanStages, type Stage } from '../stages.js';
import { kanObjective, type ObjectiveTerms } from './kan-objective.js';
import { LBFGS } from './lbfgs.js';
import { sparseForward } from './sparsity.js';
import { flatVariables, type FlatVariables } from './variable-objective.js';

/** Options of `fit`; defaults are pykan's. */
export interface FitKANOptions {
  /** Optimisation steps over the whole batch (an LBFGS step runs up to 20 iterations). */
  readonly steps: number;
  /** 'LBFGS' (default: pykan's LBFGS, history 10, strong-Wolfe line search) or 'Adam'. */
  readonly opt?: 'LBFGS' | 'Adam';
  /** LBFGS's first step length per iteration, or Adam's learning rate at the first step. Default 1 (LBFGS), 1e-2 (Adam). */
  readonly learningRate?: number;
  /** Adam only: the learning rate at the last step, reached by exponential decay. Default learningRate (constant). */
  readonly finalLearningRate?: number;
  /** Weight of pykan's sparsity regularisation (`sparsityLoss`). Default 0. */
  readonly lamb?: number;
  /** λ_l1 of the regularisation. Default 1. */
  readonly lambL1?: number;
  /** λ_entropy of the regularisation. Default 2. */
  readonly lambEntropy?: number;
  /** Update the B-spline grids from the batch every this many steps (0: never). Default 5 (pykan: 50 / grid_update_num 10). */
  readonly gridUpdateEvery?: number;
  /** No grid update from this step on. Default 50 (pykan's stop_grid_update_step). */
  readonly stopGridUpdateStep?: number;
}

/**
 * pykan's `fit`: `steps` optimiser steps on mean((model(x) − y)²) + lamb·sparsityLoss over the whole batch, with
 * grid updates (`updateGrid`, no margin, as pykan's `update_grid_from_samples`) every `gridUpdateEvery` steps before
 * `stopGridUpdateStep`. Trains every trainable weight, including the symbolic edges' a, b, c, d. Returns the final
 * mean squared error (without the regularisation).
 */
export function fit(model: tfl.LayersModel, x: tf.Tensor2D, y: tf.Tensor2D, options: FitKANOptions): number {
  const stages = kanStages(model, 'fit');
  const { steps } = options;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`fit: steps must be an integer ≥ 1, got ${steps}.`);
  const opt = options.opt ?? 'LBFGS';
  if (opt !== 'LBFGS' && opt !== 'Adam') throw new Error(`fit: opt must be 'LBFGS' or 'Adam', got ${String(opt)}.`);
  const every = options.gridUpdateEvery ?? 5;
  const stop = options.stopGridUpdateStep ?? 50;
  const loss = objective(model, stages, x, y, options);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const fast = opt === 'LBFGS' ? kanObjective(stages, variables, x, y, terms(options)) : null;
  const optimizer = opt === 'LBFGS' ? lbfgsSteps(fast ?? flatVariables(variables, loss), options) : adamSteps(variables, loss, options);
  // The float64 objective updates the grids itself, as updateGrid(model, x, 0) does on tfjs.
  const gridUpdate = fast === null ? () => updateGrid(model, x, 0) : () => fast.updateGrid();
  try {
    for (let step = 0; step < steps; step++) {
      if (every > 0 && step % every === 0 && step < stop) {
        optimizer.sync();
        gridUpdate();
      }
      optimizer.step(step);
    }
  } finally {
    optimizer.dispose();
  }
  return fast?.meanSquaredError() ?? tf.tidy(() => tf.mean(tf.square(tf.sub(model.apply(x) as tf.Tensor, y))).dataSync()[0]!);
}

function terms(options: FitKANOptions): ObjectiveTerms {
  return { lamb: options.lamb ?? 0, lambL1: options.lambL1 ?? 1, lambEntropy: options.lambEntropy ?? 2 };
}

/** The training objective: mean squared error, plus lamb times pykan's sparsity regularisation. */
function objective(model: tfl.LayersModel, stages: readonly Stage[], x: tf.Tensor2D, y: tf.Tensor2D, options: FitKANOptions): () => tf.Scalar {
  const lamb = options.lamb ?? 0;
  return () => tf.tidy(() => {
    if (lamb === 0) return tf.mean(tf.square(tf.sub(model.apply(x) as tf.Tensor, y))) as tf.Scalar;
    const { output, loss } = sparseForward(stages, x, options.lambL1, options.lambEntropy);
    return tf.add(tf.mean(tf.square(tf.sub(output, y))), tf.mul(lamb, loss)) as tf.Scalar;
  });
}

/** Takes optimiser steps (step = the step's index), writes its weights into the model, and frees its tensors. */
interface Stepper {
  step(step: number): void;
  /** Writes the current weights into the model's variables and re-reads them (and the layers' state) on the next step. */
  sync(): void;
  /** Syncs, then frees the optimiser's tensors. */
  dispose(): void;
}

/** One pykan LBFGS step per call (lr 1, history 10, strong Wolfe, tolerances 1e-32), its history kept between calls. */
function lbfgsSteps(flat: FlatVariables, options: FitKANOptions): Stepper {
  const optimizer = new LBFGS(flat.objective, {
    learningRate: options.learningRate ?? 1,
    historySize: 10,
    lineSearch: 'strongWolfe',
    toleranceGrad: 1e-32,
    toleranceChange: 1e-32,
    toleranceYs: 1e-32,
  });
  let x: Float64Array | null = null; // the weights between steps, null when the variables hold them
  const sync = (): void => {
    if (x !== null) flat.write(x);
    x = null;
  };
  return {
    step: () => {
      x ??= flat.read();
      optimizer.step(x);
    },
    sync,
    dispose: sync,
  };
}

/** One Adam step per call, with the learning rate decayed exponentially to finalLearningRate at the last step. */
function adamSteps(variables: tf.Variable[], loss: () => tf.Scalar, options: FitKANOptions): Stepper {
  const lr0 = options.learningRate ?? 1e-2;
  const decay = ((options.finalLearningRate ?? lr0) / lr0) ** (1 / Math.max(options.steps - 1, 1));
  const optimizer = new AdamW(lr0, 0);
  return {
    step: (step) => {
      optimizer.setLearningRate(lr0 * decay ** step);
      optimizer.minimize(loss, false, variables);
    },
    sync: () => {},
    dispose: () => optimizer.dispose(),
  };
}
