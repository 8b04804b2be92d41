import type { KANLinear } from '@kanjs/kan-layers';
import { fillBasis, type CompactBasis } from './bspline64.js';
import type { SparsityTerm } from './sparsity64.js';

// The float64 passes of `kanObjective` through one B-spline KANLinear layer: bases, forward, backward.

/** Base activations, as numbers for the hot loops. */
const SILU = 0, LINEAR = 1, ZERO = 2;
export const ACTIVATIONS: Readonly<Record<string, number>> = { silu: SILU, linear: LINEAR, zero: ZERO };

/** One KANLinear layer: its constants (re-read from the layer on every `read`), where its weights sit in x, and its buffers. */
export interface LayerPlan {
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
  readonly activation: number;
  knots: Float64Array; // [in, G+2k+1]
  mask: Float64Array; // [in, out]
  /** 1 where input i has a numeric edge (mask ≠ 0), so its bases are needed. */
  active: Uint8Array;
  symbolicMask: Uint8Array; // [in, out]
  functions: (((z: number) => number) | null)[]; // [in·out], null for '0' or no symbolic edge
  slopes: (((z: number) => number) | null)[]; // their derivatives
  tape: LayerTape;
}

/** What one evaluation keeps of a layer, allocated once per batch. */
export interface LayerTape {
  /** The input [batch, in] (the batch itself for the first layer, whose bases are computed once per `read`). */
  h: Float64Array;
  readonly basis: CompactBasis;
  readonly base: Float64Array; // the base activation [batch, in]
  readonly baseSlope: Float64Array; // its derivative [batch, in]
  readonly splines: Float64Array; // Σₖ Ws·B [batch, in, out]
  readonly edges: Float64Array; // edge outputs [batch, in, out]
  readonly symbolicValues: Float64Array; // f(a·x + b) at symbolic edges [batch, in, out]
  readonly symbolicSlopes: Float64Array; // f′(a·x + b) there
  readonly output: Float64Array; // [batch, out]
  readonly outputGradient: Float64Array; // d loss / d output [batch, out], for the last layer
  readonly inputGradient: Float64Array; // d loss / d h [batch, in]
  readonly weights: Float64Array; // spline weights transposed to [in, out, K]
  readonly weightGradient: Float64Array; // their gradient, [in, out, K]
  readonly work: Float64Array;
}

/** The bases (with their slopes when `withSlopes`) and the base activation of the layer's input tape.h. */
export function inputBasis(plan: LayerPlan, batch: number, withSlopes: boolean): void {
  const { inFeatures: n, size: K, order, knots, active, activation, tape } = plan;
  const { h, base, baseSlope } = tape;
  fillBasis(tape.basis, h, batch, n, knots, K + order + 1, order, active, withSlopes, tape.work);
  for (let bi = 0; bi < batch * n; bi++) {
    const v = h[bi]!;
    if (activation === SILU) {
      const sigma = 1 / (1 + Math.exp(-v));
      base[bi] = v * sigma;
      baseSlope[bi] = sigma * (1 + v * (1 - sigma));
    } else if (activation === LINEAR) {
      base[bi] = v;
      baseSlope[bi] = 1;
    } else {
      base[bi] = 0;
      baseSlope[bi] = 0;
    }
  }
}

/**
 * The layer on its input tape.h: spline sums, symbolic values and slopes, edge outputs and the output. Loops run
 * edge by edge over the batch, so that each edge's weights, mask and function are read once.
 */
export function forwardLayer(plan: LayerPlan, w: Float64Array): void {
  const { inFeatures: n, units: m, size: K, order, mask, symbolicMask, functions, slopes, tape } = plan;
  const { h, basis, splines, edges, symbolicValues, symbolicSlopes, output, weights } = tape;
  const { values, first } = basis;
  const base = tape.base;
  const batch = output.length / m;
  const width = order + 1;
  const { scaler, affine, spline } = plan;
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) for (let o = 0; o < m; o++) weights[(i * m + o) * K + k] = w[spline + (i * K + k) * m + o]!;
  output.fill(0);
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < m; o++) {
      const io = i * m + o;
      const mk = mask[io]!;
      const symbolic = symbolicMask[io] === 1;
      if (mk !== 0) {
        const wb = w[plan.base + io]!;
        const s = scaler < 0 ? 1 : w[scaler + io]!;
        for (let b = 0; b < batch; b++) {
          const bi = b * n + i;
          const at = bi * width;
          const row = io * K + first[bi]!;
          const sp = dot(weights, row, values, at, width);
          const e = bi * m + o;
          splines[e] = sp;
          edges[e] = mk * (wb * base[bi]! + (scaler < 0 ? sp : s * sp));
          if (!symbolic) output[b * m + o]! += edges[e]!;
        }
      } else {
        for (let b = 0; b < batch; b++) edges[(b * n + i) * m + o] = 0;
      }
      if (symbolic) {
        const q = affine + 4 * io;
        const [a, shift, c, d] = [w[q]!, w[q + 1]!, w[q + 2]!, w[q + 3]!];
        const f = functions[io] ?? null;
        const df = slopes[io] ?? null;
        for (let b = 0; b < batch; b++) {
          const bi = b * n + i;
          const e = bi * m + o;
          if (f === null || df === null) {
            symbolicValues[e] = 0;
            symbolicSlopes[e] = 0;
            edges[e] = edges[e]! + d;
          } else {
            const z = a * h[bi]! + shift;
            const value = f(z);
            symbolicValues[e] = value;
            symbolicSlopes[e] = df(z);
            edges[e] = edges[e]! + c * value + d;
          }
          output[b * m + o]! += edges[e]!;
        }
      }
    }
  }
}

