import type { BasisKernelSnippets } from '@kanjs/basis-core';

// Fused-kernel snippets of the Jacobi (and Legendre: α = β = 0) basis: Bₙ(x) = P_n^(α,β)(t), t = tanh x, by the
// three-term recurrence P_n = (a_n·t + b_n)·P_{n−1} − c_n·P_{n−2} (coefficients as in recurrence.ts, computed
// here from KAN_ALPHA and KAN_BETA). Derivatives: differentiating the recurrence,
// P'_n = a_n·P_{n−1} + (a_n·t + b_n)·P'_{n−1} − c_n·P'_{n−2} (P'₀ = 0, P'₁ = a₁), times dt/dx = 1 − t² =
// 4e/(1 + e)² with e = exp(−2|x|); tanh is sign(x)·(1 − e)/(1 + e). No state.

const WGSL = /* wgsl */ `
// (a_n, b_n, c_n) of the recurrence, n >= 1
fn kan_jacobi_coefficients(n: u32) -> vec3<f32> {
  let alpha = f32(KAN_ALPHA);
  let beta = f32(KAN_BETA);
  if (n == 1u) {
    return vec3<f32>(0.5 * (alpha + beta + 2.0), 0.5 * (alpha - beta), 0.0);
  }
  let m = f32(n);
  let s = 2.0 * m + alpha + beta;
  let d = 2.0 * m * (m + alpha + beta) * (s - 2.0);
  return vec3<f32>((s - 1.0) * s * (s - 2.0) / d, (s - 1.0) * (alpha * alpha - beta * beta) / d, 2.0 * (m + alpha - 1.0) * (m + beta - 1.0) * s / d);
}

fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  let e = exp(-2.0 * abs(x));
  let t = sign(x) * (1.0 - e) / (1.0 + e);
  let first = kan_jacobi_coefficients(1u);
  (*values)[0] = 1.0;
  (*values)[1] = first.x * t + first.y;
  for (var n = 2u; n < KAN_K; n++) {
    let abc = kan_jacobi_coefficients(n);
    (*values)[n] = (abc.x * t + abc.y) * (*values)[n - 1u] - abc.z * (*values)[n - 2u];
  }
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  let e = exp(-2.0 * abs(x));
  let t = sign(x) * (1.0 - e) / (1.0 + e);
  let slope = 4.0 * e / ((1.0 + e) * (1.0 + e));
  let first = kan_jacobi_coefficients(1u);
  var previous = 1.0;
  var current = first.x * t + first.y;
  (*derivs)[0] = 0.0;
  (*derivs)[1] = first.x;
  for (var n = 2u; n < KAN_K; n++) {
    let abc = kan_jacobi_coefficients(n);
    (*derivs)[n] = abc.x * current + (abc.x * t + abc.y) * (*derivs)[n - 1u] - abc.z * (*derivs)[n - 2u];
    let next = (abc.x * t + abc.y) * current - abc.z * previous;
    previous = current;
    current = next;
  }
  for (var n = 0u; n < KAN_K; n++) {
    (*derivs)[n] = (*derivs)[n] * slope;
  }
}
`;

const CUDA = /* cuda */ `
// (a_n, b_n, c_n) of the recurrence, n >= 1
__device__ __forceinline__ void kan_jacobi_coefficients(int n, float* a, float* b, float* c) {
  const float alpha = KAN_ALPHA, beta = KAN_BETA;
  if (n == 1) {
    *a = 0.5f * (alpha + beta + 2.0f);
    *b = 0.5f * (alpha - beta);
    *c = 0.0f;
    return;
  }
  float m = (float)n, s = 2.0f * m + alpha + beta, d = 2.0f * m * (m + alpha + beta) * (s - 2.0f);
  *a = (s - 1.0f) * s * (s - 2.0f) / d;
  *b = (s - 1.0f) * (alpha * alpha - beta * beta) / d;
  *c = 2.0f * (m + alpha - 1.0f) * (m + beta - 1.0f) * s / d;
}

__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  float t = tanhf(x), a, b, c;
  kan_jacobi_coefficients(1, &a, &b, &c);
  values[0] = 1.0f;
  values[1] = a * t + b;
  for (int n = 2; n < KAN_K; n++) {
    kan_jacobi_coefficients(n, &a, &b, &c);
    values[n] = (a * t + b) * values[n - 1] - c * values[n - 2];
  }
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  float e = expf(-2.0f * fabsf(x)), t = tanhf(x), a, b, c;
  float slope = 4.0f * e / ((1.0f + e) * (1.0f + e));
  kan_jacobi_coefficients(1, &a, &b, &c);
  float previous = 1.0f, current = a * t + b;
  derivs[0] = 0.0f;
  derivs[1] = a;
  for (int n = 2; n < KAN_K; n++) {
    kan_jacobi_coefficients(n, &a, &b, &c);
    derivs[n] = a * current + (a * t + b) * derivs[n - 1] - c * derivs[n - 2];
    float next = (a * t + b) * current - c * previous;
    previous = current;
    current = next;
  }
  for (int n = 0; n < KAN_K; n++) derivs[n] *= slope;
}
`;

/** The WGSL and CUDA snippets of a Jacobi basis P^(α,β) (Legendre: α = β = 0); the degree is KAN_K − 1. */
export function jacobiSnippets(alpha: number, beta: number): BasisKernelSnippets {
  return { wgsl: WGSL, cuda: CUDA, constants: { KAN_ALPHA: alpha, KAN_BETA: beta } };
}
