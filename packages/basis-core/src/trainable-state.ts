// Which of a basis's state tensors are trained: what the layers, the fused-kernel routing and the adaptation
// hooks ask of a basis with trainable parameters.
import type { Basis } from './types.js';

/** The names of the basis's trainable state tensors, in `stateSpecs` order (empty for a fixed basis). */
export function trainableStateNames(basis: Basis): string[] {
  return basis.stateSpecs.filter((spec) => spec.trainable === true).map((spec) => spec.name);
}
