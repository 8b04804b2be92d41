import type { BasisKernelSnippets } from '@kanjs/basis-core';

// Fused-kernel snippets of the hat basis: with z = (x − cⱼ)/h, φⱼ = max(0, 1 − |z|) and, where φⱼ > 0,
// dφⱼ/dx = −sign(z)/h. At the kinks they follow tfjs's gradients, so that the fused kernels and autodiff of
// `evaluate` agree everywhere: |z|' is −1 at z = 0 (tfjs's Abs gradient), and ReLU' is 0 at 0 (so the
// derivative is 0 at |z| = 1). The centres are the state at j; h is the constant KAN_H.

const WGSL = /* wgsl */ `
fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  for (var k = 0u; k < KAN_K; k++) {
    let z = (x - kan_state(k)) / KAN_H;
    (*values)[k] = max(0.0, 1.0 - abs(z));
  }
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  for (var k = 0u; k < KAN_K; k++) {
    let z = (x - kan_state(k)) / KAN_H;
    let slope = select(1.0, -1.0, z > 0.0) / KAN_H;
    (*derivs)[k] = select(0.0, slope, 1.0 - abs(z) > 0.0);
  }
}
`;

const CUDA = /* cuda */ `
__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  for (int k = 0; k < KAN_K; k++) {
    float z = (x - state[k]) / KAN_H;
    values[k] = fmaxf(0.0f, 1.0f - fabsf(z));
  }
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  for (int k = 0; k < KAN_K; k++) {
    float z = (x - state[k]) / KAN_H;
    derivs[k] = 1.0f - fabsf(z) > 0.0f ? (z > 0.0f ? -1.0f : 1.0f) / KAN_H : 0.0f;
  }
}
`;

/** The WGSL and CUDA snippets of a `hat` basis whose centres are `spacing` apart. */
export function hatSnippets(spacing: number): BasisKernelSnippets {
  return { wgsl: WGSL, cuda: CUDA, constants: { KAN_H: spacing } };
}
