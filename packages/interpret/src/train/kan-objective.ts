import * as tf from '@tensorflow/tfjs-core';
import { KANLinear, symbolicFunction } from '@kanjs/kan-layers';
import type { Stage } from '../stages.js';
import { readVariables, writeVariables, type FlatVariables } from './variable-objective.js';

/** What `fit` minimises: mean squared error + lamb·(pykan's sparsity regularisation, see `sparsityLoss`). */
export interface ObjectiveTerms {
  readonly lamb: number;
  readonly lambL1: number;
  readonly lambEntropy: number;
}

/** One KANLinear layer's constants (re-read from the layer on every `read`) and where its weights sit in x. */
interface LayerPlan {
  readonly layer: KANLinear;
  readonly inFeatures: number;
  readonly units: number;
  /** B-spline order k and basis count K = G + k. */
  readonly order: number;
  readonly size: number;
  /** Offsets of base_weight [in, out], spline_weight [in, K, out], spline_scaler [in, out] (−1: none), symbolic_affine [in, out, 4] (−1: none). */
  readonly base: number;
  readonly spline: number;
  readonly scaler: number;
  readonly affine: number;
  readonly activation: 'silu' | 'linear' | 'zero';
  knots: Float64Array; // [in, G+2k+1]
  mask: Float64Array; // [in, out]
  symbolicMask: Float64Array; // [in, out]
  functions: (((z: number) => number) | null)[]; // [in·out], null for '0' or no symbolic edge
  /** The first layer's `InputBasis` of the fixed batch (set with the knots). */
  inputBasis: InputBasis | null;
}

const ACTIVATIONS = new Set(['silu', 'linear', 'zero']);

/**
 * `fit`'s objective and its exact gradient for a chain of KANLinear layers on B-splines, computed in float64 plain
 * loops over the batch: for a small KAN one evaluation costs about a millisecond, where the tfjs graph of the same
 * loss runs hundreds of tiny kernels. The flat vector is `variables` in order, as `flatVariables` lays it out.
 * Returns null for any other model (FastKAN layers, KANNodes, other bases or activations, unknown weights); `fit`
 * then differentiates the tfjs loss.
 */
export function kanObjective(stages: readonly Stage[], variables: readonly tf.Variable[], x: tf.Tensor2D, y: tf.Tensor2D, terms: ObjectiveTerms): FlatVariables | null {
  const offsets = new Map<tf.Variable, number>();
  let size = 0;
  for (const v of variables) {
    offsets.set(v, size);
    size += v.size;
  }
  const plans: LayerPlan[] = [];
  let claimed = 0;
  for (const { layer, nodes } of stages) {
    if (!(layer instanceof KANLinear) || nodes !== null || layer.basis.name !== 'bspline' || !ACTIVATIONS.has(layer.baseActivationName)) return null;
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
    plans.push({
      layer,
      inFeatures: layer.inFeatures,
      units: layer.units,
      order,
      size: layer.basis.size,
      base: roles['base_weight'],
      spline: roles['spline_weight'],
      scaler: roles['spline_scaler'] ?? -1,
      affine: roles['symbolic_affine'] ?? -1,
      activation: layer.baseActivationName as LayerPlan['activation'],
      knots: new Float64Array(0),
      mask: new Float64Array(0),
      symbolicMask: new Float64Array(0),
      functions: [],
      inputBasis: null,
    });
  }
  if (claimed !== size) return null;
  const inputs = Float64Array.from(x.dataSync());
  const targets = Float64Array.from(y.dataSync());
  const batch = x.shape[0];
  const refresh = (): void => {
    for (const [l, plan] of plans.entries()) {
      const { layer } = plan;
      plan.knots = Float64Array.from(layer.basisStateValues()['grid']!);
      plan.mask = Float64Array.from(layer.edgeMask());
      const names = layer.symbolicFunctionNames();
      plan.symbolicMask = new Float64Array(plan.inFeatures * plan.units);
      plan.functions = [];
      for (let i = 0; i < plan.inFeatures; i++) {
        for (let o = 0; o < plan.units; o++) {
          const symbolic = layer.hasEdges ? layer.symbolicEdge(i, o) : null;
          plan.symbolicMask[i * plan.units + o] = symbolic === null ? 0 : 1;
          const name = names[i]![o]!;
          plan.functions.push(symbolic === null || name === '0' ? null : symbolicFunction(name).js);
        }
      }
      if (l === 0) plan.inputBasis = inputBasis(plan, inputs, batch);
    }
  };
  const read = (): Float64Array => {
    refresh();
    return readVariables(variables, size);
  };
  const write = (flat: Float64Array): void => writeVariables(variables, flat);
  const gradient = new Float64Array(size);
  const objective = (flat: Float64Array) => {
    if (plans[0]!.inputBasis === null) refresh();
    gradient.fill(0);
    return { loss: evaluate(plans, flat, gradient, inputs, targets, batch, terms), gradient };
  };
  return { size, read, write, objective };
}

