import { OptionReader, checkInFeatures, type Basis, type JsonValue } from '@kanjs/basis-core';
import { jacobiOfTanh, recurrenceForm } from './recurrence.js';
import { jacobiSnippets } from './snippets.js';

/** Options of the `legendre` basis. */
export interface LegendreOptions {
  /** D, the highest degree: K = D + 1 functions P₀..P_D. Default 4; ≥ 1. */
  readonly degree?: number;
}

/** Options of the `jacobi` basis. */
export interface JacobiOptions {
  /** D, the highest degree: K = D + 1 functions P₀..P_D. Default 4; ≥ 1. */
  readonly degree?: number;
  /** α in P^(α,β). Default 1 (JacobiKAN's); > −1. */
  readonly alpha?: number;
  /** β in P^(α,β). Default 1 (JacobiKAN's); > −1. */
  readonly beta?: number;
}

/**
 * The `legendre` basis: P_d(tanh x) for d = 0..D, the Legendre polynomials (orthogonal on [−1, 1] with weight 1)
 * of the squashed input, by Bonnet's recurrence (d + 1)·P_{d+1} = (2d + 1)·t·P_d − d·P_{d−1}. No state.
 */
export function legendre(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('legendre', options);
  reader.rejectUnknown(['degree']);
  const degree = reader.number('degree', 4, { integer: true, min: 1 });
  checkInFeatures('legendre', inFeatures);
  return {
    name: 'legendre',
    inFeatures,
    size: degree + 1,
    domain: [-2, 2],
    config: { name: 'legendre', degree },
    stateSpecs: [],
    evaluate: (x) => jacobiOfTanh(x, degree, 0, 0),
    kernels: jacobiSnippets(0, 0),
    cpu: recurrenceForm(degree, 0, 0),
  };
}

/**
 * The `jacobi` basis (JacobiKAN): P_d^(α,β)(tanh x) for d = 0..D, the Jacobi polynomials (orthogonal on
 * [−1, 1] with weight (1 − t)^α·(1 + t)^β), by their three-term recurrence. α = β = 0 is Legendre, α = β = −½
 * Chebyshev up to scale. No state.
 */
export function jacobi(options: Readonly<Record<string, JsonValue>>, inFeatures: number): Basis {
  const reader = new OptionReader('jacobi', options);
  reader.rejectUnknown(['degree', 'alpha', 'beta']);
  const degree = reader.number('degree', 4, { integer: true, min: 1 });
  const alpha = reader.number('alpha', 1, { above: -1 });
  const beta = reader.number('beta', 1, { above: -1 });
  checkInFeatures('jacobi', inFeatures);
  return {
    name: 'jacobi',
    inFeatures,
    size: degree + 1,
    domain: [-2, 2],
    config: { name: 'jacobi', degree, alpha, beta },
    stateSpecs: [],
    evaluate: (x) => jacobiOfTanh(x, degree, alpha, beta),
    kernels: jacobiSnippets(alpha, beta),
    cpu: recurrenceForm(degree, alpha, beta),
  };
}
