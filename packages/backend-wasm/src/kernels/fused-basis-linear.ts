// The fused basis-linear math on plain Float32Arrays, run by the wasm module: pads the operands into its memory,
// calls one kernel and copies the result out. Both tfjs backends (wasm, cpu) call these.
import type { Basis, BasisCpuForm } from '@kanjs/basis-core';
import { cpuFormOf, siluBasis } from '@kanjs/kernels';
import { kernelModule, layout, view } from '../wasm/module.js';
import { forwardProduct, inputProduct, threadScratch, weightProduct } from './products.js';

/** The basis kinds the module computes, by its `kind` argument. */
const KINDS = { gaussian: 0, rswaf: 1, bspline: 2, recurrence: 3, fourier: 4, 'mexican-hat': 5, silu: 6 } as const;
/** Rows of x whose basis one tile holds. */
const TILE_ROWS = 64;
/** About how many basis values (features·K) one tile row holds. */
const TILE_VALUES = 256;

/** The operands of one call, as flat row-major arrays. */
export interface Operands {
  readonly basis: Basis;
  /** [batch, in] */
  readonly x: Float32Array;
  readonly batch: number;
  /** The state tensors concatenated in `stateSpecs` order. */
  readonly state: Float32Array;
}

export const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;

/** How one call lays out a basis for the module: its kind and parameters, padded sizes and tiles. */
export interface Plan {
  readonly kind: number;
  readonly batchP: number;
  readonly inF: number;
  readonly K: number;
  readonly order: number;
  readonly knots: number;
  /** 1/h for radial bases, the amplitude for wavelets, else 0. */
  readonly param: number;
  readonly tileRows: number;
  readonly features: number;
  /** What the module reads as `state`, laid out for its kind. */
  readonly state: Float32Array;
}

/** The state tensors as the module reads them for the basis's form (see assembly/index.ts). */
function moduleState(form: BasisCpuForm, K: number, state: Float32Array): Float32Array {
  switch (form.kind) {
    case 'bspline':
      return state;
    case 'fourier':
      return new Float32Array(0);
    case 'recurrence': {
      // (aₙ, bₙ, cₙ) interleaved, n = 0..K−1
      const coefficients = new Float32Array(3 * K);
      for (let n = 0; n < K; n++) coefficients.set([form.a[n]!, form.b[n]!, form.c[n]!], 3 * n);
      return coefficients;
    }
    default: {
      // the centres (or translations) padded to a multiple of 4, since rows are read 4 at a time; then the rest
      const padded = new Float32Array(roundUp(K, 4) + state.length - K);
      padded.set(state.subarray(0, K));
      padded.set(state.subarray(K), roundUp(K, 4));
      return padded;
    }
  }
}

/** The module's kind argument and its scalar parameter for the basis's form. */
function kindOf(form: BasisCpuForm): { kind: number; order: number; knots: number; param: number } {
  switch (form.kind) {
    case 'radial':
      return { kind: KINDS[form.profile], order: 0, knots: 0, param: 1 / form.width };
    case 'bspline':
      return { kind: KINDS.bspline, order: form.order, knots: form.knots, param: 0 };
    case 'wavelet':
      return { kind: KINDS[form.profile], order: 0, knots: 0, param: form.amplitude };
    default:
      return { kind: KINDS[form.kind], order: 0, knots: 0, param: 0 };
  }
}

/** Whether this is the base branch's SiLU (`siluBasis` of @kanjs/kernels: one object per width), which the module computes itself. */
export function isSiluBasis(basis: Basis): boolean {
  return basis.name === 'silu' && basis === siluBasis(basis.inFeatures);
}

/** The module's kind and state for the basis: its CPU form's, or SiLU's (no state). */
function moduleKind(basis: Basis, state: Float32Array): { kind: number; order: number; knots: number; param: number; state: Float32Array } {
  if (isSiluBasis(basis)) return { kind: KINDS.silu, order: 0, knots: 0, param: 0, state: new Float32Array(0) };
  const form = cpuFormOf(basis);
  if (form === undefined) throw new Error(`@kanjs/backend-wasm: expected a basis with a CPU form the wasm kernels know, got "${basis.name}".`);
  return { ...kindOf(form), state: moduleState(form, basis.size, state) };
}

export function plan({ basis, batch, state }: Operands): Plan {
  const K = basis.size;
  const batchP = roundUp(batch, 4);
  return {
    ...moduleKind(basis, state),
    batchP,
    inF: basis.inFeatures,
    K,
    tileRows: Math.min(TILE_ROWS, batchP),
    // A multiple of 8, so that each chunk of features·K rows of W starts a panel of 8 (see gradInput).
    features: Math.max(8, Math.floor(TILE_VALUES / K / 8) * 8),
  };
}

/** Copies rows × cols of `src` into `dst` with rows of `stride` floats (the rest stays 0). */
function copyPadded(dst: Float32Array, src: Float32Array, rows: number, cols: number, stride: number): void {
  if (stride === cols) {
    dst.set(src.subarray(0, rows * cols));
    return;
  }
  for (let r = 0; r < rows; r++) dst.set(src.subarray(r * cols, (r + 1) * cols), r * stride);
}