/** What a layer's input h [batch, in] gives before any weight: the bases and the base activation, with their slopes. */
interface InputBasis {
  readonly h: Float64Array;
  readonly values: Float64Array; // the k + 1 B-spline values that can be nonzero [batch, in, k + 1]
  readonly slopes: Float64Array; // their derivatives in x [batch, in, k + 1]
  readonly first: Int32Array; // the index of the first of them [batch, in]
  readonly base: Float64Array; // the base activation [batch, in]
  readonly baseSlope: Float64Array; // its derivative [batch, in]
}

/** What the forward pass keeps of one layer for the backward pass. */
interface LayerTape extends InputBasis {
  readonly edges: Float64Array; // edge outputs [batch, in, out]
  readonly splines: Float64Array; // Σₖ Ws·B [batch, in, out]
}

/** The objective at the flat weights w; adds its gradient into `gradient`. */
function evaluate(plans: readonly LayerPlan[], w: Float64Array, gradient: Float64Array, inputs: Float64Array, targets: Float64Array, batch: number, terms: ObjectiveTerms): number {
  const tapes: LayerTape[] = [];
  let h: Float64Array = inputs;
  for (const [l, plan] of plans.entries()) {
    const tape = forwardLayer(plan, w, l === 0 ? plan.inputBasis! : inputBasis(plan, h, batch), batch);
    tapes.push(tape);
    h = sumEdges(tape.edges, batch, plan.inFeatures, plan.units);
  }
  const outputs = plans[plans.length - 1]!.units;
  let loss = 0;
  let g: Float64Array = new Float64Array(h.length); // d loss / d h
  for (let n = 0; n < h.length; n++) {
    const r = h[n]! - targets[n]!;
    loss += r * r;
    g[n] = (2 * r) / h.length;
  }
  loss /= batch * outputs;
  const sparsity = terms.lamb === 0 ? null : tapes.map((tape, l) => sparsityTerm(plans[l]!, tape, batch, terms));
  if (sparsity !== null) for (const term of sparsity) loss += terms.lamb * term.value;
  for (let l = plans.length - 1; l >= 0; l--) {
    g = backwardLayer(plans[l]!, w, tapes[l]!, g, sparsity?.[l] ?? null, batch, gradient, l > 0);
  }
  return loss;
}

/** `InputBasis` of a layer for its input h [batch, in]. */
function inputBasis(plan: LayerPlan, h: Float64Array, batch: number): InputBasis {
  const { inFeatures: n, size: K, order, knots } = plan;
  const count = K + order + 1;
  const width = order + 1;
  const values = new Float64Array(batch * n * width);
  const slopes = new Float64Array(batch * n * width);
  const first = new Int32Array(batch * n);
  const base = new Float64Array(batch * n);
  const baseSlope = new Float64Array(batch * n);
  const work = new Float64Array(Math.max(2 * (count - 1), 4 * width));
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < n; i++) {
      const v = h[b * n + i]!;
      first[b * n + i] = bsplineValues(v, knots, i * count, count, order, work, values, slopes, (b * n + i) * width);
      base[b * n + i] = activation(plan.activation, v);
      baseSlope[b * n + i] = activationSlope(plan.activation, v);
    }
  }
  return { h, values, slopes, first, base, baseSlope };
}

