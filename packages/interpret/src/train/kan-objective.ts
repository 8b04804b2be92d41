import * as tf from '@tensorflow/tfjs-core';
import { KANLinear, symbolicFunction } from '@kanjs/kan-layers';
import type { Stage } from '../stages.js';
import { bsplineWork, compactBasis } from './bspline64.js';
import { ACTIVATIONS, backwardLayer, forwardLayer, inputBasis, type LayerPlan } from './kan-layer-pass.js';
import { refitSpline } from './grid-refit.js';
import { sparsityTerm } from './sparsity64.js';
import { symbolicSlope } from './symbolic-slopes.js';
import { readVariables, writeVariables, type FlatVariables } from './variable-objective.js';

/** What `fit` minimises: mean squared error + lamb·(pykan's sparsity regularisation, see `sparsityLoss`). */
export interface ObjectiveTerms {
  readonly lamb: number;
  readonly lambL1: number;
  readonly lambEntropy: number;
}

/** `kanObjective`'s flat view, which also updates the grids the way `fit` does (`updateGrid(model, x, 0)`). */
export interface KANObjective extends FlatVariables {
  /**
   * kan-layers' `updateGrid(model, x, 0)` in float64: each layer's knots from the inputs that reach it on the
   * batch (quantiles blended with a uniform grid), then its spline weights refitted to keep its curves. Writes
   * the layers' grids and spline weights.
   */
  updateGrid(): void;
  /** The mean squared error (no regularisation) of the model's current weights on the batch. */
  meanSquaredError(): number;
}

/**
 * `fit`'s objective and its exact gradient for a chain of KANLinear layers on B-splines, computed in float64 plain
 * loops over the batch: for a small KAN one evaluation costs a fraction of a millisecond, where the tfjs graph of
 * the same loss runs hundreds of tiny kernels. The flat vector is `variables` in order, as `flatVariables` lays it
 * out. Returns null for any other model (FastKAN layers, KANNodes, other bases or activations, unknown weights);
 * `fit` then differentiates the tfjs loss.
 */
