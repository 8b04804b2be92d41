// What the snippet harnesses share: the result type, the state layout the kernel templates use, and the
// policy for a missing accelerator or compiler (skip with the reason printed; fail under CI=true).
import type { Basis, BasisStateValues } from '@kanjs/basis-core';
import { concatenate } from './arrays.js';

/** What a snippet computed for N scalar inputs: values and derivatives, each [N, K] row-major. */
export interface SnippetOutput {
  readonly values: Float32Array;
  readonly derivs: Float32Array;
}

/**
 * The state as the kernel templates see it: the basis's state tensors concatenated, row-major, in
 * `stateSpecs` order. Checks that every tensor is there with the declared number of values.
 */
export function packState(basis: Basis, state: BasisStateValues): Float32Array {
  const parts = basis.stateSpecs.map((spec) => {
    const values = state[spec.name];
    const expected = spec.shape.reduce((a, b) => a * b, 1);
    if (values === undefined || values.length !== expected) {
      throw new Error(
        `packState: ${basis.name} state "${spec.name}" needs ${expected} values [${spec.shape.join(', ')}], got ${values?.length ?? 'none'}.`,
      );
    }
    return values;
  });
  return concatenate(Float32Array, parts);
}

/** A harness's raw output [N, 2·K] (K values, then K derivatives, per input) as values and derivs, each [N, K]. */
export function splitOutputs(all: Float32Array, n: number, size: number): SnippetOutput {
  const values = new Float32Array(n * size);
  const derivs = new Float32Array(n * size);
  for (let i = 0; i < n; i++) {
    values.set(all.subarray(i * 2 * size, i * 2 * size + size), i * size);
    derivs.set(all.subarray(i * 2 * size + size, (i + 1) * 2 * size), i * size);
  }
  return { values, derivs };
}

/**
 * For x [batch, in] row-major: the input feature of every scalar, i.e. `n % inFeatures`, as the fused kernels
 * see it.
 */
export function featureIndices(count: number, inFeatures: number): Uint32Array {
  return Uint32Array.from({ length: count }, (_, n) => n % inFeatures);
}

/**
 * What a test does when a harness cannot run: it prints the reason and returns null, so that the caller can
 * skip. With `failInCi` it throws instead under `CI=true`, where the harness is expected to run.
 */
export function unavailable(what: string, reason: string, failInCi: boolean): null {
  const message = `${what} unavailable: ${reason}`;
  if (failInCi && process.env['CI'] === 'true') throw new Error(`${message} (CI=true, so this fails instead of skipping).`);
  console.warn(`${message}; skipping its tests.`);
  return null;
}

