import type { BasisKernelSnippets } from '@kanjs/basis-core';

// Fused-kernel snippets of the ReLU-KAN basis: with sᵢ = KAN_LOW + (i − KAN_ORDER)·KAN_STEP, eᵢ = sᵢ + KAN_WIDTH
// and u = ReLU(x − sᵢ)·ReLU(eᵢ − x)·KAN_R, Rᵢ = u². Derivative: 2u·KAN_R·((eᵢ − x) − (x − sᵢ)), which is 0
// wherever u is (outside (sᵢ, eᵢ)), as ReLU's gradient there is. No state.

const WGSL = /* wgsl */ `
fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  for (var i = 0u; i < KAN_K; i++) {
    let s = KAN_LOW + f32(i32(i) - KAN_ORDER) * KAN_STEP;
    let e = s + KAN_WIDTH;
    let u = max(x - s, 0.0) * max(e - x, 0.0) * KAN_R;
    (*values)[i] = u * u;
  }
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  for (var i = 0u; i < KAN_K; i++) {
    let s = KAN_LOW + f32(i32(i) - KAN_ORDER) * KAN_STEP;
    let e = s + KAN_WIDTH;
    let u = max(x - s, 0.0) * max(e - x, 0.0) * KAN_R;
    (*derivs)[i] = 2.0 * u * KAN_R * ((e - x) - (x - s));
  }
}
`;

const CUDA = /* cuda */ `
__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  for (int i = 0; i < KAN_K; i++) {
    float s = KAN_LOW + (float)(i - KAN_ORDER) * KAN_STEP;
    float e = s + KAN_WIDTH;
    float u = fmaxf(x - s, 0.0f) * fmaxf(e - x, 0.0f) * KAN_R;
    values[i] = u * u;
  }
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  for (int i = 0; i < KAN_K; i++) {
    float s = KAN_LOW + (float)(i - KAN_ORDER) * KAN_STEP;
    float e = s + KAN_WIDTH;
    float u = fmaxf(x - s, 0.0f) * fmaxf(e - x, 0.0f) * KAN_R;
    derivs[i] = 2.0f * u * KAN_R * ((e - x) - (x - s));
  }
}
`;

/** The grid of a `relu` basis, in float32: a, h, k, (k + 1)·h and r = 4/((k + 1)·h)². */
export interface ReluGrid {
  readonly low: number;
  readonly step: number;
  readonly order: number;
  readonly width: number;
  readonly r: number;
}

/** The WGSL and CUDA snippets of a `relu` basis. */
export function reluSnippets({ low, step, order, width, r }: ReluGrid): BasisKernelSnippets {
  return { wgsl: WGSL, cuda: CUDA, constants: { KAN_LOW: low, KAN_STEP: step, KAN_ORDER: order, KAN_WIDTH: width, KAN_R: r } };
}
