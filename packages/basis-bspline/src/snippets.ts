import type { BasisKernelSnippets } from '@kanjs/basis-core';
import { knotCount } from './knots.js';

// Fused-kernel snippets of the B-spline basis. Input i's knots are the state at i·KAN_KNOTS + j, nondecreasing.
// For one scalar: find the knot span μ with t_μ ≤ x < t_μ₊₁ (binary search), then run de Boor's triangle
// (The NURBS Book, A2.2), which gives the k+1 B-splines of order k that are not zero there, B_{μ−k..μ}. That
// is O(log(G+2k) + k²) work instead of the K·(k+1) of the full Cox–de Boor recursion, and it computes the
// same piecewise polynomial: 0 outside [t₀, t_last), a zero-width knot interval contributes 0 (0/0 = 0).
// Near the ends, entries of the triangle with an index outside 0..K−1 are computed from clamped knots but
// never read: a real B_{j,p} depends only on B_{j,p−1} and B_{j+1,p−1}, which are real too.
// Derivative: dB_{j,k}/dx = k·(B_{j,k−1}/(t_{j+k} − t_j) − B_{j+1,k−1}/(t_{j+k+1} − t_{j+1})), 0/0 = 0.

const WGSL = /* wgsl */ `
fn kan_bspline_knot(base: u32, j: i32) -> f32 {
  return kan_state(base + u32(clamp(j, 0, KAN_KNOTS - 1)));
}

// The span μ with t_μ <= x < t_μ+1, or -1 where x is outside [t_0, t_last) (or NaN).
fn kan_bspline_span(x: f32, base: u32) -> i32 {
  if (!(x >= kan_state(base) && x < kan_state(base + u32(KAN_KNOTS - 1)))) {
    return -1;
  }
  var lo = 0u;
  var hi = u32(KAN_KNOTS - 1);
  loop {
    if (hi - lo <= 1u) {
      break;
    }
    let mid = (lo + hi) / 2u;
    if (kan_state(base + mid) <= x) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return i32(lo);
}

// n[r] = B_{span-p+r, p}(x) for r = 0..p (de Boor's triangle).
fn kan_bspline_triangle(x: f32, base: u32, span: i32, p: u32) -> array<f32, KAN_ORDER + 1> {
  var n: array<f32, KAN_ORDER + 1>;
  var left: array<f32, KAN_ORDER + 1>;
  var right: array<f32, KAN_ORDER + 1>;
  n[0] = 1.0;
  for (var j = 1u; j <= p; j++) {
    left[j] = x - kan_bspline_knot(base, span + 1 - i32(j));
    right[j] = kan_bspline_knot(base, span + i32(j)) - x;
    var saved = 0.0;
    for (var r = 0u; r < j; r++) {
      let width = right[r + 1u] + left[j - r];
      let temp = select(0.0, n[r] / width, width != 0.0);
      n[r] = saved + right[r + 1u] * temp;
      saved = left[j - r] * temp;
    }
    n[j] = saved;
  }
  return n;
}

fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  for (var k = 0u; k < KAN_K; k++) {
    (*values)[k] = 0.0;
  }
  let base = feature * u32(KAN_KNOTS);
  let span = kan_bspline_span(x, base);
  if (span < 0) {
    return;
  }
  let n = kan_bspline_triangle(x, base, span, u32(KAN_ORDER));
  for (var r = 0; r <= KAN_ORDER; r++) {
    let k = span - KAN_ORDER + r;
    if (k >= 0 && k < i32(KAN_K)) {
      (*values)[u32(k)] = n[r];
    }
  }
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  for (var k = 0u; k < KAN_K; k++) {
    (*derivs)[k] = 0.0;
  }
  let p = u32(KAN_ORDER);
  let base = feature * u32(KAN_KNOTS);
  let span = kan_bspline_span(x, base);
  if (p == 0u || span < 0) {
    return;
  }
  // n[r] = B_{span-p+1+r, p-1}(x), r = 0..p-1
  let n = kan_bspline_triangle(x, base, span, p - 1u);
  for (var r = 0; r <= KAN_ORDER; r++) {
    let k = span - KAN_ORDER + r;
    if (k < 0 || k >= i32(KAN_K)) {
      continue;
    }
    var d = 0.0;
    if (r > 0) {
      let width = kan_bspline_knot(base, k + KAN_ORDER) - kan_bspline_knot(base, k);
      if (width != 0.0) {
        d += n[r - 1] / width;
      }
    }
    if (r < KAN_ORDER) {
      let width = kan_bspline_knot(base, k + KAN_ORDER + 1) - kan_bspline_knot(base, k + 1);
      if (width != 0.0) {
        d -= n[r] / width;
      }
    }
    (*derivs)[u32(k)] = f32(KAN_ORDER) * d;
  }
}
`;

