import type { BasisKernelSnippets } from '@kanjs/basis-core';

// Fused-kernel snippets of the reflectional switch basis: with z = (x − cⱼ)/h and e = exp(−2|z|),
// φⱼ = 1 − tanh²z = sech²z = 4e/(1 + e)², and dφⱼ/dx = −2·tanh z·sech²z/h with tanh z = sign(z)·(1 − e)/(1 + e).
// These forms stay accurate in the tails (1 − tanh² there cancels to 0 in f32) and finite for every x. The
// centres cⱼ are the state (`grid`, shared by all inputs) at j; h is the constant KAN_H.

const WGSL = /* wgsl */ `
fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  for (var k = 0u; k < KAN_K; k++) {
    let z = (x - kan_state(k)) / KAN_H;
    let e = exp(-2.0 * abs(z));
    (*values)[k] = 4.0 * e / ((1.0 + e) * (1.0 + e));
  }
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  for (var k = 0u; k < KAN_K; k++) {
    let z = (x - kan_state(k)) / KAN_H;
    let e = exp(-2.0 * abs(z));
    let sech2 = 4.0 * e / ((1.0 + e) * (1.0 + e));
    let t = sign(z) * (1.0 - e) / (1.0 + e);
    (*derivs)[k] = -2.0 * t * sech2 / KAN_H;
  }
}
`;

const CUDA = /* cuda */ `
__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  for (int k = 0; k < KAN_K; k++) {
    float z = (x - state[k]) / KAN_H;
    float e = expf(-2.0f * fabsf(z));
    values[k] = 4.0f * e / ((1.0f + e) * (1.0f + e));
  }
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  for (int k = 0; k < KAN_K; k++) {
    float z = (x - state[k]) / KAN_H;
    float e = expf(-2.0f * fabsf(z));
    float sech2 = 4.0f * e / ((1.0f + e) * (1.0f + e));
    derivs[k] = -2.0f * copysignf((1.0f - e) / (1.0f + e), z) * sech2 / KAN_H;
  }
}
`;

/** The WGSL and CUDA snippets of an `rswaf` basis with width h (`denominator`). */
export function rswafSnippets(denominator: number): BasisKernelSnippets {
  return { wgsl: WGSL, cuda: CUDA, constants: { KAN_H: denominator } };
}
