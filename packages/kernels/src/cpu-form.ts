// The CPU backends' side of the basis contract: which CPU forms (`Basis.cpu`) their fused basis-linear kernels
// compute, and the check that a basis's form is one of them.
import type { Basis, BasisCpuForm, RadialCpuProfile } from '@kanjs/basis-core';

/** The radial profiles the CPU backends' fused kernels compute. */
export const CPU_RADIAL_PROFILES: readonly RadialCpuProfile[] = ['gaussian', 'rswaf'];

/** The largest B-spline order the CPU backends' fused kernels compute (the `bspline` basis accepts up to 16). */
export const MAX_CPU_SPLINE_ORDER = 16;

/**
 * The basis's CPU form where the CPU backends' fused kernels compute it: a radial profile they know with one
 * state tensor (the centres, [K]), or a B-spline of order ≤ MAX_CPU_SPLINE_ORDER with one state tensor (the
 * knots, [in, knots]). Undefined otherwise: the basis runs `evaluate` there.
 */
export function cpuFormOf(basis: Basis): BasisCpuForm | undefined {
  const form = basis.cpu;
  if (form === undefined || basis.stateSpecs.length !== 1) return undefined;
  const size = basis.stateSpecs[0]!.shape.reduce((a, b) => a * b, 1);
  if (form.kind === 'radial') return CPU_RADIAL_PROFILES.includes(form.profile) && size === basis.size ? form : undefined;
  if (form.kind === 'bspline') {
    const fits = form.order <= MAX_CPU_SPLINE_ORDER && basis.size === form.knots - form.order - 1 && size === basis.inFeatures * form.knots;
    return fits ? form : undefined;
  }
  return undefined;
}
