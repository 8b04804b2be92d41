import type { BasisKernelSnippets } from '@kanjs/basis-core';

// Fused-kernel snippets of the Fourier basis: B_{k−1} = cos(kx), B_{G+k−1} = sin(kx) for k = 1..G (G = KAN_K/2);
// derivatives −k·sin(kx) and k·cos(kx). No state.
//
// WGSL's sin and cos are only as accurate as the driver makes them (the spec asks 2⁻¹¹ absolute on [−π, π];
// SwiftShader is off by about 2e-4), so the WGSL snippet computes them itself: θ = k·x (rounded to f32 as
// tfjs does), Cody–Waite reduction by π/2 in three parts, then Cephes' single-precision minimax polynomials
// on [−π/4, π/4]: a few ulp for |θ| up to about 10⁴. CUDA's sincosf is accurate as it is (without fast math).

const WGSL = /* wgsl */ `
// (sin θ, cos θ)
fn kan_fourier_sincos(theta: f32) -> vec2<f32> {
  let q = round(theta * 0.636619772367581343);
  let r = ((theta - q * 1.5703125) - q * 4.837512969970703125e-4) - q * 7.54978995489188216e-8;
  let z = r * r;
  let s = ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r;
  let c = ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0;
  switch (i32(q) & 3) {
    case 0: {
      return vec2<f32>(s, c);
    }
    case 1: {
      return vec2<f32>(c, -s);
    }
    case 2: {
      return vec2<f32>(-s, -c);
    }
    default: {
      return vec2<f32>(-c, s);
    }
  }
}

fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  let g = KAN_K / 2u;
  for (var k = 0u; k < g; k++) {
    let sc = kan_fourier_sincos(x * f32(k + 1u));
    (*values)[k] = sc.y;
    (*values)[g + k] = sc.x;
  }
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  let g = KAN_K / 2u;
  for (var k = 0u; k < g; k++) {
    let frequency = f32(k + 1u);
    let sc = kan_fourier_sincos(x * frequency);
    (*derivs)[k] = -frequency * sc.x;
    (*derivs)[g + k] = frequency * sc.y;
  }
}
`;

const CUDA = /* cuda */ `
__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  const int g = KAN_K / 2;
  for (int k = 0; k < g; k++) {
    float s, c;
    sincosf(x * (float)(k + 1), &s, &c);
    values[k] = c;
    values[g + k] = s;
  }
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  const int g = KAN_K / 2;
  for (int k = 0; k < g; k++) {
    float frequency = (float)(k + 1), s, c;
    sincosf(x * frequency, &s, &c);
    derivs[k] = -frequency * s;
    derivs[g + k] = frequency * c;
  }
}
`;

/** The WGSL and CUDA snippets of a `fourier` basis (G = KAN_K / 2). */
export function fourierSnippets(): BasisKernelSnippets {
  return { wgsl: WGSL, cuda: CUDA, constants: {} };
}