/** The layer on its input: spline sums and edge outputs. */
function forwardLayer(plan: LayerPlan, w: Float64Array, input: InputBasis, batch: number): LayerTape {
  const { inFeatures: n, units: m, size: K, order, mask, symbolicMask, functions } = plan;
  const { h, values, first } = input;
  const width = order + 1;
  const splines = new Float64Array(batch * n * m);
  const edges = new Float64Array(batch * n * m);
  const scaler = plan.scaler;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < n; i++) {
      const v = h[b * n + i]!;
      const at = (b * n + i) * width;
      const start = first[b * n + i]!;
      const base = input.base[b * n + i]!;
      for (let o = 0; o < m; o++) {
        const io = i * m + o;
        let sp = 0;
        for (let r = 0; r < width; r++) sp += w[plan.spline + (i * K + start + r) * m + o]! * values[at + r]!;
        splines[(b * n + i) * m + o] = sp;
        const s = scaler < 0 ? 1 : w[scaler + io]!;
        let e = mask[io]! * (w[plan.base + io]! * base + s * sp);
        if (symbolicMask[io] === 1) {
          const [a, shift, c, d] = affineOf(w, plan.affine, io);
          const f = functions[io] ?? null;
          e += c * (f === null ? 0 : f(a * v + shift)) + d;
        }
        edges[(b * n + i) * m + o] = e;
      }
    }
  }
  return { ...input, edges, splines };
}

/** Backpropagates d loss / d output [batch, out] through one layer into `gradient`; returns d loss / d input [batch, in]. */
function backwardLayer(plan: LayerPlan, w: Float64Array, tape: LayerTape, gy: Float64Array, sparsity: SparsityTerm | null, batch: number, gradient: Float64Array, needInput: boolean): Float64Array {
  const { inFeatures: n, units: m, size: K, mask, symbolicMask, functions } = plan;
  const { h, values, slopes, first, splines, edges } = tape;
  const width = plan.order + 1;
  const gh = new Float64Array(batch * n);
  const scaler = plan.scaler;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < n; i++) {
      const v = h[b * n + i]!;
      const at = (b * n + i) * width;
      const start = first[b * n + i]!;
      const base = tape.base[b * n + i]!;
      const baseSlope = tape.baseSlope[b * n + i]!;
      let dx = 0;
      for (let o = 0; o < m; o++) {
        const io = i * m + o;
        const e = (b * n + i) * m + o;
        let ge = gy[b * m + o]!;
        if (sparsity !== null) ge += sparsity.edgeWeight[io]! * (edges[e]! - sparsity.edgeMean[io]!);
        if (ge === 0) continue;
        const s = scaler < 0 ? 1 : w[scaler + io]!;
        const mg = mask[io]! * ge;
        if (mg !== 0) {
          gradient[plan.base + io]! += mg * base;
          if (scaler >= 0) gradient[scaler + io]! += mg * splines[e]!;
          let slope = 0;
          for (let r = 0; r < width; r++) {
            const weight = plan.spline + (i * K + start + r) * m + o;
            gradient[weight]! += mg * s * values[at + r]!;
            slope += w[weight]! * slopes[at + r]!;
          }
          dx += mg * (w[plan.base + io]! * baseSlope + s * slope);
        }
        if (symbolicMask[io] === 1) {
          const [a, shift, c] = affineOf(w, plan.affine, io);
          const f = functions[io] ?? null;
          const z = a * v + shift;
          const value = f === null ? 0 : f(z);
          const derivative = f === null ? 0 : slopeOf(f, z);
          const q = 4 * io + plan.affine;
          gradient[q]! += ge * c * derivative * v;
          gradient[q + 1]! += ge * c * derivative;
          gradient[q + 2]! += ge * value;
          gradient[q + 3]! += ge;
          dx += ge * c * derivative * a;
        }
      }
      if (sparsity !== null) dx += sparsity.inputWeight[i]! * (v - sparsity.inputMean[i]!);
      gh[b * n + i] = dx;
    }
  }
  return needInput ? gh : gh.fill(0);
}

/**
 * One layer's sparsity penalty λ_l1·Σv + λ_entropy·(H_rows + H_cols) with v = std(edges)/(std(h) + 0.1), and its
 * gradient as d/d edge[b, i, o] = edgeWeight[io]·(edge − edgeMean[io]) and d/d h[b, i] = inputWeight[i]·(h − inputMean[i])
 * (already times lamb). A constant edge (std 0) gets no gradient.
 */
interface SparsityTerm {
  readonly value: number;
  readonly edgeMean: Float64Array;
  readonly edgeWeight: Float64Array;
  readonly inputMean: Float64Array;
  readonly inputWeight: Float64Array;
}

