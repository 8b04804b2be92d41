// The snippet tests every basis package runs: its WGSL snippet on Dawn and its CUDA snippet with nvcc (and on a
// GPU where there is one) against `evaluate` and its autodiff derivative. A basis test file supplies the cases.
import * as tf from '@tensorflow/tfjs-core';
import type { Basis, BasisStateValues } from '@kanjs/basis-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetErrors } from './checks.js';
import { compileCudaSnippet, cudaHarness, evaluateCudaSnippet } from './cuda-harness.js';
import { wgslHarness, type WgslHarness } from './wgsl-harness.js';

/** The harnesses of one test file, each null where it is unavailable (its tests then skip). */
export interface SnippetHarnesses {
  readonly wgsl: WgslHarness | null;
  readonly cuda: { readonly nvcc: string; readonly gpu: boolean } | null;
}

/**
 * Opens the WGSL (Dawn) and CUDA (nvcc) harnesses for the calling test file, puts the file on the cpu backend,
 * and closes the WebGPU device after it. Call it once per file, at the top level.
 */
export async function snippetHarnesses(): Promise<SnippetHarnesses> {
  const wgsl = await wgslHarness();
  const cuda = cudaHarness();
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(() => wgsl?.destroy());
  return { wgsl, cuda };
}

/** One snippet check: a basis, its state (default none) and scalar inputs x [batch, in]. */
export interface SnippetCase {
  /** The test's name (WGSL cases; CUDA cases run in one test). */
  readonly label: string;
  readonly basis: Basis;
  readonly state?: BasisStateValues;
  readonly x: Float32Array;
  /** The seed of the random weights of the gradient check (default 1). */
  readonly seed?: number;
}

/** What `snippetSuites` checks. */
export interface SnippetSuiteSpec {
  /** Each against evaluate: values ≤ 1e-5, derivatives and the autodiff gradient ≤ 1e-4. */
  readonly wgsl: readonly SnippetCase[];
  /** Compiled with nvcc, each. */
  readonly cudaCompile: Basis | readonly Basis[];
  /** On a GPU: values ≤ 1e-5, derivatives ≤ 1e-4. */
  readonly cudaRun: readonly SnippetCase[];
}

/**
 * Declares `<name> WGSL snippet` (skipped without a WebGPU adapter) and `<name> CUDA snippet` (skipped without
 * nvcc; its GPU test skipped without a GPU), on the harnesses from `snippetHarnesses()`.
 */
export function snippetSuites(name: string, { wgsl, cuda }: SnippetHarnesses, spec: SnippetSuiteSpec): void {
  describe.skipIf(wgsl === null)(`${name} WGSL snippet`, () => {
    for (const c of spec.wgsl) {
      it(c.label, async () => {
        const state = c.state ?? {};
        const errors = snippetErrors(c.basis, state, c.x, await wgsl!.evaluate(c.basis, state, c.x), c.seed);
        expect(errors.values).toBeLessThanOrEqual(1e-5);
        expect(errors.derivs).toBeLessThanOrEqual(1e-4);
        expect(errors.gradient).toBeLessThanOrEqual(1e-4);
      });
    }
  });

  describe.skipIf(cuda === null)(`${name} CUDA snippet`, () => {
    it('compiles with nvcc', () => {
      for (const basis of [spec.cudaCompile].flat()) compileCudaSnippet(basis, { nvcc: cuda!.nvcc });
    });

    it.skipIf(cuda?.gpu !== true)('runs on the GPU and equals evaluate and its autodiff derivative', () => {
      for (const c of spec.cudaRun) {
        const state = c.state ?? {};
        const errors = snippetErrors(c.basis, state, c.x, evaluateCudaSnippet(c.basis, state, c.x), c.seed);
        expect(errors.values).toBeLessThanOrEqual(1e-5);
        expect(errors.derivs).toBeLessThanOrEqual(1e-4);
      }
    });
  });
}