const CUDA = /* cuda */ `
__device__ __forceinline__ float kan_bspline_knot(const float* __restrict__ t, int j) {
  return t[min(max(j, 0), KAN_KNOTS - 1)];
}

// The span mu with t_mu <= x < t_mu+1, or -1 where x is outside [t_0, t_last) (or NaN).
__device__ __forceinline__ int kan_bspline_span(float x, const float* __restrict__ t) {
  if (!(x >= t[0] && x < t[KAN_KNOTS - 1])) return -1;
  int lo = 0, hi = KAN_KNOTS - 1;
  while (hi - lo > 1) {
    int mid = (lo + hi) >> 1;
    if (t[mid] <= x) lo = mid; else hi = mid;
  }
  return lo;
}

// n[r] = B_{span-P+r, P}(x) for r = 0..P (de Boor's triangle); P is a compile-time order, so it unrolls.
template <int P>
__device__ __forceinline__ void kan_bspline_triangle(float x, const float* __restrict__ t, int span, float* n) {
  float left[P + 1], right[P + 1];
  n[0] = 1.0f;
#pragma unroll
  for (int j = 1; j <= P; j++) {
    left[j] = x - kan_bspline_knot(t, span + 1 - j);
    right[j] = kan_bspline_knot(t, span + j) - x;
    float saved = 0.0f;
#pragma unroll
    for (int r = 0; r < j; r++) {
      float width = right[r + 1] + left[j - r];
      float temp = width != 0.0f ? n[r] / width : 0.0f;
      n[r] = saved + right[r + 1] * temp;
      saved = left[j - r] * temp;
    }
    n[j] = saved;
  }
}

__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  for (int k = 0; k < KAN_K; k++) values[k] = 0.0f;
  const float* t = state + feature * KAN_KNOTS;
  int span = kan_bspline_span(x, t);
  if (span < 0) return;
  float n[KAN_ORDER + 1];
  kan_bspline_triangle<KAN_ORDER>(x, t, span, n);
#pragma unroll
  for (int r = 0; r <= KAN_ORDER; r++) {
    int k = span - KAN_ORDER + r;
    if (k >= 0 && k < KAN_K) values[k] = n[r];
  }
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  for (int k = 0; k < KAN_K; k++) derivs[k] = 0.0f;
#if KAN_ORDER > 0
  const float* t = state + feature * KAN_KNOTS;
  int span = kan_bspline_span(x, t);
  if (span < 0) return;
  // n[r] = B_{span-KAN_ORDER+1+r, KAN_ORDER-1}(x), r = 0..KAN_ORDER-1
  float n[KAN_ORDER];
  kan_bspline_triangle<KAN_ORDER - 1>(x, t, span, n);
#pragma unroll
  for (int r = 0; r <= KAN_ORDER; r++) {
    int k = span - KAN_ORDER + r;
    if (k < 0 || k >= KAN_K) continue;
    float d = 0.0f;
    if (r > 0) {
      float width = kan_bspline_knot(t, k + KAN_ORDER) - kan_bspline_knot(t, k);
      if (width != 0.0f) d += n[r - 1] / width;
    }
    if (r < KAN_ORDER) {
      float width = kan_bspline_knot(t, k + KAN_ORDER + 1) - kan_bspline_knot(t, k + 1);
      if (width != 0.0f) d -= n[r] / width;
    }
    derivs[k] = KAN_ORDER * d;
  }
#endif
}
`;

/** The WGSL and CUDA snippets of a `bspline` basis of order k and grid size G. */
export function bsplineSnippets(gridSize: number, splineOrder: number): BasisKernelSnippets {
  return { wgsl: WGSL, cuda: CUDA, constants: { KAN_ORDER: splineOrder, KAN_KNOTS: knotCount(gridSize, splineOrder) } };
}
