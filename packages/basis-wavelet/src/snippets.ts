import type { BasisKernelSnippets } from '@kanjs/basis-core';

// Fused-kernel snippets of the Mexican-hat basis: with u = (x − tⱼ)/s, φⱼ = C·(1 − u²)·exp(−u²/2) and
// dφⱼ/dx = C·u·(u² − 3)·exp(−u²/2)/s. The state is the translations t (`grid` [K]) at j, then the per-input
// scales (`scale` [in]) at KAN_K + feature; C is the constant KAN_C (1, or 2/(√3·π^¼) when normalised).

const WGSL = /* wgsl */ `
fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  let s = kan_state(KAN_K + feature);
  for (var k = 0u; k < KAN_K; k++) {
    let u = (x - kan_state(k)) / s;
    let u2 = u * u;
    (*values)[k] = KAN_C * (1.0 - u2) * exp(-0.5 * u2);
  }
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  let s = kan_state(KAN_K + feature);
  for (var k = 0u; k < KAN_K; k++) {
    let u = (x - kan_state(k)) / s;
    let u2 = u * u;
    (*derivs)[k] = KAN_C * u * (u2 - 3.0) * exp(-0.5 * u2) / s;
  }
}
`;

const CUDA = /* cuda */ `
__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  float s = state[KAN_K + feature];
  for (int k = 0; k < KAN_K; k++) {
    float u = (x - state[k]) / s;
    float u2 = u * u;
    values[k] = KAN_C * (1.0f - u2) * expf(-0.5f * u2);
  }
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  float s = state[KAN_K + feature];
  for (int k = 0; k < KAN_K; k++) {
    float u = (x - state[k]) / s;
    float u2 = u * u;
    derivs[k] = KAN_C * u * (u2 - 3.0f) * expf(-0.5f * u2) / s;
  }
}
`;

/** The WGSL and CUDA snippets of a `mexican-hat` basis with the factor C in front of ψ. */
export function mexicanHatSnippets(c: number): BasisKernelSnippets {
  return { wgsl: WGSL, cuda: CUDA, constants: { KAN_C: c } };
}
