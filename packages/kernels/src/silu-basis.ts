// The base branch's SiLU as a basis of one function, with the CUDA and WGSL snippets that the fused basis-linear
// kernels are instantiated with.
import * as tf from '@tensorflow/tfjs-core';
import type { Basis, BasisKernelSnippets } from '@kanjs/basis-core';

// SiLU(x) = x·σ(x), σ(x) = 1/(1 + e^−x); dSiLU/dx = σ(x)·(1 + x·(1 − σ(x))). Written as tfjs computes it.
const CUDA = /* cuda */ `
__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  values[0] = x * (1.0f / (1.0f + expf(-x)));
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  float s = 1.0f / (1.0f + expf(-x));
  derivs[0] = s * (1.0f + x * (1.0f - s));
}
`;

const WGSL = /* wgsl */ `
fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  (*values)[0] = x * (1.0 / (1.0 + exp(-x)));
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  let s = 1.0 / (1.0 + exp(-x));
  (*derivs)[0] = s * (1.0 + x * (1.0 - s));
}
`;

const SILU_SNIPPETS: BasisKernelSnippets = { cuda: CUDA, wgsl: WGSL };
const siluBases = new Map<number, Basis>();

/**
 * The base branch's SiLU as a basis of one function, so that SiLU(x)·W is the fused basis-linear op: the
 * activation is computed in the product's tiles, never stored, and its gradient is the fused dx and dW. One
 * object per input width, so that backends compile its kernels once. `evaluate`: x [batch, in] → x·σ(x)
 * [batch, in, 1].
 */
export function siluBasis(inFeatures: number): Basis {
  let basis = siluBases.get(inFeatures);
  if (basis === undefined) {
    basis = {
      name: 'silu',
      inFeatures,
      size: 1,
      domain: [-1, 1],
      config: { name: 'silu' },
      stateSpecs: [],
      evaluate: (x) => tf.tidy(() => tf.expandDims(tf.mul(x, tf.sigmoid(x)), 2) as tf.Tensor3D),
      kernels: SILU_SNIPPETS,
    };
    siluBases.set(inFeatures, basis);
  }
  return basis;
}
