// The snippet templates: the literals and declarations every fused-kernel template puts before a basis snippet.
import { describe, expect, it } from 'vitest';
import type { Basis } from '@kanjs/basis-core';
import { cudaDefines, cudaLiteral, snippetConstants, wgslDeclarations, wgslLiteral } from '@kanjs/kernels';

/** A basis that only carries snippet constants: the templates read nothing else but its name and size. */
const withConstants = (constants: Record<string, number>): Basis => ({
  name: 'probe',
  inFeatures: 1,
  size: 4,
  domain: [0, 1],
  config: { name: 'probe' },
  stateSpecs: [],
  evaluate: () => {
    throw new Error('probe: not evaluated in these tests.');
  },
  kernels: { constants },
});

describe('snippet templates', () => {
  it('write integers as integer literals and the rest as float literals', () => {
    expect([3, -2, 0.5, -2.5, 1e-7, 4 / 7].map(wgslLiteral)).toEqual(['3', '-2', '0.5', '-2.5', '1e-7', '0.5714285714285714']);
    expect([3, -2, 0.5, -2.5, 1e-7].map(cudaLiteral)).toEqual(['3', '(-2)', '0.5f', '(-2.5f)', '1e-7f']);
  });

  it('declare KAN_K, then each constant, in WGSL and in CUDA C', () => {
    const basis = withConstants({ LOW: -1.5, ORDER: 3 });
    expect(wgslDeclarations(basis)).toBe('const KAN_K = 4u;\nconst LOW = -1.5;\nconst ORDER = 3;');
    expect(cudaDefines(basis)).toBe('#define KAN_K 4\n#define LOW (-1.5f)\n#define ORDER 3');
  });

  it('refuse a constant that is not an identifier or not finite, naming it', () => {
    expect(() => snippetConstants(withConstants({ 'two words': 1 }))).toThrow('probe kernels: constant name "two words" is not an identifier.');
    expect(() => snippetConstants(withConstants({ SCALE: Number.POSITIVE_INFINITY }))).toThrow('probe kernels: constant SCALE must be finite, got Infinity.');
  });
});
