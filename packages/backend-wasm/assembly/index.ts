// The fused KanBasisLinear kernels in wasm SIMD (simd128), single-threaded. The JS side lays out every buffer in
// this module's memory (from heapBase() on) and calls one function per kernel; none of them writes the
// [batch, in·K] basis tensor: each computes the basis of a tile of rows × features into the scratch A and
// multiplies it in registers.
//
// Layouts (f32, row-major): x [batchP, inF]; y, dy [batchP, outP]; dx [batchP, inF]; dW [inF·K, outP]; W
// packed so that each product streams it contiguously: in panels of 8 columns, [outP/8, inF·K, 8], for the
// forward (packPanels), and transposed in panels of 8 rows, [⌈inF·K/8⌉, out, 8], for dx (packTransposed). batchP is a
// multiple of 4 (padded rows of x are 0, of dy are 0) and outP of 8 (padded columns of W and dy are 0). A is [rows, lda] with lda = features·K + 4: a radial row is written 4 lanes at
// a time and may spill 3 floats into the next feature's slot (rewritten next) or into the padding.
//
// kind: 0 Gaussian exp(−z²), 1 RSWAF 1 − tanh²z (z = (x − cⱼ)/h, h = 1/`param`, centres at `state`, K + 3
// floats, padded), 2 B-spline of order `order` on input i's knots at state + 4·(i·knots + j), 3 a three-term
// recurrence on tanh x with (aₙ, bₙ, cₙ) at state + 12·n, 4 Fourier cos(kx), then sin(kx), for k = 1..K/2 (no
// state), 5 the Mexican hat `param`·(1 − u²)·exp(−u²/2), u = (x − tⱼ)/sᵢ, translations at `state` (padded to
// K rounded up to 4) and then the scales, one per input, 6 the SiLU base branch x·σ(x) (K = 1, no state).
//
// The other kernels of a training step (LayerNorm, AdamW, the softmax cross-entropy) are in their own files.
export * from './layer-norm';
export * from './adamw';
export * from './softmax-cross-entropy';

const KIND_GAUSSIAN = 0;
const KIND_RSWAF = 1;
const KIND_BSPLINE = 2;
const KIND_RECURRENCE = 3;
const KIND_FOURIER = 4;
const KIND_MEXICAN_HAT = 5;
const KIND_SILU = 6;

/** The largest spline order (the B-spline basis accepts up to 16). */
const MAX_ORDER = 16;
// The B-spline recursion's and the Gaussian fast path's scratch: static for the single-threaded module; each
// instance of the threaded one (threads share its memory) moves them to its own SCRATCH_BYTES (useScratch).
const SCRATCH_FLOATS = MAX_ORDER + 2;
let LEFT: usize = memory.data(SCRATCH_FLOATS * 4);
let RIGHT: usize = memory.data(SCRATCH_FLOATS * 4);
let TRI: usize = memory.data(SCRATCH_FLOATS * 4);

