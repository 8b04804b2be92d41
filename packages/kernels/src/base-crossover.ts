// Where the SiLU base branch takes the fused basis-linear op over `siluBasis` and where the backend's own matMul:
// each backend registers its crossover, measured on its hardware.
import { hasFusedBasisLinear } from './basis-linear.js';
import { siluBasis } from './silu-basis.js';

/** The shape of a base-branch product: x [batch, inFeatures] times the kernel [inFeatures, outFeatures]. */
export interface BaseLinearShape {
  readonly batch: number;
  readonly inFeatures: number;
  readonly outFeatures: number;
}

const crossovers = new Map<string, (shape: BaseLinearShape) => boolean>();

/**
 * Declares where a backend's fused SiLU base branch wins over its matMul: `fused(shape)` is true for the shapes
 * that should take the fused op. A backend without a crossover takes the fused op for every shape it fuses.
 */
export function setFusedBaseCrossover(backendName: string, fused: (shape: BaseLinearShape) => boolean): void {
  crossovers.set(backendName, fused);
}

/** Whether the SiLU base branch of this shape runs as the fused op over `siluBasis` on this backend. */
export function useFusedBase(backendName: string, shape: BaseLinearShape): boolean {
  return (crossovers.get(backendName)?.(shape) ?? true) && hasFusedBasisLinear(backendName, siluBasis(shape.inFeatures));
}
