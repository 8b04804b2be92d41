// The snippet tests every basis package runs: its WGSL snippet on Dawn and its CUDA snippet with nvcc (and on a
// GPU where there is one) against `evaluate` and its autodiff derivative. A basis test file supplies the cases.
import type { Basis, BasisStateValues } from '@kanjs/basis-core';
import { describe, expect, it } from 'vitest';
import { snippetErrors } from './checks.js';
import { compileCudaSnippet, evaluateCudaSnippet } from './cuda-harness.js';
import type { WgslHarness } from './wgsl-harness.js';

/** One snippet check: a basis, its state (default none) and scalar inputs x [batch, in]. */
export interface SnippetCase {
  /** The test's name (WGSL cases; CUDA cases run in one test). */
  readonly label: string;
  readonly basis: Basis;
  readonly state?: BasisStateValues;
  readonly x: Float32Array;
}

/** What `snippetSuites` checks. */
export interface SnippetSuiteSpec {
  /** Each against evaluate: values ≤ 1e-5, derivatives and the autodiff gradient ≤ 1e-4. */
  readonly wgsl: readonly SnippetCase[];
  /** Compiled with nvcc. */
  readonly cudaCompile: Basis;
  /** On a GPU: values ≤ 1e-5, derivatives ≤ 1e-4. */
  readonly cudaRun: readonly SnippetCase[];
}

/**
 * Declares `<name> WGSL snippet` (skipped without a WebGPU adapter) and `<name> CUDA snippet` (skipped without
 * nvcc; its GPU test skipped without a GPU). Pass the harnesses from `wgslHarness()` and `cudaHarness()`.
 */
export function snippetSuites(
  name: string,
  wgsl: WgslHarness | null,
  cuda: { readonly nvcc: string; readonly gpu: boolean } | null,
  spec: SnippetSuiteSpec,
): void {
  describe.skipIf(wgsl === null)(`${name} WGSL snippet`, () => {
    for (const c of spec.wgsl) {
      it(c.label, async () => {
        const state = c.state ?? {};
        const errors = snippetErrors(c.basis, state, c.x, await wgsl!.evaluate(c.basis, state, c.x));
        expect(errors.values).toBeLessThanOrEqual(1e-5);
        expect(errors.derivs).toBeLessThanOrEqual(1e-4);
        expect(errors.gradient).toBeLessThanOrEqual(1e-4);
      });
    }
  });

  describe.skipIf(cuda === null)(`${name} CUDA snippet`, () => {
    it('compiles with nvcc', () => {
      compileCudaSnippet(spec.cudaCompile, { nvcc: cuda!.nvcc });
    });

    it.skipIf(cuda?.gpu !== true)('runs on the GPU and equals evaluate and its autodiff derivative', () => {
      for (const c of spec.cudaRun) {
        const state = c.state ?? {};
        const errors = snippetErrors(c.basis, state, c.x, evaluateCudaSnippet(c.basis, state, c.x));
        expect(errors.values).toBeLessThanOrEqual(1e-5);
        expect(errors.derivs).toBeLessThanOrEqual(1e-4);
      }
    });
  });
}
