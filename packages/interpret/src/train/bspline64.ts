/**
 * B-splines in float64 for `fit`'s plain-loop objective and grid update: at each sample only the k + 1 bases that
 * can be nonzero are kept (with their derivatives), as `first` (the index of the first) and `width` = k + 1 values.
 */

/** The k + 1 possibly nonzero bases of every sample of a [batch, in] input, on per-input knots. */
export interface CompactBasis {
  /** The basis values [batch, in, k + 1]. */
  readonly values: Float64Array;
  /** Their derivatives in x [batch, in, k + 1] (filled only when asked for). */
  readonly slopes: Float64Array;
  /** The index of the first of them [batch, in]. */
  readonly first: Int32Array;
}

/** Room for the compact bases of `batch` samples of `inFeatures` inputs at spline order `order`. */
export function compactBasis(batch: number, inFeatures: number, order: number): CompactBasis {
  const width = order + 1;
  return { values: new Float64Array(batch * inFeatures * width), slopes: new Float64Array(batch * inFeatures * width), first: new Int32Array(batch * inFeatures) };
}

/** Scratch space of `bsplineValues` for `count` knots and spline order `order`. */
export function bsplineWork(count: number, order: number): Float64Array {
  return new Float64Array(Math.max(2 * (count - 1), 4 * (order + 1)));
}

/**
 * Fills `into` for input i of h [batch, in] (skipped where `active[i]` is 0), with `count` knots per input in
 * `knots` [in, count]; slopes too when `withSlopes`.
 */
export function fillBasis(into: CompactBasis, h: Float64Array, batch: number, inFeatures: number, knots: Float64Array, count: number, order: number, active: Uint8Array | null, withSlopes: boolean, work: Float64Array): void {
  const width = order + 1;
  const { values, slopes, first } = into;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < inFeatures; i++) {
      if (active !== null && active[i] === 0) continue;
      const bi = b * inFeatures + i;
      first[bi] = bsplineValues(h[bi]!, knots, i * count, count, order, work, values, withSlopes ? slopes : null, bi * width);
    }
  }
}

/**
 * The order + 1 B-spline values at v that can be nonzero, and their derivatives (when `slopes` is given), into
 * values/slopes from `at`; returns the index of the first (the others follow). knots[from + j], j < count,
 * increasing. Inside the grid this is de Boor's local recursion on the knot span; in the k extension intervals at
 * each end, the full Cox–de Boor recursion (order-0 pieces [tⱼ ≤ v < tⱼ₊₁], 0/0 = 0, as basis-bspline's
 * `coxDeBoor`); outside [t₀, t_last) all 0.
 */
export function bsplineValues(v: number, knots: Float64Array, from: number, count: number, order: number, work: Float64Array, values: Float64Array, slopes: Float64Array | null, at: number): number {
  const width = order + 1;
  const size = count - order - 1;
  if (!(v >= knots[from]! && v < knots[from + count - 1]!)) {
    values.fill(0, at, at + width);
    if (slopes !== null) slopes.fill(0, at, at + width);
    return 0;
  }
  let span = order; // tₛ ≤ v < tₛ₊₁, found by bisection over [order, count − 2 − order] when v lies in the grid
  if (v < knots[from + order]! || v >= knots[from + count - 1 - order]!) {
    span = 0;
    while (v >= knots[from + span + 1]!) span += 1;
    return fullRecursion(v, knots, from, count, order, span, work, values, slopes, at, Math.min(Math.max(span - order, 0), size - width));
  }
  let high = count - 1 - order;
  while (high - span > 1) {
    const middle = (span + high) >> 1;
    if (v >= knots[from + middle]!) span = middle;
    else high = middle;
  }
  if (order === 3) return cubic(v, knots, from + span, values, slopes, at) + span - 3;
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
  for (let r = 0; r <= order; r++) values[at + r] = work[N + r]!;
  if (slopes !== null) {
    for (let r = 0; r <= order; r++) {
      const i = first + r;
      const lower = r >= 1 ? safeDivide(work[M + r - 1]!, knots[from + i + order]! - knots[from + i]!) : 0;
      const upper = r < order ? safeDivide(work[M + r]!, knots[from + i + order + 1]! - knots[from + i + 1]!) : 0;
      slopes[at + r] = order === 0 ? 0 : order * (lower - upper);
    }
  }
  return first;
}

/**
 * `bsplineValues`' de Boor recursion for order 3, unrolled (the same operations in the same order): knots[s] ≤ v <
 * knots[s + 1] with three knots each side. Returns 0 (the caller adds the first index).
 */
function cubic(v: number, knots: Float64Array, s: number, values: Float64Array, slopes: Float64Array | null, at: number): number {
  const l1 = v - knots[s]!, l2 = v - knots[s - 1]!, l3 = v - knots[s - 2]!;
  const r1 = knots[s + 1]! - v, r2 = knots[s + 2]! - v, r3 = knots[s + 3]! - v;
  // order 1
  let d = r1 + l1;
  let temp = d === 0 ? 0 : 1 / d;
  const a0 = r1 * temp;
  const a1 = l1 * temp;
  // order 2
  d = r1 + l2;
  temp = d === 0 ? 0 : a0 / d;
  const b0 = r1 * temp;
  let saved = l2 * temp;
  d = r2 + l1;
  temp = d === 0 ? 0 : a1 / d;
  const b1 = saved + r2 * temp;
  const b2 = l1 * temp;
  // order 3
  d = r1 + l3;
  temp = d === 0 ? 0 : b0 / d;
  values[at] = r1 * temp;
  saved = l3 * temp;
  d = r2 + l2;
  temp = d === 0 ? 0 : b1 / d;
  values[at + 1] = saved + r2 * temp;
  saved = l2 * temp;
  d = r3 + l1;
  temp = d === 0 ? 0 : b2 / d;
  values[at + 2] = saved + r3 * temp;
  values[at + 3] = l1 * temp;
  if (slopes !== null) {
    // basis first + r = s − 3 + r: lower = M[r−1]/(t[i+3] − t[i]), upper = M[r]/(t[i+4] − t[i+1])
    const u0 = safeDivide(b0, knots[s + 1]! - knots[s - 2]!);
    const u1 = safeDivide(b1, knots[s + 2]! - knots[s - 1]!);
    const u2 = safeDivide(b2, knots[s + 3]! - knots[s]!);
    slopes[at] = 3 * (0 - u0);
    slopes[at + 1] = 3 * (u0 - u1);
    slopes[at + 2] = 3 * (u1 - u2);
    slopes[at + 3] = 3 * (u2 - 0);
  }
  return 0;
}

/**
 * The Cox–de Boor recursion at v in span tₛ ≤ v < tₛ₊₁ (order-0 pieces [tⱼ ≤ v < tₛ₊₁]: only piece s is 1), over
 * the bases that can be nonzero at each order (j in [s − p, s]; the others stay 0, as the full triangle computes
 * them), then the order + 1 values from index `first` copied out.
 */
function fullRecursion(v: number, knots: Float64Array, from: number, count: number, order: number, span: number, work: Float64Array, values: Float64Array, slopes: Float64Array | null, at: number, first: number): number {
  const width0 = count - 1; // work holds the bases in [0, width0) and their derivatives in [width0, 2·width0)
  work.fill(0, 0, 2 * width0);
  work[span] = 1;
  for (let p = 1; p <= order; p++) {
    const top = Math.min(span, width0 - p - 1);
    for (let j = Math.max(0, span - p); j <= top; j++) {
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
    if (slopes !== null) slopes[at + r] = work[width0 + first + r]!;
  }
  return first;
}

function safeDivide(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
