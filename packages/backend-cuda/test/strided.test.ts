// The index arithmetic behind the element-wise and copy kernels, checked on the host: broadcasting strides,
// merging dimensions, and the offsets they give against a direct computation.
import { describe, expect, it } from 'vitest';
import { MAX_RANK, broadcastStrides, collapse, indexArgs, padded, stridesOf } from '../src/kernels/strided.js';
import { bits, broadcastShape, floatLiteral } from '../src/kernels/elementwise.js';

/** The offsets an operand is read at, for every output index, from (shape, strides, base): what the kernel computes. */
function offsets(shape: readonly number[], strides: readonly number[], base = 0): number[] {
  const n = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, idx) => {
    let rest = idx;
    let o = base;
    for (let d = shape.length - 1; d >= 0; d--) {
      o += (rest % shape[d]!) * strides[d]!;
      rest = Math.floor(rest / shape[d]!);
    }
    return o;
  });
}

describe('strided index arithmetic', () => {
  it('row-major strides and broadcasting strides', () => {
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(broadcastStrides([3, 1], [2, 3, 4])).toEqual([0, 1, 0]);
    expect(broadcastStrides([], [2, 3])).toEqual([0, 0]);
    expect(broadcastShape([2, 1, 4], [3, 1])).toEqual([2, 3, 4]);
    expect(() => broadcastShape([2, 3], [4])).toThrow('cuda: shapes [2, 3] and [4] do not broadcast.');
  });

  it('merging dimensions keeps every operand reading the same offsets', () => {
    const cases: [number[], number[][]][] = [
      [[2, 3, 4], [stridesOf([2, 3, 4]), broadcastStrides([4], [2, 3, 4]), broadcastStrides([3, 1], [2, 3, 4])]],
      [[5, 1, 6], [stridesOf([5, 1, 6]), broadcastStrides([], [5, 1, 6])]],
      [[4, 3], [[1, 4], stridesOf([4, 3])]], // a transpose: nothing merges
    ];
    for (const [shape, strides] of cases) {
      const merged = collapse(shape, strides);
      expect(merged.shape.reduce((a, b) => a * b, 1)).toBe(shape.reduce((a, b) => a * b, 1));
      strides.forEach((s, k) => expect(offsets(merged.shape, merged.strides[k]!)).toEqual(offsets(shape, s)));
    }
    expect(collapse([2, 3, 4], [stridesOf([2, 3, 4])]).shape).toEqual([24]);
  });

  it('pads to the kernels\' fixed rank and lays out their arguments', () => {
    const p = padded([6, 4], [[4, 1], [0, 1]]);
    expect(p.dims).toEqual([1, 1, 1, 1, 6, 4]);
    expect(p.strides[1]).toEqual([0, 0, 0, 0, 0, 1]);
    const { signature, args } = indexArgs(p.dims, [0, 7], p.strides);
    expect(args).toEqual([...p.dims, 0, ...p.strides[0]!, 7, ...p.strides[1]!]);
    expect(signature).toBe('i'.repeat(MAX_RANK + 2 * (MAX_RANK + 1)));
    expect(() => padded([1, 2, 3, 4, 5, 6, 7], [[]])).toThrow(/rank 7 .*expected rank 6 or less/);
  });

  it('writes constants as CUDA literals and bit patterns that read back exactly', () => {
    for (const v of [0.1, -3.5, 1e-7, 123456.789]) expect(Math.fround(Number.parseFloat(floatLiteral(v)))).toBe(Math.fround(v));
    expect(floatLiteral(Number.NaN)).toBe('nanf("")');
    expect(bits(1, 'float32')).toBe(0x3f800000);
    expect(bits(-1, 'int32')).toBe(0xffffffff);
    expect(bits(2, 'bool')).toBe(1);
  });
});
