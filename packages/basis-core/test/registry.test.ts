import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BasisConfigError, OptionReader, basisNames, createBasis, hasBasis, registerBasis, type Basis } from '@kanjs/basis-core';

function constantBasis(options: Record<string, unknown>, inFeatures: number): Basis {
  const reader = new OptionReader('constant', options as never);
  reader.rejectUnknown(['count']);
  const count = reader.number('count', 2, { integer: true, min: 1 });
  return {
    name: 'constant',
    inFeatures,
    size: count,
    domain: [0, 1],
    config: { name: 'constant', count },
    stateSpecs: [],
    evaluate: (x) => tf.ones([x.shape[0], inFeatures, count]) as tf.Tensor3D,
  };
}

describe('registry', () => {
  it('creates a registered basis from a config or a bare name', () => {
    registerBasis('constant', constantBasis);
    expect(hasBasis('constant')).toBe(true);
    expect(basisNames()).toContain('constant');
    expect(createBasis({ name: 'constant', count: 3 }, 4).size).toBe(3);
    expect(createBasis('constant', 4).config).toEqual({ name: 'constant', count: 2 });
  });

  it('names the registered bases when the name is unknown', () => {
    registerBasis('constant', constantBasis);
    expect(() => createBasis({ name: 'nope' }, 2)).toThrow(/Unknown basis "nope"; registered bases: .*constant/);
    expect(() => createBasis({ name: 'nope' }, 2)).toThrow(BasisConfigError);
  });

  it('rejects bad names and bad configs', () => {
    expect(() => registerBasis('Bad Name', constantBasis)).toThrow(/lower-case/);
    expect(() => createBasis(42 as never, 2)).toThrow(/must be a basis name or \{ name, \.\.\.options \}, got 42/);
  });
});

describe('OptionReader', () => {
  const read = (options: Record<string, unknown>) => new OptionReader('demo', options as never);

  it('fills defaults and checks rules, naming the field', () => {
    expect(read({}).number('size', 5, { integer: true, min: 1 })).toBe(5);
    expect(() => read({ size: 0 }).number('size', 5, { min: 1 })).toThrow('demo basis: size must be ≥ 1, got 0.');
    expect(() => read({ size: 1.5 }).number('size', 5, { integer: true })).toThrow('demo basis: size must be an integer, got 1.5.');
    expect(() => read({ size: 'a' }).number('size', 5)).toThrow('demo basis: size must be a finite number, got "a".');
    expect(() => read({ h: 0 }).number('h', 1, { above: 0 })).toThrow('demo basis: h must be > 0, got 0.');
  });

  it('checks ranges and unknown options', () => {
    expect(read({ r: [-2, 2] }).range('r', [0, 1])).toEqual([-2, 2]);
    expect(() => read({ r: [2, 2] }).range('r', [0, 1])).toThrow('demo basis: r must have low < high, got [2,2].');
    expect(() => read({ r: [1] }).range('r', [0, 1])).toThrow(/must be a pair \[low, high\]/);
    expect(() => read({ gridsize: 3 }).rejectUnknown(['gridSize'])).toThrow('demo basis: unknown option "gridsize"; expected one of gridSize.');
  });
});
