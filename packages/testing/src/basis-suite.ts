// The tests every basis package runs: what createBasis gives, evaluate against a float64 reference, input
// gradients against finite differences, config errors, the config's JSON round trip, and the snippet suites.
// A basis test file supplies the cases, then adds the tests that only its basis has.
import { BasisConfigError, createBasis, type Basis, type BasisConfig, type BasisFactory, type BasisStateValues, type JsonValue } from '@kanjs/basis-core';
import { describe, expect, it } from 'vitest';
import { referenceGradientError, referenceValueError, type ScalarReference } from './checks.js';
import { snippetSuites, type SnippetCase, type SnippetHarnesses, type SnippetSuiteSpec } from './snippet-suites.js';

/** A basis, its state (default none), inputs x [batch, in] (float32-representable) and its float64 reference. */
export interface ReferenceCase {
  readonly basis: Basis;
  readonly state?: BasisStateValues;
  readonly x: Float64Array;
  readonly reference: ScalarReference;
}

/** An option set that the factory refuses: the error's message (or a pattern it matches), for `inFeatures` inputs (default 2). */
export type InvalidCase = readonly [options: Readonly<Record<string, JsonValue>>, message: string | RegExp, inFeatures?: number];

/** What `basisSuite` checks for one registered basis, named by `created.config.name`. */
export interface BasisSuiteSpec {
  /** `createBasis(from, inFeatures)`, with `from` the registered name alone (its defaults) unless given. */
  readonly created: {
    /** The test's name, e.g. `defaults to degree 4: K = 5 functions, no state`. */
    readonly label: string;
    readonly from?: BasisConfig;
    /** Default 3. */
    readonly inFeatures?: number;
    /** K. */
    readonly size: number;
    /** The whole config, defaults filled in. */
    readonly config: BasisConfig;
    /** The state specs' names and shapes, in order. */
    readonly state: readonly (readonly [string, readonly number[]])[];
    readonly domain?: readonly [number, number];
    /** Further checks of the basis, inside the same test. */
    readonly check?: (basis: Basis) => void;
  };
  /** `evaluate` against the reference, each case its own test `matches <formula> in float64, <label>`. */
  readonly values: {
    readonly formula: string;
    /** The largest relative error (default 1e-5). */
    readonly tolerance?: number;
    readonly cases: readonly (ReferenceCase & { readonly label: string })[];
  };
  /** Input gradients of Σ evaluate(x)·r against finite differences of the reference (≤ 1e-4). Keep x off the kinks. */
  readonly gradient: ReferenceCase;
  /** Every rule the config validation has: each throws a BasisConfigError with its message. */
  readonly invalid: readonly InvalidCase[];
  /** A config that createBasis rebuilds from its JSON: the same config, K = `size`, and `check` (e.g. state shapes). */
  readonly roundTrip: {
    readonly config: BasisConfig;
    /** Default 4. */
    readonly inFeatures?: number;
    readonly size: number;
    readonly check?: (basis: Basis) => void;
  };
  /** The snippet suites; their WGSL cases are the value cases unless `wgsl` lists others. */
  readonly snippets: Omit<SnippetSuiteSpec, 'wgsl'> & { readonly wgsl?: readonly SnippetCase[] };
}

/** A value case as a snippet case: the same basis, state and inputs, against `evaluate` and its autodiff. */
function snippetCase(c: ReferenceCase & { readonly label: string }): SnippetCase {
  const base = { label: `equals evaluate and its autodiff derivative, ${c.label}`, basis: c.basis, x: Float32Array.from(c.x) };
  return c.state === undefined ? base : { ...base, state: c.state };
}

/**
 * Declares `<name> basis` (the checks of `BasisSuiteSpec`) for the factory `create`, and the snippet suites, on
 * the harnesses from `snippetHarnesses()`.
 */
export function basisSuite(harnesses: SnippetHarnesses, create: BasisFactory, spec: BasisSuiteSpec): void {
  const { created, values, gradient, roundTrip, snippets } = spec;
  const name = created.config.name;
  describe(`${name} basis`, () => {
    it(created.label, () => {
      const basis = createBasis(created.from ?? name, created.inFeatures ?? 3);
      expect(basis.size).toBe(created.size);
      expect(basis.config).toEqual(created.config);
      expect(basis.stateSpecs.map((s) => [s.name, s.shape])).toEqual(created.state);
      if (created.domain !== undefined) expect(basis.domain).toEqual(created.domain);
      created.check?.(basis);
    });

    for (const c of values.cases) {
      it(`matches ${values.formula} in float64, ${c.label}`, () => {
        expect(referenceValueError(c.basis, c.state ?? {}, c.x, c.reference)).toBeLessThanOrEqual(values.tolerance ?? 1e-5);
      });
    }

    it('has input gradients that match finite differences of the float64 reference', () => {
      expect(referenceGradientError(gradient.basis, gradient.state ?? {}, gradient.x, gradient.reference)).toBeLessThanOrEqual(1e-4);
    });

    it('rejects invalid configs with one clear error naming the field', () => {
      for (const [options, message, inFeatures = 2] of spec.invalid) {
        expect(() => create(options, inFeatures)).toThrow(message);
        expect(() => create(options, inFeatures)).toThrow(BasisConfigError);
      }
    });

    it('round-trips its config through JSON', () => {
      const inFeatures = roundTrip.inFeatures ?? 4;
      const basis = createBasis(roundTrip.config, inFeatures);
      const again = createBasis(JSON.parse(JSON.stringify(basis.config)) as BasisConfig, inFeatures);
      expect(again.config).toEqual(basis.config);
      expect(again.size).toBe(roundTrip.size);
      roundTrip.check?.(again);
    });
  });

  snippetSuites(name, harnesses, { ...snippets, wgsl: snippets.wgsl ?? values.cases.map(snippetCase) });
}