function sparsityTerm(plan: LayerPlan, tape: LayerTape, batch: number, terms: ObjectiveTerms): SparsityTerm {
  const { inFeatures: n, units: m } = plan;
  const { lamb, lambL1, lambEntropy } = terms;
  const denominator = Math.max(batch - 1, 1);
  const edgeMean = new Float64Array(n * m);
  const edgeStd = new Float64Array(n * m);
  const inputMean = new Float64Array(n);
  const inputStd = new Float64Array(n);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < n; i++) {
      inputMean[i]! += tape.h[b * n + i]! / batch;
      for (let o = 0; o < m; o++) edgeMean[i * m + o]! += tape.edges[(b * n + i) * m + o]! / batch;
    }
  }
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < n; i++) {
      inputStd[i]! += (tape.h[b * n + i]! - inputMean[i]!) ** 2;
      for (let o = 0; o < m; o++) edgeStd[i * m + o]! += (tape.edges[(b * n + i) * m + o]! - edgeMean[i * m + o]!) ** 2;
    }
  }
  for (let i = 0; i < n; i++) inputStd[i] = Math.sqrt(inputStd[i]! / denominator);
  for (let io = 0; io < n * m; io++) edgeStd[io] = Math.sqrt(edgeStd[io]! / denominator);
  const scale = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let o = 0; o < m; o++) scale[i * m + o] = edgeStd[i * m + o]! / (inputStd[i]! + 0.1);
  const dScale = new Float64Array(n * m).fill(lambL1);
  let value = 0;
  for (const v of scale) value += lambL1 * v;
  // H over inputs for each output (mean over outputs), and over outputs for each input (mean over inputs).
  value += lambEntropy * entropy(scale, dScale, lambEntropy, m, n, (group, j) => j * m + group);
  value += lambEntropy * entropy(scale, dScale, lambEntropy, n, m, (group, j) => group * m + j);
  const edgeWeight = new Float64Array(n * m);
  const inputWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const spread = inputStd[i]! + 0.1;
    for (let o = 0; o < m; o++) {
      const io = i * m + o;
      if (edgeStd[io]! > 0) edgeWeight[io] = (lamb * dScale[io]!) / spread / (denominator * edgeStd[io]!);
      if (inputStd[i]! > 0) inputWeight[i]! -= (lamb * dScale[io]! * edgeStd[io]!) / (spread * spread) / (denominator * inputStd[i]!);
    }
  }
  return { value, edgeMean, edgeWeight, inputMean, inputWeight };
}

/**
 * −mean over `groups` of Σⱼ p log₂(p + 1e-4), p = v/(Σⱼ v + 1), for v = scale[index(group, j)], j < width; adds
 * weight·(its gradient) into dScale.
 */
function entropy(scale: Float64Array, dScale: Float64Array, weight: number, groups: number, width: number, index: (group: number, j: number) => number): number {
  let total = 0;
  const slope = new Float64Array(width);
  for (let group = 0; group < groups; group++) {
    let sum = 0;
    for (let j = 0; j < width; j++) sum += scale[index(group, j)]!;
    let dot = 0;
    for (let j = 0; j < width; j++) {
      const p = scale[index(group, j)]! / (sum + 1);
      total -= (p * Math.log(p + 1e-4)) / Math.LN2;
      slope[j] = -(Math.log(p + 1e-4) + p / (p + 1e-4)) / Math.LN2; // d H / d p
      dot += slope[j]! * p;
    }
    for (let j = 0; j < width; j++) dScale[index(group, j)]! += (weight * (slope[j]! - dot)) / (sum + 1) / groups;
  }
  return total / groups;
}

/** Σᵢ edges[b, i, o]: [batch, in, out] → [batch, out]. */
function sumEdges(edges: Float64Array, batch: number, n: number, m: number): Float64Array {
  const y = new Float64Array(batch * m);
  for (let b = 0; b < batch; b++) for (let i = 0; i < n; i++) for (let o = 0; o < m; o++) y[b * m + o]! += edges[(b * n + i) * m + o]!;
  return y;
}

/**
 * The order + 1 B-spline values at v that can be nonzero, and their derivatives, into values/slopes from `at`;
 * returns the index of the first (the others follow). knots[from + j], j < count, increasing. Inside the grid this
 * is de Boor's local recursion on the knot span; in the k extension intervals at each end, the full Cox–de Boor
 * recursion (order-0 pieces [tⱼ ≤ v < tⱼ₊₁], 0/0 = 0, as basis-bspline's `coxDeBoor`); outside [t₀, t_last) all 0.
 */
