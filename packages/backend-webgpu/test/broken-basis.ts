// A custom basis with a broken WGSL snippet, for the fallback tests in Node (broken-snippet.test.ts) and in the
// browser (browser/main.ts): the gaussian basis under another name, its snippet with a type error on line 4.
import { createBasis, registerBasis, type Basis } from '@kanjs/basis-core';

/** Gaussian's snippet with a type error on line 4: an f32 bound to a u32. */
export const BROKEN_WGSL = `
fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  for (var k = 0u; k < KAN_K; k++) {
    let z: u32 = (x - kan_state(k)) / KAN_H;
    (*values)[k] = exp(-z * z);
  }
}
fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  for (var k = 0u; k < KAN_K; k++) { (*derivs)[k] = 0.0; }
}
`;

/** Registers the gaussian basis as `name`, with BROKEN_WGSL as its WGSL snippet. */
export function registerBrokenGaussian(name: string): void {
  registerBasis(name, (options, inFeatures): Basis => {
    const gaussian = createBasis({ ...options, name: 'gaussian' }, inFeatures);
    return { ...gaussian, name, config: { ...gaussian.config, name }, kernels: { ...gaussian.kernels!, wgsl: BROKEN_WGSL } };
  });
}
