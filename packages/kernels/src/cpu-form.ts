// The CPU backends' side of the basis contract: which CPU forms (`Basis.cpu`) their fused basis-linear kernels
// compute, and the check that a basis's form is one of them and fits its size and state.
import type { Basis, BasisCpuForm, RadialCpuProfile, WaveletCpuProfile } from '@kanjs/basis-core';

/** The radial profiles the CPU backends' fused kernels compute. */
export const CPU_RADIAL_PROFILES: readonly RadialCpuProfile[] = ['gaussian', 'rswaf'];

/** The wavelets the CPU backends' fused kernels compute. */
export const CPU_WAVELET_PROFILES: readonly WaveletCpuProfile[] = ['mexican-hat'];

/** The largest B-spline order the CPU backends' fused kernels compute (the `bspline` basis accepts up to 16). */
export const MAX_CPU_SPLINE_ORDER = 16;

/** The number of floats in each of the basis's state tensors, in `stateSpecs` order. */
const stateSizes = (basis: Basis) => basis.stateSpecs.map((spec) => spec.shape.reduce((a, b) => a * b, 1));

const sameSizes = (sizes: readonly number[], expected: readonly number[]) =>
  sizes.length === expected.length && sizes.every((size, i) => size === expected[i]);

const finiteOfLength = (values: readonly number[], length: number) =>
  values.length === length && values.every((value) => Number.isFinite(value));

/** Whether the form is one the kernels compute, and fits the basis's size and state tensors. */
function fits(basis: Basis, form: BasisCpuForm): boolean {
  const sizes = stateSizes(basis);
  const K = basis.size;
  switch (form.kind) {
    case 'radial':
      return CPU_RADIAL_PROFILES.includes(form.profile) && sameSizes(sizes, [K]);
    case 'bspline':
      return form.order <= MAX_CPU_SPLINE_ORDER && K === form.knots - form.order - 1 && sameSizes(sizes, [basis.inFeatures * form.knots]);
    case 'recurrence':
      return K >= 2 && sameSizes(sizes, []) && [form.a, form.b, form.c].every((values) => finiteOfLength(values, K));
    case 'fourier':
      return K % 2 === 0 && sameSizes(sizes, []);
    case 'wavelet':
      return CPU_WAVELET_PROFILES.includes(form.profile) && Number.isFinite(form.amplitude) && sameSizes(sizes, [K, basis.inFeatures]);
    default:
      return false;
  }
}

/**
 * The basis's CPU form where the CPU backends' fused kernels compute it: a kind they know whose state tensors
 * have the sizes it describes (radial: the centres, [K]; bspline of order ≤ MAX_CPU_SPLINE_ORDER: the knots,
 * [in, knots]; recurrence: none, K coefficients each; fourier: none, K even; wavelet: the translations [K], then
 * the scales [in]). Undefined otherwise: the basis runs `evaluate` there.
 */
export function cpuFormOf(basis: Basis): BasisCpuForm | undefined {
  const form = basis.cpu;
  return form !== undefined && fits(basis, form) ? form : undefined;
}
