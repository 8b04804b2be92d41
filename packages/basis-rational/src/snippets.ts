import type { BasisKernelSnippets } from '@kanjs/basis-core';

// Fused-kernel snippets of the rational basis: φₘ = xᵐ/D with D = 1 + |Q(x)|, Q(x) = x·R(x),
// R(x) = b₁ + b₂x + … + b_N·x^(N−1) by Horner (with R' alongside). Input i's coefficients bₙ are the state at
// i·KAN_DENOMINATOR_DEGREE + n − 1. Derivative: φ'ₘ = (m·x^(m−1) − φₘ·σ·Q'(x))/D with σ = sign(Q), taken as −1
// at Q = 0 as tfjs's |·| gradient does, and Q' = R + x·R'.

const WGSL = /* wgsl */ `
// (Q(x), Q'(x)) for input feature's coefficients
fn kan_rational_q(x: f32, feature: u32) -> vec2<f32> {
  let base = feature * u32(KAN_DENOMINATOR_DEGREE);
  var r = 0.0;
  var dr = 0.0;
  for (var n = i32(KAN_DENOMINATOR_DEGREE) - 1; n >= 0; n--) {
    dr = dr * x + r;
    r = r * x + kan_state(base + u32(n));
  }
  return vec2<f32>(x * r, r + x * dr);
}

fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  let inv = 1.0 / (1.0 + abs(kan_rational_q(x, feature).x));
  var power = 1.0;
  for (var m = 0u; m < KAN_K; m++) {
    (*values)[m] = power * inv;
    power = power * x;
  }
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  let q = kan_rational_q(x, feature);
  let inv = 1.0 / (1.0 + abs(q.x));
  let slope = select(-1.0, 1.0, q.x > 0.0) * q.y;
  var lower = 0.0;
  var power = 1.0;
  for (var m = 0u; m < KAN_K; m++) {
    (*derivs)[m] = (f32(m) * lower - power * inv * slope) * inv;
    lower = power;
    power = power * x;
  }
}
`;

const CUDA = /* cuda */ `
// Q(x) and Q'(x) for input feature's coefficients
__device__ __forceinline__ void kan_rational_q(float x, const float* __restrict__ b, float* q, float* dq) {
  float r = 0.0f, dr = 0.0f;
  for (int n = KAN_DENOMINATOR_DEGREE - 1; n >= 0; n--) {
    dr = dr * x + r;
    r = r * x + b[n];
  }
  *q = x * r;
  *dq = r + x * dr;
}

__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  float q, dq;
  kan_rational_q(x, state + feature * KAN_DENOMINATOR_DEGREE, &q, &dq);
  float inv = 1.0f / (1.0f + fabsf(q)), power = 1.0f;
  for (int m = 0; m < KAN_K; m++) {
    values[m] = power * inv;
    power *= x;
  }
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  float q, dq;
  kan_rational_q(x, state + feature * KAN_DENOMINATOR_DEGREE, &q, &dq);
  float inv = 1.0f / (1.0f + fabsf(q));
  float slope = (q > 0.0f ? 1.0f : -1.0f) * dq;
  float lower = 0.0f, power = 1.0f;
  for (int m = 0; m < KAN_K; m++) {
    derivs[m] = ((float)m * lower - power * inv * slope) * inv;
    lower = power;
    power *= x;
  }
}
`;

/** The WGSL and CUDA snippets of a `rational` basis whose Q has degree N. */
export function rationalSnippets(denominatorDegree: number): BasisKernelSnippets {
  return { wgsl: WGSL, cuda: CUDA, constants: { KAN_DENOMINATOR_DEGREE: denominatorDegree } };
}
