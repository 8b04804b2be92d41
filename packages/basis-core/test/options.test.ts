import { describe, expect, it } from 'vitest';
import { BasisConfigError, OptionReader, torchLinspace } from '@kanjs/basis-core';

describe('OptionReader', () => {
  it('reads booleans, with a default, and names the field when the value is not one', () => {
    expect(new OptionReader('b', {}).boolean('normalize', false)).toBe(false);
    expect(new OptionReader('b', { normalize: true }).boolean('normalize', false)).toBe(true);
    expect(() => new OptionReader('b', { normalize: 1 }).boolean('normalize', false)).toThrow('b basis: normalize must be true or false, got 1.');
  });

  it('reads non-empty arrays of finite numbers', () => {
    expect(new OptionReader('b', {}).numbers('coefficients', [0, 1])).toEqual([0, 1]);
    expect(new OptionReader('b', { coefficients: [2, -3.5] }).numbers('coefficients', [0])).toEqual([2, -3.5]);
    for (const bad of [[], [1, '2'], 3, [Infinity]]) {
      expect(() => new OptionReader('b', { coefficients: bad as never }).numbers('coefficients', [0])).toThrow(BasisConfigError);
    }
    expect(() => new OptionReader('b', { coefficients: [] }).numbers('coefficients', [0])).toThrow('b basis: coefficients must be a non-empty array of finite numbers, got [].');
  });
});

describe('torchLinspace', () => {
  it('has exact ends and even float32 steps', () => {
    expect([...torchLinspace(-1, 3, 5)]).toEqual([-1, 0, 1, 2, 3]);
    expect([...torchLinspace(2, 5, 1)]).toEqual([2]);
    const points = torchLinspace(-2, 2, 8);
    expect(points[0]).toBe(-2);
    expect(points[7]).toBe(2);
  });
});