/**
 * Backpropagates d loss / d output [batch, out] through one layer into `gradient`; returns d loss / d input
 * [batch, in] (zeros when not `needInput`). Edge by edge over the batch, as `forwardLayer`.
 */
export function backwardLayer(plan: LayerPlan, w: Float64Array, gy: Float64Array, sparsity: SparsityTerm | null, batch: number, gradient: Float64Array, needInput: boolean): Float64Array {
  const { inFeatures: n, units: m, size: K, mask, symbolicMask, tape } = plan;
  const { h, basis, splines, edges, symbolicValues, symbolicSlopes, weights, weightGradient, inputGradient: gh } = tape;
  const { values, slopes, first } = basis;
  const { base, baseSlope } = tape;
  const width = plan.order + 1;
  const { scaler, affine, spline } = plan;
  weightGradient.fill(0);
  gh.fill(0);
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < m; o++) {
      const io = i * m + o;
      const edgeWeight = sparsity === null ? 0 : sparsity.edgeWeight[io]!;
      const edgeMean = sparsity === null ? 0 : sparsity.edgeMean[io]!;
      const mk = mask[io]!;
      if (mk !== 0) {
        const wb = w[plan.base + io]!;
        const s = scaler < 0 ? 1 : w[scaler + io]!;
        let gBase = 0;
        let gScaler = 0;
        for (let b = 0; b < batch; b++) {
          const bi = b * n + i;
          const e = bi * m + o;
          const ge = sparsity === null ? gy[b * m + o]! : gy[b * m + o]! + edgeWeight * (edges[e]! - edgeMean);
          const mg = mk * ge;
          if (mg === 0) continue;
          gBase += mg * base[bi]!;
          gScaler += mg * splines[e]!;
          const at = bi * width;
          const row = io * K + first[bi]!;
          const ms = mg * s;
          if (width === 4) {
            weightGradient[row]! += ms * values[at]!;
            weightGradient[row + 1]! += ms * values[at + 1]!;
            weightGradient[row + 2]! += ms * values[at + 2]!;
            weightGradient[row + 3]! += ms * values[at + 3]!;
          } else {
            for (let r = 0; r < width; r++) weightGradient[row + r]! += ms * values[at + r]!;
          }
          if (needInput) {
            const slope = dot(weights, row, slopes, at, width);
            gh[bi]! += mg * (wb * baseSlope[bi]! + s * slope);
          }
        }
        gradient[plan.base + io]! += gBase;
        if (scaler >= 0) gradient[scaler + io]! += gScaler;
      }
      if (symbolicMask[io] === 1) {
        const q = affine + 4 * io;
        const a = w[q]!;
        const c = w[q + 2]!;
        let ga = 0, gb = 0, gc = 0, gd = 0;
        for (let b = 0; b < batch; b++) {
          const bi = b * n + i;
          const e = bi * m + o;
          const ge = sparsity === null ? gy[b * m + o]! : gy[b * m + o]! + edgeWeight * (edges[e]! - edgeMean);
          if (ge === 0) continue;
          const derivative = symbolicSlopes[e]!;
          ga += ge * c * derivative * h[bi]!;
          gb += ge * c * derivative;
          gc += ge * symbolicValues[e]!;
          gd += ge;
          if (needInput) gh[bi]! += ge * c * derivative * a;
        }
        gradient[q]! += ga;
        gradient[q + 1]! += gb;
        gradient[q + 2]! += gc;
        gradient[q + 3]! += gd;
      }
    }
  }
  if (sparsity !== null && needInput) {
    for (let b = 0; b < batch; b++) for (let i = 0; i < n; i++) gh[b * n + i]! += sparsity.inputWeight[i]! * (h[b * n + i]! - sparsity.inputMean[i]!);
  }
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) for (let o = 0; o < m; o++) gradient[spline + (i * K + k) * m + o]! += weightGradient[(i * m + o) * K + k]!;
  return gh;
}

/** Σᵣ a[i + r]·b[j + r] for r < width, unrolled for cubic splines (width 4). */
function dot(a: Float64Array, i: number, b: Float64Array, j: number, width: number): number {
  if (width === 4) return a[i]! * b[j]! + a[i + 1]! * b[j + 1]! + a[i + 2]! * b[j + 2]! + a[i + 3]! * b[j + 3]!;
  let sum = 0;
  for (let r = 0; r < width; r++) sum += a[i + r]! * b[j + r]!;
  return sum;
}
