import { describe, expect, it } from 'vitest';
import { BasisConfigError, OptionReader, describe as describeValue, formatBytes, readCentredGrid, torchLinspace } from '@kanjs/basis-core';

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

describe('upper bounds', () => {
  it('refuses a number over max, saying what it would take when the rule says', () => {
    const read = (value: number) => new OptionReader('b', { size: value });
    expect(read(10).number('size', 1, { integer: true, max: 10 })).toBe(10);
    expect(() => read(11).number('size', 1, { integer: true, max: 10 })).toThrow('b basis: size must be ≤ 10, got 11.');
    expect(() => read(1e9).number('size', 1, { max: 10, cost: (v) => `${formatBytes(v * 8)} of memory` })).toThrow(
      'b basis: size must be ≤ 10, got 1000000000: 7.45 GiB of memory.',
    );
  });

  it('bounds numCenters of a centred grid at 1000', () => {
    expect(readCentredGrid(new OptionReader('g', { numCenters: 1000 }), { widthOption: 'denominator' }).numCenters).toBe(1000);
    expect(() => readCentredGrid(new OptionReader('g', { numCenters: 1e6 }), { widthOption: 'denominator' })).toThrow(
      'g basis: numCenters must be ≤ 1000, got 1000000: the basis values alone would take 3.81 MiB per input and sample.',
    );
  });

  it('formats byte counts', () => {
    expect([0, 512, 1024, 1536, 100 * 2 ** 20, 2 ** 30, 3 * 2 ** 40].map(formatBytes)).toEqual(['0 B', '512 B', '1 KiB', '1.5 KiB', '100 MiB', '1 GiB', '3 TiB']);
  });
});

describe('describe (values in error messages)', () => {
  it('cuts values to 80 characters, ending in …', () => {
    expect(describeValue('abc')).toBe('"abc"');
    expect(describeValue([1, 2])).toBe('[1,2]');
    expect(describeValue(NaN)).toBe('NaN');
    const long = describeValue('x'.repeat(2_000_000));
    expect(long).toHaveLength(80);
    expect(long).toBe(`"${'x'.repeat(78)}…`);
    expect(describeValue(Array(1e6).fill(1))).toHaveLength(80);
    expect(describeValue({ key: 'y'.repeat(1000) }).endsWith('…')).toBe(true);
  });

  it('gives the kind of values JSON cannot write, never throwing', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(describeValue(cycle)).toBe('an object');
    expect(describeValue(10n)).toBe('a bigint');
    let deep: unknown[] = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(describeValue(deep)).toMatch(/^\[\[\[|^an array$/);
    expect(describeValue(() => 1)).toBe('a function');
  });

  it('reaches the option errors', () => {
    const message = (() => {
      try {
        new OptionReader('b', { ['k'.repeat(10_000)]: 1 }).rejectUnknown(['size']);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message.length).toBeLessThan(300);
    expect(message).toMatch(/^b basis: unknown option "k+…; expected one of size\.$/);
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