export function kanObjective(stages: readonly Stage[], variables: readonly tf.Variable[], x: tf.Tensor2D, y: tf.Tensor2D, terms: ObjectiveTerms): KANObjective | null {
  const offsets = new Map<tf.Variable, number>();
  let size = 0;
  for (const v of variables) {
    offsets.set(v, size);
    size += v.size;
  }
  const inputs = Float64Array.from(x.dataSync());
  const targets = Float64Array.from(y.dataSync());
  const batch = x.shape[0];
  const plans: LayerPlan[] = [];
  let claimed = 0;
  for (const { layer, nodes } of stages) {
    if (!(layer instanceof KANLinear) || nodes !== null || layer.basis.name !== 'bspline' || ACTIVATIONS[layer.baseActivationName] === undefined) return null;
    if (layer.basis.adaptation === undefined || gridWeight(layer) === undefined) return null;
    const roles: Record<string, number> = {};
    for (const w of layer.trainableWeights) {
      const offset = offsets.get(w.read() as tf.Variable);
      if (offset === undefined) return null;
      roles[w.originalName.split('/').pop()!] = offset;
      claimed += w.read().size;
    }
    if (roles['base_weight'] === undefined || roles['spline_weight'] === undefined) return null;
    if (Object.keys(roles).some((name) => !['base_weight', 'spline_weight', 'spline_scaler', 'symbolic_affine'].includes(name))) return null;
    const order = layer.basis.config['splineOrder'] as number;
    const { inFeatures: n, units: m } = layer;
    const K = layer.basis.size;
    plans.push({
      layer,
      inFeatures: n,
      units: m,
      order,
      size: K,
      base: roles['base_weight'],
      spline: roles['spline_weight'],
      scaler: roles['spline_scaler'] ?? -1,
      affine: roles['symbolic_affine'] ?? -1,
      activation: ACTIVATIONS[layer.baseActivationName]!,
      knots: new Float64Array(0),
      mask: new Float64Array(0),
      active: new Uint8Array(n),
      symbolicMask: new Uint8Array(n * m),
      functions: [],
      slopes: [],
      tape: {
        h: new Float64Array(batch * n),
        basis: compactBasis(batch, n, order),
        base: new Float64Array(batch * n),
        baseSlope: new Float64Array(batch * n),
        splines: new Float64Array(batch * n * m),
        edges: new Float64Array(batch * n * m),
        symbolicValues: new Float64Array(batch * n * m),
        symbolicSlopes: new Float64Array(batch * n * m),
        output: new Float64Array(batch * m),
        outputGradient: new Float64Array(batch * m),
        inputGradient: new Float64Array(batch * n),
        weights: new Float64Array(n * m * K),
        weightGradient: new Float64Array(n * m * K),
        work: bsplineWork(K + order + 1, order),
      },
    });
  }
  if (claimed !== size) return null;
  plans[0]!.tape.h = inputs;
  let fresh = false;
  const refresh = (): void => {
    for (const [l, plan] of plans.entries()) {
      const { layer, inFeatures: n, units: m } = plan;
      plan.knots = Float64Array.from(layer.basisStateValues()['grid']!);
      plan.mask = Float64Array.from(layer.edgeMask());
      plan.active.fill(0);
      for (let io = 0; io < n * m; io++) if (plan.mask[io] !== 0) plan.active[Math.floor(io / m)] = 1;
      const names = layer.symbolicFunctionNames();
      plan.symbolicMask.fill(0);
      plan.functions = [];
      plan.slopes = [];
      for (let i = 0; i < n; i++) {
        for (let o = 0; o < m; o++) {
          const symbolic = layer.hasEdges ? layer.symbolicEdge(i, o) : null;
          plan.symbolicMask[i * m + o] = symbolic === null ? 0 : 1;
          const name = names[i]![o]!;
          const none = symbolic === null || name === '0';
          plan.functions.push(none ? null : symbolicFunction(name).js);
          plan.slopes.push(none ? null : symbolicSlope(name));
        }
      }
      if (l === 0) inputBasis(plan, batch, false);
    }
    fresh = true;
  };
  const read = (): Float64Array => {
    refresh();
    return readVariables(variables, size);
  };
  const write = (flat: Float64Array): void => writeVariables(variables, flat);
  const gradient = new Float64Array(size);
  const objective = (flat: Float64Array) => {
    if (!fresh) refresh();
    gradient.fill(0);
    return { loss: evaluate(plans, flat, gradient, targets, batch, terms), gradient };
  };
  const updateGrid = (): void => {
    const w = read();
    for (const [l, plan] of plans.entries()) {
      const { layer, inFeatures: n, units: m, size: K } = plan;
      const { h } = plan.tape;
      const samples = Float32Array.from(h);
      const grid = layer.basis.adaptation!.updateState(samples, batch, layer.basisStateValues(), { margin: 0 })['grid']!;
      const knots = Float64Array.from(grid);
      const scaler = plan.scaler < 0 ? null : w.subarray(plan.scaler, plan.scaler + n * m);
      const spline = { inFeatures: n, units: m, order: plan.order, size: K, knots: plan.knots, spline: w.subarray(plan.spline, plan.spline + n * K * m), scaler };
      w.set(refitSpline(spline, knots, Float64Array.from(samples), batch), plan.spline);
      tf.tidy(() => {
        gridWeight(layer)!.write(tf.tensor(grid, [n, knots.length / n], 'float32'));
      });
      plan.knots = knots;
      inputBasis(plan, batch, l > 0);
      if (l + 1 < plans.length) {
        forwardLayer(plan, w);
        plans[l + 1]!.tape.h.set(plan.tape.output);
      }
    }
    write(w);
    fresh = false;
  };
  const meanSquaredError = (): number => {
    const w = read();
    forwardAll(plans, w, batch);
    return squaredError(plans[plans.length - 1]!.tape.output, targets, null);
  };
  return { size, read, write, objective, updateGrid, meanSquaredError };
}

/** The layer's grid state weight, which `updateGrid` rewrites. */
function gridWeight(layer: KANLinear) {
  return layer.weights.find((w) => !w.trainable && w.originalName.split('/').pop() === 'grid');
}

/** The objective at the flat weights w; adds its gradient into `gradient`. */
function evaluate(plans: readonly LayerPlan[], w: Float64Array, gradient: Float64Array, targets: Float64Array, batch: number, terms: ObjectiveTerms): number {
  forwardAll(plans, w, batch);
  const h = plans[plans.length - 1]!.tape.output;
  let g: Float64Array = plans[plans.length - 1]!.tape.outputGradient; // d loss / d output
  let loss = squaredError(h, targets, g);
  const sparsity = terms.lamb === 0 ? null : plans.map((plan) => sparsityTerm(plan.inFeatures, plan.units, plan.tape, batch, terms));
  if (sparsity !== null) for (const term of sparsity) loss += terms.lamb * term.value;
  for (let l = plans.length - 1; l >= 0; l--) {
    g = backwardLayer(plans[l]!, w, g, sparsity?.[l] ?? null, batch, gradient, l > 0);
  }
  return loss;
}

/** Every layer forward on the batch (the first layer's bases are the ones `refresh` computed). */
function forwardAll(plans: readonly LayerPlan[], w: Float64Array, batch: number): void {
  for (const [l, plan] of plans.entries()) {
    if (l > 0) {
      plan.tape.h.set(plans[l - 1]!.tape.output);
      inputBasis(plan, batch, true);
    }
    forwardLayer(plan, w);
  }
}

/** mean((output − target)²), and its gradient into g when given. */
function squaredError(output: Float64Array, targets: Float64Array, g: Float64Array | null): number {
  let loss = 0;
  for (let n = 0; n < output.length; n++) {
    const r = output[n]! - targets[n]!;
    loss += r * r;
    if (g !== null) g[n] = (2 * r) / output.length;
  }
  return loss / output.length;
}