/** Copies rows × cols out of the module's memory at `at`, with rows of `stride` floats (compacted there first). */
export function copyUnpadded(module: ReturnType<typeof kernelModule>, at: number, rows: number, cols: number, stride: number): Float32Array {
  if (stride !== cols) module.unpad(at, rows, cols, stride);
  return view(module, at, rows * cols).slice();
}

/** Fills the module's x (padded rows 0) and state (padding 0). */
export function place(p: Plan, ops: Operands, xAt: number, stateAt: number, module: ReturnType<typeof kernelModule>): void {
  const xs = view(module, xAt, p.batchP * p.inF);
  xs.fill(0);
  xs.set(ops.x.subarray(0, ops.batch * p.inF));
  const st = view(module, stateAt, stateFloats(p));
  st.fill(0);
  st.set(p.state);
}

/** The module's state buffer, with 4 floats of room for rows read 4 at a time. */
export const stateFloats = (p: Plan) => p.state.length + 4;

/** Fills the module's dy [batchP, outP] from dy [batch, out], padding 0. */
export function placeRows(module: ReturnType<typeof kernelModule>, dy: Float32Array, batch: number, batchP: number, out: number, outP: number, at: number): void {
  const dys = view(module, at, batchP * outP);
  dys.fill(0);
  copyPadded(dys, dy, batch, out, outP);
}

/** Copies W [rows, cols] to `rawAt` and packs it at `wAt` in panels of 8 columns (the module's `packPanels`). */
export function placeWeight(module: ReturnType<typeof kernelModule>, w: Float32Array, rows: number, cols: number, rawAt: number, wAt: number): void {
  view(module, rawAt, rows * cols).set(w.subarray(0, rows * cols));
  module.packPanels(rawAt, rows, cols, wAt);
}

/** One thread's scratch A: a tile of basis values. */
export const scratchFloats = (p: Plan) => p.tileRows * (p.features * p.K + 4) + 4;
/** One thread's scratch G of gradInput: 4 rows of dy·Wᵀ. */
export const gFloats = (p: Plan) => 4 * p.features * p.K;

/** y [batch, out] = Σᵢ Σₖ Bₖ(x[b, i])·W[i·K + k, o], W [in·K, out]. */
export function fusedForward(ops: Operands, w: Float32Array, out: number): Float32Array {
  const p = plan(ops);
  const outP = roundUp(out, 8);
  const module = kernelModule();
  const [xAt, wAt, stateAt, yAt, aAt, rawAt] = layout(module, [p.batchP * p.inF, p.inF * p.K * outP, stateFloats(p), p.batchP * outP, threadScratch(scratchFloats(p)), w.length]);
  place(p, ops, xAt!, stateAt!, module);
  placeWeight(module, w, p.inF * p.K, out, rawAt!, wAt!);
  view(module, yAt!, p.batchP * outP).fill(0);
  forwardProduct(module, p, xAt!, wAt!, outP, stateAt!, yAt!, aAt!, scratchFloats(p));
  return copyUnpadded(module, yAt!, ops.batch, out, outP);
}

/** dx [batch, in] = Σₖ dBₖ/dx(x[b, i])·Σₒ dy[b, o]·W[i·K + k, o]. */
export function fusedGradInput(ops: Operands, dy: Float32Array, w: Float32Array, out: number): Float32Array {
  const p = plan(ops);
  const outP = roundUp(out, 8);
  const rows = p.inF * p.K;
  const module = kernelModule();
  const [xAt, wtAt, stateAt, dyAt, dxAt, aAt, gAt, rawAt] = layout(module, [
    p.batchP * p.inF, roundUp(rows, 8) * out, stateFloats(p), p.batchP * outP, p.batchP * p.inF, threadScratch(scratchFloats(p)), threadScratch(gFloats(p)), w.length,
  ]);
  place(p, ops, xAt!, stateAt!, module);
  view(module, rawAt!, rows * out).set(w.subarray(0, rows * out));
  module.packTransposed(rawAt!, rows, out, wtAt!);
  placeRows(module, dy, ops.batch, p.batchP, out, outP, dyAt!);
  inputProduct(module, p, xAt!, wtAt!, out, outP, stateAt!, dyAt!, dxAt!, aAt!, scratchFloats(p), gAt!, gFloats(p));
  return view(module, dxAt!, ops.batch * p.inF).slice();
}

/** dW [in·K, out] = Σ_b Bₖ(x[b, i])·dy[b, o] at row i·K + k. */
export function fusedGradWeight(ops: Operands, dy: Float32Array, out: number): Float32Array {
  const p = plan(ops);
  const outP = roundUp(out, 8);
  const module = kernelModule();
  const [xAt, stateAt, dyAt, dwAt, aAt] = layout(module, [p.batchP * p.inF, stateFloats(p), p.batchP * outP, p.inF * p.K * outP, threadScratch(scratchFloats(p))]);
  place(p, ops, xAt!, stateAt!, module);
  placeRows(module, dy, ops.batch, p.batchP, out, outP, dyAt!);
  weightProduct(module, p, xAt!, outP, stateAt!, dyAt!, dwAt!, aAt!, scratchFloats(p));
  return copyUnpadded(module, dwAt!, p.inF * p.K, out, outP);
}
