import type { BasisKernelSnippets } from '@kanjs/basis-core';

// Fused-kernel snippets of the Gaussian basis: φⱼ(x) = exp(−zⱼ²), zⱼ = (x − cⱼ)/h, dφⱼ/dx = −2zⱼ·φⱼ/h. The
// centres cⱼ are the state (`grid`, shared by all inputs) at j; h is the constant KAN_H.

const WGSL = /* wgsl */ `
fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  for (var k = 0u; k < KAN_K; k++) {
    let z = (x - kan_state(k)) / KAN_H;
    (*values)[k] = exp(-z * z);
  }
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  for (var k = 0u; k < KAN_K; k++) {
    let z = (x - kan_state(k)) / KAN_H;
    (*derivs)[k] = -2.0 * z * exp(-z * z) / KAN_H;
  }
}
`;

const CUDA = /* cuda */ `
__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  for (int k = 0; k < KAN_K; k++) {
    float z = (x - state[k]) / KAN_H;
    values[k] = expf(-z * z);
  }
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  for (int k = 0; k < KAN_K; k++) {
    float z = (x - state[k]) / KAN_H;
    derivs[k] = -2.0f * z * expf(-z * z) / KAN_H;
  }
}
`;

/** The WGSL and CUDA snippets of a `gaussian` basis with width h (`denominator`). */
export function gaussianSnippets(denominator: number): BasisKernelSnippets {
  return { wgsl: WGSL, cuda: CUDA, constants: { KAN_H: denominator } };
}