/** Where the JS side may start laying out buffers. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

// ---- exp(x) for f32x4: 2ⁿ·p(r), r = x − n·ln2, p a degree-6 Taylor polynomial (relative error < 2e-7);
// 0 below −87 (where f32 would be denormal), NaN stays NaN.
@inline
function expv(x: v128): v128 {
  const lo = f32x4.splat(-87.0);
  const small = f32x4.lt(x, lo);
  let xc = f32x4.min(f32x4.max(x, lo), f32x4.splat(88.0));
  const n = f32x4.nearest(f32x4.mul(xc, f32x4.splat(1.4426950408889634)));
  let r = f32x4.sub(xc, f32x4.mul(n, f32x4.splat(0.693145751953125)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(1.428606765330187e-6)));
  let p = f32x4.splat(1.0 / 720.0);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 120.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 24.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 6.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  const e = f32x4.mul(p, scale);
  const nan = f32x4.ne(x, x);
  return v128.bitselect(x, v128.andnot(e, small), nan);
}

// ---- radial bases: 4 centres at a time.
@inline
function radialRow(kind: i32, x: f32, state: usize, K: i32, invH: f32, dst: usize, derivs: bool): void {
  const xv = f32x4.splat(x);
  const ih = f32x4.splat(invH);
  for (let k = 0; k < K; k += 4) {
    const z = f32x4.mul(f32x4.sub(xv, v128.load(state + (<usize>k << 2))), ih);
    let out: v128;
    if (kind == KIND_GAUSSIAN) {
      const phi = expv(f32x4.neg(f32x4.mul(z, z)));
      // dφ/dx = −2z·φ/h
      out = derivs ? f32x4.mul(f32x4.mul(f32x4.splat(-2.0), f32x4.mul(z, phi)), ih) : phi;
    } else {
      // e = exp(−2|z|): sech²z = 4e/(1 + e)², tanh z = sign(z)(1 − e)/(1 + e); dφ/dx = −2·tanh z·sech²z/h
      const e = expv(f32x4.mul(f32x4.splat(-2.0), f32x4.abs(z)));
      const one = f32x4.splat(1.0);
      const ope = f32x4.add(one, e);
      const sech2 = f32x4.div(f32x4.mul(f32x4.splat(4.0), e), f32x4.mul(ope, ope));
      if (derivs) {
        const mag = f32x4.div(f32x4.sub(one, e), ope);
        const t = v128.or(v128.and(z, i32x4.splat(0x80000000)), mag);
        out = f32x4.mul(f32x4.mul(f32x4.splat(-2.0), f32x4.mul(t, sech2)), ih);
      } else {
        out = sech2;
      }
    }
    v128.store(dst + (<usize>k << 2), out);
  }
}

// ---- Gaussians on uniform centres cⱼ = m + (j − (K−1)/2)·Δ, 4 inputs at a time, 2 exps per 4 inputs instead of K
// per input: with z = (x − m)/h and s = Δ/h, zⱼ = z − (j − (K−1)/2)·s, so
//     φⱼ = exp(−zⱼ²) = Pⱼ·Cⱼ,  P₀ = exp(−z² − (K−1)·s·z),  Pⱼ₊₁ = Pⱼ·q,  q = exp(2·s·z),  Cⱼ = exp(−s²·(j − (K−1)/2)²).
// Exact algebra; in f32 it loses a few ulps (the rounding of P₀'s and q's arguments, at most 4·(4 + (K−1)·s)
// and 8·s, and K products), so it is taken only where |z| ≤ GAUSS_Z (x within 4h of the middle: nothing
// under- or overflows) and (K−1)·s ≤ GAUSS_SPREAD; other inputs take radialRow.
const GAUSS_Z: f32 = 4.0;
const GAUSS_SPREAD: f32 = 8.0;
const GAUSS_MAX_K = 12;
let GAUSS_C: usize = memory.data(GAUSS_MAX_K * 4);

/** The bytes of one instance's scratch (LEFT, RIGHT, TRI, GAUSS_C), 16-byte aligned. */
export const SCRATCH_BYTES: i32 = (3 * SCRATCH_FLOATS + GAUSS_MAX_K) * 4 + 15 & ~15;

/** Moves this instance's scratch to SCRATCH_BYTES at `at` (the threaded module: one region per thread). */
export function useScratch(at: usize): void {
  LEFT = at;
  RIGHT = at + SCRATCH_FLOATS * 4;
  TRI = at + 2 * SCRATCH_FLOATS * 4;
  GAUSS_C = at + 3 * SCRATCH_FLOATS * 4;
}
let gaussMid: f32 = 0;
let gaussSpacing: f32 = 0;

/**
 * Whether the K centres at `centres` are uniform (to 1e-6 of their spread) and the fast path applies (K a multiple
 * of 4, at most GAUSS_MAX_K, (K−1)·s ≤ GAUSS_SPREAD); if so, sets gaussMid, gaussSpacing (s) and GAUSS_C.
 */
function prepareGaussian(centres: usize, K: i32, invH: f32): bool {
  if ((K & 3) != 0 || K > GAUSS_MAX_K) return false;
  const first = load<f32>(centres);
  const last = load<f32>(centres + (<usize>(K - 1) << 2));
  const delta = (last - first) / <f32>(K - 1);
  const spread = Mathf.abs(last - first);
  if (!(spread > 0) || !(Mathf.abs(delta * invH) * <f32>(K - 1) <= GAUSS_SPREAD)) return false;
  for (let j = 1; j < K - 1; j++) {
    if (!(Mathf.abs(load<f32>(centres + (<usize>j << 2)) - (first + <f32>j * delta)) <= 1e-6 * spread)) return false;
  }
  gaussMid = <f32>0.5 * (first + last);
  gaussSpacing = delta * invH;
  const half: f32 = <f32>0.5 * <f32>(K - 1);
  for (let j = 0; j < K; j++) {
    const d: f32 = (<f32>j - half) * gaussSpacing;
    store<f32>(GAUSS_C + (<usize>j << 2), Mathf.exp(-d * d));
  }
  return true;
}

/** Stores 4 centres' values of x at `dst` (φ, or dφ/dx = −2zⱼ·φ/h with zⱼ = (x − cⱼ)/h for the centres at `c`). */
@inline
function storeCentres(phi: v128, x: f32, c: usize, ih: v128, dst: usize, derivs: bool): void {
  if (derivs) {
    const z = f32x4.mul(f32x4.sub(f32x4.splat(x), v128.load(c)), ih);
    phi = f32x4.mul(f32x4.mul(f32x4.splat(-2.0), f32x4.mul(z, phi)), ih);
  }
  v128.store(dst, phi);
}

/**
 * The Gaussians of the 4 inputs in `xv` (lanes) at dst, dst + K floats, …, as radialRow writes them; false (and
 * nothing written) where an input is outside the fast path's range (or NaN). prepareGaussian must have returned true.
 */
