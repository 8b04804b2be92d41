// The hot op's kernel contract: the names of KanBasisLinear and its gradients, and which backends fuse them
// for which bases.
import { trainableStateNames, type Basis } from '@kanjs/basis-core';
import { warnOverFusedK } from './limits.js';

/**
 * The names of the hot op's kernels. A backend that fuses `basisLinear` registers all three with
 * `tf.registerKernel`; their inputs are arrays `[x, weight, ...state]`, `[dy, x, weight, ...state]` and
 * `[dy, x, ...state]` (state in `basis.stateSpecs` order), and `attrs.basis` holds the `Basis`.
 *
 * - forward: y [batch, out] = Σᵢ Σₖ Bₖ(x[b, i]) · W[i·K + k, o]
 * - gradInput: dx [batch, in]
 * - gradWeight: dW [in·K, out]
 */
export const BASIS_LINEAR_KERNELS = {
  forward: 'KanBasisLinear',
  gradInput: 'KanBasisLinearGradInput',
  gradWeight: 'KanBasisLinearGradWeight',
} as const;

const fusedBackends = new Map<string, (basis: Basis) => boolean>();

/** Declares that a backend has fused basis-linear kernels, and for which bases (usually: those with its snippet). */
export function registerFusedBasisLinear(backendName: string, supports: (basis: Basis) => boolean): void {
  fusedBackends.set(backendName, supports);
}

const warnedTrainable = new Set<string>();

/**
 * Whether `basisLinear` on this backend runs the fused kernels for this basis. A basis whose snippet this backend
 * would compile but whose K is above MAX_FUSED_K gets one console warning (per backend, basis and K). A basis with
 * trainable state never does, since the fused kernels give no gradient for the state: on a backend that fuses
 * others it gets one console warning (per backend and basis config).
 */
export function hasFusedBasisLinear(backendName: string, basis: Basis): boolean {
  const supports = fusedBackends.get(backendName);
  if (supports === undefined) return false;
  const trainable = trainableStateNames(basis);
  if (trainable.length > 0) {
    warnTrainableState(backendName, basis, trainable);
    return false;
  }
  if (supports(basis)) return true;
  warnOverFusedK(backendName, basis);
  return false;
}

function warnTrainableState(backendName: string, basis: Basis, trainable: readonly string[]): void {
  const key = `${backendName}|${JSON.stringify(basis.config)}`;
  if (warnedTrainable.has(key)) return;
  warnedTrainable.add(key);
  console.warn(
    `kanjs: the ${basis.name} basis has trainable state (${trainable.join(', ')}), whose gradient the fused ${backendName} kernels do not give, ` +
      `so it runs the generic path (evaluate + matMul) on ${backendName}.`,
  );
}
