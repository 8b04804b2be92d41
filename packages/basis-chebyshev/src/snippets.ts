import type { BasisKernelSnippets } from '@kanjs/basis-core';

// Fused-kernel snippets of the Chebyshev basis: Bₖ(x) = T_k(t), t = tanh x, by the recurrence
// T_k = 2t·T_{k−1} − T_{k−2}. Derivatives: differentiating the recurrence, T'_k = 2T_{k−1} + 2t·T'_{k−1} − T'_{k−2}
// (T'₀ = 0, T'₁ = 1), times dt/dx = 1 − t² = 4e/(1 + e)² with e = exp(−2|x|), which keeps its accuracy where
// tanh saturates. tanh itself is sign(x)·(1 − e)/(1 + e), finite for every x on every driver. No state.

const WGSL = /* wgsl */ `
fn kan_chebyshev_tanh(x: f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  return sign(x) * (1.0 - e) / (1.0 + e);
}

fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  let t = kan_chebyshev_tanh(x);
  (*values)[0] = 1.0;
  (*values)[1] = t;
  for (var k = 2u; k < KAN_K; k++) {
    (*values)[k] = 2.0 * t * (*values)[k - 1u] - (*values)[k - 2u];
  }
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  let e = exp(-2.0 * abs(x));
  let t = sign(x) * (1.0 - e) / (1.0 + e);
  let slope = 4.0 * e / ((1.0 + e) * (1.0 + e));
  var previous = 1.0;
  var current = t;
  (*derivs)[0] = 0.0;
  (*derivs)[1] = 1.0;
  for (var k = 2u; k < KAN_K; k++) {
    (*derivs)[k] = 2.0 * current + 2.0 * t * (*derivs)[k - 1u] - (*derivs)[k - 2u];
    let next = 2.0 * t * current - previous;
    previous = current;
    current = next;
  }
  for (var k = 0u; k < KAN_K; k++) {
    (*derivs)[k] = (*derivs)[k] * slope;
  }
}
`;

const CUDA = /* cuda */ `
__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  float t = tanhf(x);
  values[0] = 1.0f;
  values[1] = t;
  for (int k = 2; k < KAN_K; k++) values[k] = 2.0f * t * values[k - 1] - values[k - 2];
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  float e = expf(-2.0f * fabsf(x));
  float t = tanhf(x);
  float slope = 4.0f * e / ((1.0f + e) * (1.0f + e));
  float previous = 1.0f, current = t;
  derivs[0] = 0.0f;
  derivs[1] = 1.0f;
  for (int k = 2; k < KAN_K; k++) {
    derivs[k] = 2.0f * current + 2.0f * t * derivs[k - 1] - derivs[k - 2];
    float next = 2.0f * t * current - previous;
    previous = current;
    current = next;
  }
  for (int k = 0; k < KAN_K; k++) derivs[k] *= slope;
}
`;

/** The WGSL and CUDA snippets of a `chebyshev` basis (the degree is KAN_K − 1). */
export function chebyshevSnippets(): BasisKernelSnippets {
  return { wgsl: WGSL, cuda: CUDA, constants: {} };
}
