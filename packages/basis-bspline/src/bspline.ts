import * as tf from '@tensorflow/tfjs-core';
import {
  OptionReader,
  checkInFeatures,
  formatBytes,
  type Basis,
  type BasisAdaptation,
  type BasisStateValues,
  type JsonValue,
} from '@kanjs/basis-core';
import { coxDeBoor } from './cox-de-boor.js';
import { adaptiveKnots, knotCount, refinedKnots, uniformKnots } from './knots.js';
import { bsplineSnippets } from './snippets.js';

/** Options of the `bspline` basis. */
export interface BSplineOptions {
  /** k, the polynomial degree: 3 is cubic. Default 3; in [0, 16]. */
  readonly splineOrder?: number;
  /** G, the number of grid intervals. Default 5; in [1, 1000]. */
  readonly gridSize?: number;
  /** [a, b], where the initial uniform grid lies. Default [-1, 1]. */
  readonly gridRange?: readonly [number, number];
  /** How much of a uniform grid is blended into the quantile grid on a grid update. Default 0.02; in [0, 1]. */
  readonly gridEps?: number;
}

const OPTION_NAMES = ['splineOrder', 'gridSize', 'gridRange', 'gridEps'] as const;
/** The largest spline order the basis accepts. */
const MAX_SPLINE_ORDER = 16;
/** The largest grid size the basis accepts (pykan's grid extensions go up to 1000). */
const MAX_GRID_SIZE = 1000;

/** The `bspline` basis: K = G + k B-splines of order k per input on per-input knots (efficient-kan, pykan). */
export function bspline(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('bspline', options);
  reader.rejectUnknown(OPTION_NAMES);
  const splineOrder = reader.number('splineOrder', 3, {
    integer: true,
    min: 0,
    max: MAX_SPLINE_ORDER,
    cost: (k) => `its Cox–de Boor recursion would hold ${formatBytes(4 * (k + 1) * (2 * k + 1))} per input and sample`,
  });
  const gridSize = reader.number('gridSize', 5, {
    integer: true,
    min: 1,
    max: MAX_GRID_SIZE,
    cost: (g) => `the initial fit would solve a ${g + 1}×${g + splineOrder} system per input, ${formatBytes(8 * (g + 1) * (g + splineOrder))}`,
  });
  const gridRange = reader.range('gridRange', [-1, 1]);
  const gridEps = reader.number('gridEps', 0.02, { min: 0 });
  if (gridEps > 1) throw reader.error(`gridEps must be ≤ 1, got ${gridEps}`);
  checkInFeatures('bspline', inFeatures);
  const count = knotCount(gridSize, splineOrder);

  const adaptation: BasisAdaptation = {
    updateState(x, batch, _state, updateOptions = {}) {
      const margin = updateOptions['margin'] ?? 0.01;
      if (x.length !== batch * inFeatures) {
        throw reader.error(`grid update expects x of ${batch}×${inFeatures} values, got ${x.length}`);
      }
      if (batch < 1) throw reader.error('grid update needs at least one sample');
      const grid = new Float32Array(inFeatures * count);
      const column = new Float64Array(batch);
      for (let i = 0; i < inFeatures; i++) {
        for (let b = 0; b < batch; b++) column[b] = x[b * inFeatures + i]!;
        column.sort();
        grid.set(adaptiveKnots(column, gridSize, splineOrder, gridEps, margin), i * count);
      }
      return { grid };
    },
    extend(extendOptions, state) {
      const newGridSize = extendOptions['gridSize'];
      if (newGridSize === undefined || !Number.isInteger(newGridSize) || newGridSize < 1) {
        throw reader.error(`grid extension needs an integer gridSize ≥ 1, got ${String(newGridSize)}`);
      }
      const pointsPerInterval = extendOptions['pointsPerInterval'] ?? 4;
      const old = knotsOf(state, inFeatures, count, reader);
      const basis = bspline({ ...options, gridSize: newGridSize }, inFeatures);
      const newCount = knotCount(newGridSize, splineOrder);
      const grid = new Float32Array(inFeatures * newCount);
      const sampleCount = newGridSize * pointsPerInterval + 1;
      const samples = new Float32Array(sampleCount * inFeatures);
      for (let i = 0; i < inFeatures; i++) {
        const interior = old.subarray(i * count + splineOrder, i * count + splineOrder + gridSize + 1);
        const knots = refinedKnots(interior, newGridSize, splineOrder);
        grid.set(knots, i * newCount);
        // Evenly spaced points inside every new interval, so that the refit sees each basis function.
        for (let s = 0; s < sampleCount; s++) {
          const cell = Math.min(Math.floor(s / pointsPerInterval), newGridSize - 1);
          const frac = (s - cell * pointsPerInterval) / pointsPerInterval;
          const lo = knots[splineOrder + cell]!;
          const hi = knots[splineOrder + cell + 1]!;
          samples[s * inFeatures + i] = lo + frac * (hi - lo);
        }
      }
      return { basis, state: { grid }, samples, sampleCount };
    },
  };

  return {
    name: 'bspline',
    inFeatures,
    size: gridSize + splineOrder,
    domain: gridRange,
    config: { name: 'bspline', splineOrder, gridSize, gridRange, gridEps },
    stateSpecs: [
      { name: 'grid', shape: [inFeatures, count], initial: () => uniformKnots(inFeatures, gridSize, splineOrder, gridRange) },
    ],
    evaluate(x, state) {
      const grid = state['grid'];
      if (grid === undefined) throw reader.error('evaluate needs the "grid" state tensor');
      return coxDeBoor(x, grid as tf.Tensor2D, splineOrder);
    },
    kernels: bsplineSnippets(gridSize, splineOrder),
    cpu: { kind: 'bspline', order: splineOrder, knots: count },
    adaptation,
  };
}

function knotsOf(state: BasisStateValues, inFeatures: number, count: number, reader: OptionReader): Float32Array {
  const grid = state['grid'];
  if (grid === undefined || grid.length !== inFeatures * count) {
    throw reader.error(`expected a grid state of ${inFeatures}×${count} knots, got ${grid === undefined ? 'none' : grid.length}`);
  }
  return grid;
}