@inline
function gaussianQuad(xv: v128, centres: usize, K: i32, invH: f32, dst: usize, derivs: bool): bool {
  const ih = f32x4.splat(invH);
  const z = f32x4.mul(f32x4.sub(xv, f32x4.splat(gaussMid)), ih);
  if (!i32x4.all_true(f32x4.le(f32x4.abs(z), f32x4.splat(GAUSS_Z)))) return false;
  const sv = f32x4.splat(gaussSpacing);
  const spread = f32x4.mul(f32x4.splat(<f32>(K - 1)), sv);
  let p = expv(f32x4.neg(f32x4.mul(z, f32x4.add(z, spread))));
  const q = expv(f32x4.mul(f32x4.add(sv, sv), z));
  const x0 = f32x4.extract_lane(xv, 0), x1 = f32x4.extract_lane(xv, 1);
  const x2 = f32x4.extract_lane(xv, 2), x3 = f32x4.extract_lane(xv, 3);
  const stride = <usize>K << 2;
  for (let j = 0; j < K; j += 4) {
    const cj = GAUSS_C + (<usize>j << 2);
    const f0 = f32x4.mul(p, v128.load32_splat(cj));
    p = f32x4.mul(p, q);
    const f1 = f32x4.mul(p, v128.load32_splat(cj, 4));
    p = f32x4.mul(p, q);
    const f2 = f32x4.mul(p, v128.load32_splat(cj, 8));
    p = f32x4.mul(p, q);
    const f3 = f32x4.mul(p, v128.load32_splat(cj, 12));
    p = f32x4.mul(p, q);
    // transpose: row r = input r's values at centres j..j+3
    const t0 = i32x4.shuffle(f0, f1, 0, 4, 1, 5);
    const t1 = i32x4.shuffle(f0, f1, 2, 6, 3, 7);
    const t2 = i32x4.shuffle(f2, f3, 0, 4, 1, 5);
    const t3 = i32x4.shuffle(f2, f3, 2, 6, 3, 7);
    const c = centres + (<usize>j << 2);
    const at = dst + (<usize>j << 2);
    storeCentres(i32x4.shuffle(t0, t2, 0, 1, 4, 5), x0, c, ih, at, derivs);
    storeCentres(i32x4.shuffle(t0, t2, 2, 3, 6, 7), x1, c, ih, at + stride, derivs);
    storeCentres(i32x4.shuffle(t1, t3, 0, 1, 4, 5), x2, c, ih, at + 2 * stride, derivs);
    storeCentres(i32x4.shuffle(t1, t3, 2, 3, 6, 7), x3, c, ih, at + 3 * stride, derivs);
  }
  return true;
}

// ---- orthogonal polynomials of t = tanh x: P₀ = 1, P₁ = a₁t + b₁, Pₙ = (aₙt + bₙ)·Pₙ₋₁ − cₙ·Pₙ₋₂; the
// derivatives by differentiating the recurrence, P'ₙ = aₙ·Pₙ₋₁ + (aₙt + bₙ)·P'ₙ₋₁ − cₙ·P'ₙ₋₂, times
// dt/dx = 1 − t² (as tfjs's Tanh gradient computes it).
function recurrenceRow(x: f32, coef: usize, K: i32, dst: usize, derivs: bool): void {
  const t = Mathf.tanh(x);
  const a1 = load<f32>(coef, 12);
  let previous: f32 = 1.0;
  let current: f32 = a1 * t + load<f32>(coef, 16);
  if (!derivs) {
    store<f32>(dst, previous);
    store<f32>(dst, current, 4);
    for (let n = 2; n < K; n++) {
      const c = coef + <usize>(n * 12);
      const next = (load<f32>(c) * t + load<f32>(c, 4)) * current - load<f32>(c, 8) * previous;
      store<f32>(dst + (<usize>n << 2), next);
      previous = current;
      current = next;
    }
    return;
  }
  const slope: f32 = 1.0 - t * t;
  let dPrevious: f32 = 0.0;
  let dCurrent = a1;
  store<f32>(dst, 0.0);
  store<f32>(dst, dCurrent * slope, 4);
  for (let n = 2; n < K; n++) {
    const c = coef + <usize>(n * 12);
    const a = load<f32>(c);
    const affine = a * t + load<f32>(c, 4);
    const cn = load<f32>(c, 8);
    const dNext = a * current + affine * dCurrent - cn * dPrevious;
    const next = affine * current - cn * previous;
    store<f32>(dst + (<usize>n << 2), dNext * slope);
    previous = current;
    current = next;
    dPrevious = dCurrent;
    dCurrent = dNext;
  }
}

// ---- Fourier: B_{k−1} = cos(kx), B_{G+k−1} = sin(kx), k = 1..G = K/2, with θ = k·x rounded to f32 as tfjs
// computes it; derivatives −k·sin(kx) and k·cos(kx).
function fourierRow(x: f32, K: i32, dst: usize, derivs: bool): void {
  const G = K >> 1;
  const sines = dst + (<usize>G << 2);
  for (let k = 1; k <= G; k++) {
    const f = <f32>k;
    const theta = f * x;
    const s = Mathf.sin(theta);
    const c = Mathf.cos(theta);
    const at = <usize>(k - 1) << 2;
    store<f32>(dst + at, derivs ? -(f * s) : c);
    store<f32>(sines + at, derivs ? f * c : s);
  }
}