function bsplineValues(v: number, knots: Float64Array, from: number, count: number, order: number, work: Float64Array, values: Float64Array, slopes: Float64Array, at: number): number {
  const width = order + 1;
  const size = count - order - 1;
  if (!(v >= knots[from]! && v < knots[from + count - 1]!)) {
    values.fill(0, at, at + width);
    slopes.fill(0, at, at + width);
    return 0;
  }
  let span = 0; // tₛ ≤ v < tₛ₊₁
  while (v >= knots[from + span + 1]!) span += 1;
  if (span < order || span > count - 2 - order) return fullRecursion(v, knots, from, count, order, work, values, slopes, at, Math.min(Math.max(span - order, 0), size - width));
  // work: N [0, width), the order − 1 values M [width, 2·width), left [2·width, 3·width), right [3·width, 4·width)
  const N = 0, M = width, L = 2 * width, R = 3 * width;
  work[N] = 1;
  if (order === 1) work[M] = 1;
  for (let p = 1; p <= order; p++) {
    work[L + p] = v - knots[from + span + 1 - p]!;
    work[R + p] = knots[from + span + p]! - v;
    let saved = 0;
    for (let r = 0; r < p; r++) {
      const denominator = work[R + r + 1]! + work[L + p - r]!;
      const temp = denominator === 0 ? 0 : work[N + r]! / denominator;
      work[N + r] = saved + work[R + r + 1]! * temp;
      saved = work[L + p - r]! * temp;
    }
    work[N + p] = saved;
    if (p === order - 1) for (let r = 0; r < order; r++) work[M + r] = work[N + r]!;
  }
  const first = span - order;
  for (let r = 0; r <= order; r++) {
    const i = first + r;
    const lower = r >= 1 ? safeDivide(work[M + r - 1]!, knots[from + i + order]! - knots[from + i]!) : 0;
    const upper = r < order ? safeDivide(work[M + r]!, knots[from + i + order + 1]! - knots[from + i + 1]!) : 0;
    values[at + r] = work[N + r]!;
    slopes[at + r] = order === 0 ? 0 : order * (lower - upper);
  }
  return first;
}

/** The Cox–de Boor recursion over every basis at v, then the order + 1 values from index `first` copied out. */
function fullRecursion(v: number, knots: Float64Array, from: number, count: number, order: number, work: Float64Array, values: Float64Array, slopes: Float64Array, at: number, first: number): number {
  const width0 = count - 1; // work holds the bases in [0, width0) and their derivatives in [width0, 2·width0)
  for (let j = 0; j < width0; j++) {
    work[j] = v >= knots[from + j]! && v < knots[from + j + 1]! ? 1 : 0;
    work[width0 + j] = 0;
  }
  for (let p = 1; p <= order; p++) {
    for (let j = 0; j < width0 - p; j++) {
      const left = knots[from + j + p]! - knots[from + j]!;
      const right = knots[from + j + p + 1]! - knots[from + j + 1]!;
      const l = left === 0 ? 0 : 1 / left;
      const r = right === 0 ? 0 : 1 / right;
      const wl = (v - knots[from + j]!) * l;
      const wr = (knots[from + j + p + 1]! - v) * r;
      work[width0 + j] = l * work[j]! + wl * work[width0 + j]! - r * work[j + 1]! + wr * work[width0 + j + 1]!;
      work[j] = wl * work[j]! + wr * work[j + 1]!;
    }
  }
  for (let r = 0; r <= order; r++) {
    values[at + r] = work[first + r]!;
    slopes[at + r] = work[width0 + first + r]!;
  }
  return first;
}

function safeDivide(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function activation(name: LayerPlan['activation'], v: number): number {
  if (name === 'linear') return v;
  if (name === 'zero') return 0;
  return v / (1 + Math.exp(-v));
}

function activationSlope(name: LayerPlan['activation'], v: number): number {
  if (name === 'linear') return 1;
  if (name === 'zero') return 0;
  const sigma = 1 / (1 + Math.exp(-v));
  return sigma * (1 + v * (1 - sigma));
}

function affineOf(w: Float64Array, offset: number, io: number): [number, number, number, number] {
  const q = offset + 4 * io;
  return [w[q]!, w[q + 1]!, w[q + 2]!, w[q + 3]!];
}

/** f′(z) by a central difference in float64 (relative step 1e-5: error about 1e-10 relative for smooth f). */
function slopeOf(f: (z: number) => number, z: number): number {
  const step = 1e-5 * Math.max(1, Math.abs(z));
  return (f(z + step) - f(z - step)) / (2 * step);
}
