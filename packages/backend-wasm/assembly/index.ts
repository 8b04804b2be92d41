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
const LEFT = memory.data((MAX_ORDER + 2) * 4);
const RIGHT = memory.data((MAX_ORDER + 2) * 4);
const TRI = memory.data((MAX_ORDER + 2) * 4);

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
  for (let r = 0; r < rows; r++) {
    const xrow = x + (<usize>((b0 + r) * inF) << 2);
    const arow = A + (<usize>(r * lda) << 2);
    if (kind == KIND_SILU) {
      siluRow(xrow, i0, i1, arow, derivs);
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
    const s0 = f32x4.splat(load<f32>(a + jj));
    const s1 = f32x4.splat(load<f32>(a1 + jj));
    const s2 = f32x4.splat(load<f32>(a2 + jj));
    const s3 = f32x4.splat(load<f32>(a3 + jj));
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
  const lda = features * K + 4;
  for (let b0 = 0; b0 < batchP; b0 += tileRows) {
    const rows = min(tileRows, batchP - b0);
    for (let i0 = 0; i0 < inF; i0 += features) {
      const i1 = min(inF, i0 + features);
      const n = (i1 - i0) * K;
      basisTile(kind, x, inF, b0, rows, i0, i1, K, state, order, knots, param, A, lda, false);
      const panel = <usize>(inF * K) << 5; // bytes of one 8-column panel of W
      const wChunk = w + (<usize>(i0 * K) << 5);
      for (let o = 0; o < outP; o += 8) {
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
 * dx is overwritten. `features`·K must be a multiple of 8; G holds 4 rows of `features`·K floats.
 */
export function gradInput(
  kind: i32, x: usize, batchP: i32, inF: i32, K: i32, wt: usize, out: i32, outP: i32,
  state: usize, order: i32, knots: i32, param: f32, dy: usize, dx: usize, A: usize, G: usize, tileRows: i32, features: i32,
): void {
  const lda = features * K + 4;
  const ldg = features * K;
  const panel = <usize>out << 5; // bytes of one panel of 8 rows of W
  for (let b0 = 0; b0 < batchP; b0 += tileRows) {
    const rows = min(tileRows, batchP - b0);
    for (let i0 = 0; i0 < inF; i0 += features) {
      const i1 = min(inF, i0 + features);
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
            let sum: f32 = 0;
            for (let k = 0; k < K; k++) sum += load<f32>(arow + base + (<usize>k << 2)) * load<f32>(grow + base + (<usize>k << 2));
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
  for (let p = 0; p < rows; p += 8) {
    const to = dst + <usize>(p >> 3) * (<usize>cols << 5);
    const valid = min(8, rows - p);
    for (let l = 0; l < 8; l++) {
      const lane = to + (<usize>l << 2);
      if (l >= valid) {
        for (let c = 0; c < cols; c++) store<f32>(lane + (<usize>c << 5), 0);
        continue;
      }
      const from = src + <usize>(p + l) * rowBytes;
      for (let c = 0; c < cols; c++) store<f32>(lane + (<usize>c << 5), load<f32>(from + (<usize>c << 2)));
    }
  }
}

/** dW [inF·K, outP] = Σ_b Bₖ(x[b, i])·dy[b, o] at row i·K + k; dW is overwritten. */
export function gradWeight(
  kind: i32, x: usize, batchP: i32, inF: i32, K: i32, outP: i32,
  state: usize, order: i32, knots: i32, param: f32, dy: usize, dw: usize, A: usize, tileRows: i32, features: i32,
): void {
  memory.fill(dw, 0, <usize>(inF * K * outP) << 2);
  const lda = features * K + 4;
  const stride = <usize>outP << 2;
  for (let b0 = 0; b0 < batchP; b0 += tileRows) {
    const rows = min(tileRows, batchP - b0);
    const dyTile = dy + (<usize>(b0 * outP) << 2);
    for (let i0 = 0; i0 < inF; i0 += features) {
      const i1 = min(inF, i0 + features);
      const n = (i1 - i0) * K;
      basisTile(kind, x, inF, b0, rows, i0, i1, K, state, order, knots, param, A, lda, false);
      let j = 0;
      for (; j + 2 <= n; j += 2) {
        const r0 = dw + (<usize>((i0 * K + j) * outP) << 2);
        const r1 = r0 + stride;
        for (let o = 0; o < outP; o += 8) {
          const oo = <usize>o << 2;
          let c00 = v128.load(r0 + oo), c01 = v128.load(r0 + oo, 16);
          let c10 = v128.load(r1 + oo), c11 = v128.load(r1 + oo, 16);
          let ap = A + (<usize>j << 2);
          let dp = dyTile + oo;
          for (let r = 0; r < rows; r++) {
            const d0 = v128.load(dp);
            const d1 = v128.load(dp, 16);
            const s0 = f32x4.splat(load<f32>(ap));
            const s1 = f32x4.splat(load<f32>(ap, 4));
            c00 = f32x4.add(c00, f32x4.mul(s0, d0)); c01 = f32x4.add(c01, f32x4.mul(s0, d1));
            c10 = f32x4.add(c10, f32x4.mul(s1, d0)); c11 = f32x4.add(c11, f32x4.mul(s1, d1));
            ap += <usize>lda << 2;
            dp += stride;
          }
          v128.store(r0 + oo, c00); v128.store(r0 + oo, c01, 16);
          v128.store(r1 + oo, c10); v128.store(r1 + oo, c11, 16);
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
            const s0 = f32x4.splat(load<f32>(ap));
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