// ---- the Mexican hat, 4 translations at a time: amplitude·(1 − u²)·exp(−u²/2), u = (x − tⱼ)/s; the
// derivative amplitude·(u³ − 3u)·exp(−u²/2)/s.
@inline
function mexicanHatRow(x: f32, translations: usize, scale: f32, K: i32, amplitude: f32, dst: usize, derivs: bool): void {
  const xv = f32x4.splat(x);
  const sv = f32x4.splat(scale);
  const av = f32x4.splat(amplitude);
  const one = f32x4.splat(1.0);
  for (let k = 0; k < K; k += 4) {
    const u = f32x4.div(f32x4.sub(xv, v128.load(translations + (<usize>k << 2))), sv);
    const u2 = f32x4.mul(u, u);
    const e = expv(f32x4.mul(u2, f32x4.splat(-0.5)));
    let out: v128;
    if (derivs) {
      const poly = f32x4.mul(u, f32x4.sub(u2, f32x4.splat(3.0)));
      out = f32x4.div(f32x4.mul(av, f32x4.mul(poly, e)), sv);
    } else {
      out = f32x4.mul(av, f32x4.mul(f32x4.sub(one, u2), e));
    }
    v128.store(dst + (<usize>k << 2), out);
  }
}

// ---- SiLU(x) = x·σ(x), σ(x) = 1/(1 + e^−x); dSiLU/dx = σ(x)·(1 + x·(1 − σ(x))), as tfjs computes them. K = 1,
// so a row of A is the row of x: 4 inputs at a time, then the tail.
@inline
function siluValue(x: f32, derivs: bool): f32 {
  const s: f32 = 1.0 / (1.0 + Mathf.exp(-x));
  return derivs ? s * (1.0 + x * (1.0 - s)) : x * s;
}

function siluRow(xrow: usize, i0: i32, i1: i32, dst: usize, derivs: bool): void {
  const one = f32x4.splat(1.0);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const xv = v128.load(xrow + (<usize>i << 2));
    const s = f32x4.div(one, f32x4.add(one, expv(f32x4.neg(xv))));
    const out = derivs ? f32x4.mul(s, f32x4.add(one, f32x4.mul(xv, f32x4.sub(one, s)))) : f32x4.mul(xv, s);
    v128.store(dst + (<usize>(i - i0) << 2), out);
  }
  for (; i < i1; i++) store<f32>(dst + (<usize>(i - i0) << 2), siluValue(load<f32>(xrow + (<usize>i << 2)), derivs));
}

// ---- B-splines: the knot span, then de Boor's triangle (The NURBS Book, A2.2), as in the GPU snippets.
@inline
function knot(t: usize, j: i32, count: i32): f32 {
  return load<f32>(t + (<usize>(j < 0 ? 0 : j > count - 1 ? count - 1 : j) << 2));
}

/** The span μ with t_μ ≤ x < t_μ₊₁, or −1 where x is outside [t₀, t_last) or NaN. */
function span(x: f32, t: usize, count: i32): i32 {
  if (!(x >= load<f32>(t) && x < load<f32>(t + (<usize>(count - 1) << 2)))) return -1;
  let lo = 0;
  let hi = count - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (load<f32>(t + (<usize>mid << 2)) <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** TRI[r] = B_{μ−p+r, p}(x), r = 0..p. */
function triangle(x: f32, t: usize, count: i32, mu: i32, p: i32): void {
  store<f32>(TRI, 1.0);
  for (let j = 1; j <= p; j++) {
    store<f32>(LEFT + (<usize>j << 2), x - knot(t, mu + 1 - j, count));
    store<f32>(RIGHT + (<usize>j << 2), knot(t, mu + j, count) - x);
    let saved: f32 = 0.0;
    for (let r = 0; r < j; r++) {
      const right = load<f32>(RIGHT + (<usize>(r + 1) << 2));
      const left = load<f32>(LEFT + (<usize>(j - r) << 2));
      const width = right + left;
      const temp: f32 = width != 0.0 ? load<f32>(TRI + (<usize>r << 2)) / width : 0.0;
      store<f32>(TRI + (<usize>r << 2), saved + right * temp);
      saved = left * temp;
    }
    store<f32>(TRI + (<usize>j << 2), saved);
  }
}

function bsplineRow(x: f32, t: usize, count: i32, order: i32, K: i32, dst: usize, derivs: bool): void {
  for (let k = 0; k < K; k++) store<f32>(dst + (<usize>k << 2), 0.0);
  const mu = span(x, t, count);
  if (mu < 0) return;
  if (!derivs) {
    triangle(x, t, count, mu, order);
    for (let r = 0; r <= order; r++) {
      const k = mu - order + r;
      if (k >= 0 && k < K) store<f32>(dst + (<usize>k << 2), load<f32>(TRI + (<usize>r << 2)));
    }
    return;
  }
  if (order == 0) return;
  // TRI[r] = B_{μ−p+1+r, p−1}(x); dB_{j,p}/dx = p·(B_{j,p−1}/(t_{j+p} − t_j) − B_{j+1,p−1}/(t_{j+p+1} − t_{j+1}))
  triangle(x, t, count, mu, order - 1);
  for (let r = 0; r <= order; r++) {
    const k = mu - order + r;
    if (k < 0 || k >= K) continue;
    let d: f32 = 0.0;
    if (r > 0) {
      const width = knot(t, k + order, count) - knot(t, k, count);
      if (width != 0.0) d += load<f32>(TRI + (<usize>(r - 1) << 2)) / width;
    }
    if (r < order) {
      const width = knot(t, k + order + 1, count) - knot(t, k + 1, count);
      if (width != 0.0) d -= load<f32>(TRI + (<usize>r << 2)) / width;
    }
    store<f32>(dst + (<usize>k << 2), <f32>order * d);
  }
}

/** A[r, (i − i0)·K + k] = Bₖ(x[b0 + r, i]) (or dBₖ/dx) for r < rows, i0 ≤ i < i1. */
function basisTile(
  kind: i32, x: usize, inF: i32, b0: i32, rows: i32, i0: i32, i1: i32, K: i32,
  state: usize, order: i32, knots: i32, param: f32, A: usize, lda: i32, derivs: bool,
): void {
  const scales = state + (<usize>((K + 3) & ~3) << 2);
  const quads = kind == KIND_GAUSSIAN && prepareGaussian(state, K, param);
  for (let r = 0; r < rows; r++) {
    const xrow = x + (<usize>((b0 + r) * inF) << 2);
    const arow = A + (<usize>(r * lda) << 2);
    if (kind == KIND_SILU) {
      siluRow(xrow, i0, i1, arow, derivs);
      continue;
    }
    if (quads) {
      let i = i0;
      for (; i + 4 <= i1; i += 4) {
        const dst = arow + (<usize>((i - i0) * K) << 2);
        if (gaussianQuad(v128.load(xrow + (<usize>i << 2)), state, K, param, dst, derivs)) continue;
        for (let l = 0; l < 4; l++) radialRow(KIND_GAUSSIAN, load<f32>(xrow + (<usize>(i + l) << 2)), state, K, param, dst + (<usize>(l * K) << 2), derivs);
      }
      for (; i < i1; i++) radialRow(KIND_GAUSSIAN, load<f32>(xrow + (<usize>i << 2)), state, K, param, arow + (<usize>((i - i0) * K) << 2), derivs);
      continue;
    }
    for (let i = i0; i < i1; i++) {
      const xi = load<f32>(xrow + (<usize>i << 2));
      const dst = arow + (<usize>((i - i0) * K) << 2);
      if (kind == KIND_BSPLINE) bsplineRow(xi, state + (<usize>(i * knots) << 2), knots, order, K, dst, derivs);
      else if (kind == KIND_GAUSSIAN) radialRow(KIND_GAUSSIAN, xi, state, K, param, dst, derivs);
      else if (kind == KIND_RSWAF) radialRow(KIND_RSWAF, xi, state, K, param, dst, derivs);
      else if (kind == KIND_RECURRENCE) recurrenceRow(xi, state, K, dst, derivs);
      else if (kind == KIND_FOURIER) fourierRow(xi, K, dst, derivs);
      else mexicanHatRow(xi, state, load<f32>(scales + (<usize>i << 2)), K, param, dst, derivs);
    }
  }
}

/**
 * The 4 × 8 register tile of every product: C[r, 0..8] (+)= Σⱼ a_r[j]·B[j, 0..8] for r < 4, with a_r at
 * a + r·aStride (floats, contiguous in j), B contiguous 8-float rows at b, C rows at c + r·cStride bytes.
 * `accumulate`: C starts from its stored values, else from 0.
 */
@inline
function tile4x8(a: usize, aStride: usize, b: usize, n: i32, c: usize, cStride: usize, accumulate: bool): void {
  const a1 = a + aStride, a2 = a1 + aStride, a3 = a2 + aStride;
  const y1 = c + cStride, y2 = y1 + cStride, y3 = y2 + cStride;
  const zero = f32x4.splat(0);
  let c00 = accumulate ? v128.load(c) : zero, c01 = accumulate ? v128.load(c, 16) : zero;
  let c10 = accumulate ? v128.load(y1) : zero, c11 = accumulate ? v128.load(y1, 16) : zero;
  let c20 = accumulate ? v128.load(y2) : zero, c21 = accumulate ? v128.load(y2, 16) : zero;
  let c30 = accumulate ? v128.load(y3) : zero, c31 = accumulate ? v128.load(y3, 16) : zero;
  let bp = b;
  for (let j = 0; j < n; j++) {
    const w0 = v128.load(bp);
    const w1 = v128.load(bp, 16);
    const jj = <usize>j << 2;
    const s0 = v128.load32_splat(a + jj);
    const s1 = v128.load32_splat(a1 + jj);
    const s2 = v128.load32_splat(a2 + jj);
    const s3 = v128.load32_splat(a3 + jj);
    c00 = f32x4.add(c00, f32x4.mul(s0, w0)); c01 = f32x4.add(c01, f32x4.mul(s0, w1));
    c10 = f32x4.add(c10, f32x4.mul(s1, w0)); c11 = f32x4.add(c11, f32x4.mul(s1, w1));
    c20 = f32x4.add(c20, f32x4.mul(s2, w0)); c21 = f32x4.add(c21, f32x4.mul(s2, w1));
    c30 = f32x4.add(c30, f32x4.mul(s3, w0)); c31 = f32x4.add(c31, f32x4.mul(s3, w1));
    bp += 32;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(y1, c10); v128.store(y1, c11, 16);
  v128.store(y2, c20); v128.store(y2, c21, 16);
  v128.store(y3, c30); v128.store(y3, c31, 16);
}

/**
 * Forward: y [batchP, outP] = Σᵢ Σₖ Bₖ(x[b, i])·W[i·K + k, o]; y is overwritten. A holds `tileRows` rows of
 * `features`·K + 4 floats.
 */
export function forward(
  kind: i32, x: usize, batchP: i32, inF: i32, K: i32, w: usize, outP: i32,
  state: usize, order: i32, knots: i32, param: f32, y: usize, A: usize, tileRows: i32, features: i32,
): void {
  memory.fill(y, 0, <usize>(batchP * outP) << 2);
  forwardAccumulate(kind, x, batchP, inF, K, w, outP, state, order, knots, param, y, A, tileRows, features, 0, batchP, 0, outP);
}

/** y [batchP, outP] += bias [outP] on every row. */
export function addBias(y: usize, bias: usize, rows: i32, outP: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = y + (<usize>(r * outP) << 2);
    for (let o = 0; o < outP; o += 4) {
      const at = <usize>o << 2;
      v128.store(row + at, f32x4.add(v128.load(row + at), v128.load(bias + at)));
    }
  }
}

/**
 * Forward, added to what y holds (FastKAN's layer kernel sums its two branches in y), for rows r0 ≤ b < r1
 * (multiples of 4) and columns o0 ≤ o < o1 (multiples of 8): threads split the product so. Every y value sums
 * the same terms in the same order whatever the split.
 */
export function forwardAccumulate(
  kind: i32, x: usize, batchP: i32, inF: i32, K: i32, w: usize, outP: i32,
  state: usize, order: i32, knots: i32, param: f32, y: usize, A: usize, tileRows: i32, features: i32,
  r0: i32, r1: i32, o0: i32, o1: i32,
): void {
  const lda = features * K + 4;
  for (let b0 = r0; b0 < r1; b0 += tileRows) {
    const rows = min(tileRows, r1 - b0);
    for (let i0 = 0; i0 < inF; i0 += features) {
      const i1 = min(inF, i0 + features);
      const n = (i1 - i0) * K;
      basisTile(kind, x, inF, b0, rows, i0, i1, K, state, order, knots, param, A, lda, false);
      const panel = <usize>(inF * K) << 5; // bytes of one 8-column panel of W
      const wChunk = w + (<usize>(i0 * K) << 5);
      for (let o = o0; o < o1; o += 8) {
        const oo = <usize>o << 2;
        const wPanel = wChunk + <usize>(o >> 3) * panel;
        for (let r0 = 0; r0 < rows; r0 += 4) {
          const yTile = y + (<usize>((b0 + r0) * outP) << 2) + oo;
          tile4x8(A + (<usize>(r0 * lda) << 2), <usize>lda << 2, wPanel, n, yTile, <usize>outP << 2, true);
        }
      }
    }
  }
}

/**
 * dx [batchP, inF] = Σₖ dBₖ/dx(x[b, i])·G[b, i·K + k] with G = dy·Wᵀ, computed per tile as a product of dy
 * [4 rows, out] and W transposed in panels of 8 rows, `wt` [roundUp(inF·K, 8)/8, out, 8] (see packTransposed);
 * dx is overwritten for inputs f0 ≤ i < f1 (f0 a multiple of `features`: threads split the inputs so).
 * `features`·K must be a multiple of 8; G holds 4 rows of `features`·K floats.
 */
export function gradInput(
  kind: i32, x: usize, batchP: i32, inF: i32, K: i32, wt: usize, out: i32, outP: i32,
  state: usize, order: i32, knots: i32, param: f32, dy: usize, dx: usize, A: usize, G: usize, tileRows: i32, features: i32,
  f0: i32, f1: i32,
): void {
  const lda = features * K + 4;
  const ldg = features * K;
  const panel = <usize>out << 5; // bytes of one panel of 8 rows of W
  for (let b0 = 0; b0 < batchP; b0 += tileRows) {
    const rows = min(tileRows, batchP - b0);
    for (let i0 = f0; i0 < f1; i0 += features) {
      const i1 = min(f1, i0 + features);
      const n = (i1 - i0) * K;
      basisTile(kind, x, inF, b0, rows, i0, i1, K, state, order, knots, param, A, lda, true);
      for (let r0 = 0; r0 < rows; r0 += 4) {
        const dyTile = dy + (<usize>((b0 + r0) * outP) << 2);
        // G[r, j] = Σₒ dy[r, o]·W[i0·K + j, o] for the 4 rows, j < n rounded up to 8
        for (let j = 0; j < n; j += 8) {
          const panel0 = wt + (<usize>((i0 * K + j) >> 3)) * panel;
          tile4x8(dyTile, <usize>outP << 2, panel0, out, G + (<usize>j << 2), <usize>ldg << 2, false);
        }
        for (let r = 0; r < 4; r++) {
          const arow = A + (<usize>((r0 + r) * lda) << 2);
          const grow = G + (<usize>(r * ldg) << 2);
          const dxrow = dx + (<usize>((b0 + r0 + r) * inF) << 2);
          for (let i = i0; i < i1; i++) {
            const base = <usize>((i - i0) * K) << 2;
            let k = 0;
            let acc = f32x4.splat(0);
            for (; k + 4 <= K; k += 4) {
              const at = base + (<usize>k << 2);
              acc = f32x4.add(acc, f32x4.mul(v128.load(arow + at), v128.load(grow + at)));
            }
            let sum: f32 = (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
            for (; k < K; k++) sum += load<f32>(arow + base + (<usize>k << 2)) * load<f32>(grow + base + (<usize>k << 2));
            store<f32>(dxrow + (<usize>i << 2), sum);
          }
        }
      }
    }
  }
}

/**
 * Packs W [rows, cols] (row-major at `src`) transposed in panels of 8 rows at `dst`,
 * [roundUp(rows, 8)/8, cols, 8]: dst[p][c][l] = W[8p + l, c], rows past the end 0.
 */
export function packTransposed(src: usize, rows: i32, cols: i32, dst: usize): void {
  const rowBytes = <usize>cols << 2;
  const full = rows & ~7;
  // whole panels: 8 rows × 4 columns at a time, two 4 × 4 transposes
  for (let p = 0; p < full; p += 8) {
    const to = dst + <usize>(p >> 3) * (<usize>cols << 5);
    const r0 = src + <usize>p * rowBytes;
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = r0 + (<usize>c << 2);
      const out = to + (<usize>c << 5);
      for (let half = 0; half < 2; half++) {
        const from = at + <usize>(half * 4) * rowBytes;
        const a = v128.load(from), b = v128.load(from + rowBytes);
        const e = v128.load(from + 2 * rowBytes), f = v128.load(from + 3 * rowBytes);
        const t0 = i32x4.shuffle(a, b, 0, 4, 1, 5), t1 = i32x4.shuffle(a, b, 2, 6, 3, 7);
        const t2 = i32x4.shuffle(e, f, 0, 4, 1, 5), t3 = i32x4.shuffle(e, f, 2, 6, 3, 7);
        const o = out + (<usize>half << 4);
        v128.store(o, i32x4.shuffle(t0, t2, 0, 1, 4, 5));
        v128.store(o + 32, i32x4.shuffle(t0, t2, 2, 3, 6, 7));
        v128.store(o + 64, i32x4.shuffle(t1, t3, 0, 1, 4, 5));
        v128.store(o + 96, i32x4.shuffle(t1, t3, 2, 3, 6, 7));
      }
    }
    for (; c < cols; c++) {
      for (let l = 0; l < 8; l++) store<f32>(to + (<usize>c << 5) + (<usize>l << 2), load<f32>(r0 + <usize>l * rowBytes + (<usize>c << 2)));
    }
  }
  // the last, partial panel: rows past the end 0
  if (full < rows) {
    const to = dst + <usize>(full >> 3) * (<usize>cols << 5);
    for (let l = 0; l < 8; l++) {
      const lane = to + (<usize>l << 2);
      const from = src + <usize>(full + l) * rowBytes;
      for (let c = 0; c < cols; c++) store<f32>(lane + (<usize>c << 5), full + l < rows ? load<f32>(from + (<usize>c << 2)) : 0);
    }
  }
}

/**
 * dW [inF·K, outP] = Σ_b Bₖ(x[b, i])·dy[b, o] at row i·K + k; dW is overwritten at the rows of inputs
 * f0 ≤ i < f1 (threads split the inputs so; each value sums the batch in the same order whatever the split).
 */
export function gradWeight(
  kind: i32, x: usize, batchP: i32, inF: i32, K: i32, outP: i32,
  state: usize, order: i32, knots: i32, param: f32, dy: usize, dw: usize, A: usize, tileRows: i32, features: i32,
  f0: i32, f1: i32,
): void {
  memory.fill(dw + (<usize>(f0 * K * outP) << 2), 0, <usize>((f1 - f0) * K * outP) << 2);
  const lda = features * K + 4;
  const stride = <usize>outP << 2;
  for (let b0 = 0; b0 < batchP; b0 += tileRows) {
    const rows = min(tileRows, batchP - b0);
    const dyTile = dy + (<usize>(b0 * outP) << 2);
    for (let i0 = f0; i0 < f1; i0 += features) {
      const i1 = min(f1, i0 + features);
      const n = (i1 - i0) * K;
      basisTile(kind, x, inF, b0, rows, i0, i1, K, state, order, knots, param, A, lda, false);
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        const r0 = dw + (<usize>((i0 * K + j) * outP) << 2);
        const r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
        for (let o = 0; o < outP; o += 8) {
          const oo = <usize>o << 2;
          let c00 = v128.load(r0 + oo), c01 = v128.load(r0 + oo, 16);
          let c10 = v128.load(r1 + oo), c11 = v128.load(r1 + oo, 16);
          let c20 = v128.load(r2 + oo), c21 = v128.load(r2 + oo, 16);
          let c30 = v128.load(r3 + oo), c31 = v128.load(r3 + oo, 16);
          let ap = A + (<usize>j << 2);
          let dp = dyTile + oo;
          for (let r = 0; r < rows; r++) {
            const d0 = v128.load(dp);
            const d1 = v128.load(dp, 16);
            const s0 = v128.load32_splat(ap);
            const s1 = v128.load32_splat(ap, 4);
            const s2 = v128.load32_splat(ap, 8);
            const s3 = v128.load32_splat(ap, 12);
            c00 = f32x4.add(c00, f32x4.mul(s0, d0)); c01 = f32x4.add(c01, f32x4.mul(s0, d1));
            c10 = f32x4.add(c10, f32x4.mul(s1, d0)); c11 = f32x4.add(c11, f32x4.mul(s1, d1));
            c20 = f32x4.add(c20, f32x4.mul(s2, d0)); c21 = f32x4.add(c21, f32x4.mul(s2, d1));
            c30 = f32x4.add(c30, f32x4.mul(s3, d0)); c31 = f32x4.add(c31, f32x4.mul(s3, d1));
            ap += <usize>lda << 2;
            dp += stride;
          }
          v128.store(r0 + oo, c00); v128.store(r0 + oo, c01, 16);
          v128.store(r1 + oo, c10); v128.store(r1 + oo, c11, 16);
          v128.store(r2 + oo, c20); v128.store(r2 + oo, c21, 16);
          v128.store(r3 + oo, c30); v128.store(r3 + oo, c31, 16);
        }
      }
      for (; j < n; j++) {
        const r0 = dw + (<usize>((i0 * K + j) * outP) << 2);
        for (let o = 0; o < outP; o += 8) {
          const oo = <usize>o << 2;
          let c00 = v128.load(r0 + oo), c01 = v128.load(r0 + oo, 16);
          let ap = A + (<usize>j << 2);
          let dp = dyTile + oo;
          for (let r = 0; r < rows; r++) {
            const s0 = v128.load32_splat(ap);
            c00 = f32x4.add(c00, f32x4.mul(s0, v128.load(dp)));
            c01 = f32x4.add(c01, f32x4.mul(s0, v128.load(dp, 16)));
            ap += <usize>lda << 2;
            dp += stride;
          }
          v128.store(r0 + oo, c00); v128.store(r0 + oo, c01, 16);
        }
      }
    }
  }
}

/**
 * Packs W [rows, cols] (row-major at `src`) into panels of 8 columns at `dst`, [outP/8, rows, 8], padded
 * columns 0 (outP = cols rounded up to 8).
 */
export function packPanels(src: usize, rows: i32, cols: i32, dst: usize): void {
  const full = cols >> 3;
  const panel = <usize>rows << 5;
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const from = src + <usize>r * rowBytes;
    let to = dst + (<usize>r << 5);
    for (let p = 0; p < full; p++) {
      v128.store(to, v128.load(from + (<usize>p << 5)));
      v128.store(to, v128.load(from + (<usize>p << 5), 16), 16);
      to += panel;
    }
    const rest = cols - (full << 3);
    if (rest > 0) {
      for (let c = 0; c < 8; c++) store<f32>(to + (<usize>c << 2), c < rest ? load<f32>(from + (<usize>((full << 3) + c) << 2)) : 0);
    }
  }
}

/** Moves rows × cols floats with rows of `stride` floats at `at` together, rows of `cols` (in place; cols ≤ stride). */
export function unpad(at: usize, rows: i32, cols: i32, stride: i32): void {
  const bytes = <usize>cols << 2;
  for (let r = 1; r < rows; r++) memory.copy(at + <usize>r * bytes, at + (<usize>(r * stride) << 2), bytes);
}
