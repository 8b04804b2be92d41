import { concatenate } from '@kanjs/testing';
import { describe, expect, it } from 'vitest';
import { SafetensorsError, readSafetensors, writeSafetensors } from '../src/torch/safetensors.js';

// Files for the reader are built by hand here, so the reader is tested independently of the writer.

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return concatenate(Uint8Array, parts);
}

function u64(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return out;
}

/** A safetensors file: u64 header length, the header (JSON text or an object), optional space padding, the data. */
function buildFile(header: string | object, data: Uint8Array = new Uint8Array(0), padTo = 1): Uint8Array {
  const json = typeof header === 'string' ? header : JSON.stringify(header);
  const text = json.padEnd(Math.ceil(json.length / padTo) * padTo, ' ');
  const headerBytes = new TextEncoder().encode(text);
  return concat(u64(BigInt(headerBytes.length)), headerBytes, data);
}

/** Little-endian bytes of numbers as f32, f64 or raw u16 bit patterns. */
function le(kind: 'f32' | 'f64' | 'u16', values: readonly number[]): Uint8Array {
  const size = { f32: 4, f64: 8, u16: 2 }[kind];
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    if (kind === 'f32') view.setFloat32(i * size, v, true);
    else if (kind === 'f64') view.setFloat64(i * size, v, true);
    else view.setUint16(i * size, v, true);
  });
  return out;
}

function headerOf(file: Uint8Array): string {
  const length = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  return new TextDecoder().decode(file.subarray(8, 8 + length));
}

function bitsOf(data: Float32Array): Uint32Array {
  return new Uint32Array(data.buffer, data.byteOffset, data.length);
}

function tensor(file: ReturnType<typeof readSafetensors>, name: string) {
  const t = file.tensors.get(name);
  if (t === undefined) throw new Error(`no tensor "${name}"`);
  return t;
}

function readError(bytes: Uint8Array): SafetensorsError {
  try {
    readSafetensors(bytes);
  } catch (error) {
    if (error instanceof SafetensorsError) return error;
    throw error;
  }
  throw new Error('expected readSafetensors to throw');
}

const F16_BITS = [0x3c00, 0xc000, 0x7bff, 0x0400, 0x0001, 0x03ff, 0x7c00, 0xfc00, 0x7e00, 0x8000, 0x3555];
const F16_VALUES = [1, -2, 65504, 2 ** -14, 2 ** -24, 1023 * 2 ** -24, Infinity, -Infinity, NaN, -0, 0.333251953125];
const BF16_BITS = [0x3f80, 0xc000, 0x4049, 0x7f80, 0xff80, 0x7fc0, 0x0001, 0x8000];
const BF16_VALUES = [1, -2, 3.140625, Infinity, -Infinity, NaN, 2 ** -133, -0];

describe('writeSafetensors → readSafetensors', () => {
  const tensors = [
    { name: 'weight', shape: [2, 3], data: Float32Array.of(1, -2.5, 0.1, 3e38, 1e-45, -0) },
    { name: 'scalar', shape: [], data: Float32Array.of(42) },
    { name: 'empty', shape: [0], data: new Float32Array(0) },
    { name: 'empty3d', shape: [3, 0, 2], data: new Float32Array(0) },
    { name: 'special', shape: [4], data: Float32Array.of(NaN, Infinity, -Infinity, 2 ** -149) },
  ];

  it('round-trips tensors, including scalars and empty tensors, bit for bit', () => {
    const file = readSafetensors(writeSafetensors(tensors, { format: 'pt', note: 'ünïcødé ✓' }));
    expect([...file.tensors.keys()]).toEqual(tensors.map((t) => t.name));
    for (const { name, shape, data } of tensors) {
      const read = tensor(file, name);
      expect(read.dtype).toBe('F32');
      expect(read.shape).toEqual(shape);
      expect(bitsOf(read.data)).toEqual(bitsOf(data));
    }
    expect(file.metadata).toEqual({ format: 'pt', note: 'ünïcødé ✓' });
  });

  it('keeps NaN payloads exact', () => {
    const data = new Float32Array(2);
    bitsOf(data).set([0x7fc00123, 0xffbfffff]);
    const read = tensor(readSafetensors(writeSafetensors([{ name: 'nan', shape: [2], data }])), 'nan');
    expect(bitsOf(read.data)).toEqual(Uint32Array.of(0x7fc00123, 0xffbfffff));
  });

  it('writes tensors that are views into a larger buffer', () => {
    const data = Float32Array.of(9, 1, 2, 3, 9).subarray(1, 4);
    const read = tensor(readSafetensors(writeSafetensors([{ name: 'v', shape: [3], data }])), 'v');
    expect(read.data).toEqual(Float32Array.of(1, 2, 3));
  });

  it('round-trips an empty file and leaves out __metadata__ when there is none', () => {
    const bytes = writeSafetensors([]);
    expect(headerOf(bytes).trimEnd()).toBe('{}');
    const file = readSafetensors(bytes);
    expect(file.tensors.size).toBe(0);
    expect(file.metadata).toEqual({});
    expect(headerOf(writeSafetensors(tensors, {}))).not.toContain('__metadata__');
  });

  it('writes __metadata__ first', () => {
    expect(headerOf(writeSafetensors(tensors, { a: 'b' }))).toMatch(/^\{"__metadata__":\{"a":"b"\},"weight":/);
  });

  it('is deterministic', () => {
    expect(writeSafetensors(tensors, { k: 'v' })).toEqual(writeSafetensors(tensors, { k: 'v' }));
  });

  it('lays out F32 data contiguously in the given order', () => {
    const bytes = writeSafetensors([
      { name: 'b', shape: [2], data: Float32Array.of(1, 2) },
      { name: 'a', shape: [1, 3], data: Float32Array.of(3, 4, 5) },
    ]);
    const header = JSON.parse(headerOf(bytes)) as Record<string, unknown>;
    expect(header).toEqual({
      b: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      a: { dtype: 'F32', shape: [1, 3], data_offsets: [8, 20] },
    });
    const dataStart = bytes.length - 20;
    expect(bytes.subarray(dataStart)).toEqual(le('f32', [1, 2, 3, 4, 5]));
  });

  it('pads the header with spaces so the data starts 8-byte aligned', () => {
    for (let k = 0; k < 12; k++) {
      const bytes = writeSafetensors([{ name: 'x'.repeat(k), shape: [1], data: Float32Array.of(k) }]);
      const header = headerOf(bytes);
      expect((8 + header.length) % 8).toBe(0);
      expect(bytes.length).toBe(8 + header.length + 4);
      expect(header).toMatch(/^\{.*\} *$/);
      expect(JSON.parse(header)).toEqual({ ['x'.repeat(k)]: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } });
    }
  });
});

describe('readSafetensors on hand-built files', () => {
  it('reads F32, F64, F16 and BF16 as float32', () => {
    const f64 = [1, -2.5, 0.1, 1e300, -0, 2 ** -149];
    const data = concat(le('f32', [1.5, -3]), le('f64', f64), le('u16', F16_BITS), le('u16', BF16_BITS));
    const f16Start = 8 + 48;
    const bf16Start = f16Start + 2 * F16_BITS.length;
    const file = readSafetensors(
      buildFile(
        {
          f32: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
          f64: { dtype: 'F64', shape: [2, 3], data_offsets: [8, f16Start] },
          f16: { dtype: 'F16', shape: [F16_BITS.length], data_offsets: [f16Start, bf16Start] },
          bf16: { dtype: 'BF16', shape: [BF16_BITS.length], data_offsets: [bf16Start, data.length] },
        },
        data,
      ),
    );
    expect(tensor(file, 'f32')).toEqual({ dtype: 'F32', shape: [2], data: Float32Array.of(1.5, -3) });
    expect(tensor(file, 'f64')).toEqual({ dtype: 'F64', shape: [2, 3], data: Float32Array.from(f64) });
    expect(tensor(file, 'f64').data).toEqual(Float32Array.of(1, -2.5, Math.fround(0.1), Infinity, -0, 2 ** -149));
    expect(tensor(file, 'f16').dtype).toBe('F16');
    expect(tensor(file, 'f16').data).toEqual(Float32Array.from(F16_VALUES));
    expect(tensor(file, 'bf16').dtype).toBe('BF16');
    expect(tensor(file, 'bf16').data).toEqual(Float32Array.from(BF16_VALUES));
  });

  it('reads F16 values exactly: 1, -2, 65504, 6.1e-5, the subnormal 2^-24, ±inf, NaN and -0', () => {
    const n = F16_BITS.length;
    const bytes = buildFile({ h: { dtype: 'F16', shape: [n], data_offsets: [0, 2 * n] } }, le('u16', F16_BITS));
    const data = [...tensor(readSafetensors(bytes), 'h').data];
    data.forEach((value, i) =>
      expect(Object.is(value, F16_VALUES[i]), `bits 0x${F16_BITS[i]?.toString(16)}`).toBe(true),
    );
    expect(data[3]).toBeCloseTo(6.1e-5, 6);
  });

  it('reads metadata, scalars, empty tensors and space-padded headers', () => {
    const file = readSafetensors(
      buildFile(
        {
          __metadata__: { format: 'pt' },
          s: { dtype: 'F32', shape: [], data_offsets: [0, 4] },
          e: { dtype: 'BF16', shape: [2, 0], data_offsets: [4, 4] },
        },
        le('f32', [7]),
        8,
      ),
    );
    expect(file.metadata).toEqual({ format: 'pt' });
    expect(tensor(file, 's')).toEqual({ dtype: 'F32', shape: [], data: Float32Array.of(7) });
    expect(tensor(file, 'e')).toEqual({ dtype: 'BF16', shape: [2, 0], data: new Float32Array(0) });
    expect(file.tensors.has('__metadata__')).toBe(false);
  });

  it('reads tensor data that is not 4- or 8-byte aligned', () => {
    const data = concat(le('u16', [0x3c00]), le('f32', [1.25, -7]), le('u16', [0xc000]), le('f64', [0.5]));
    const bytes = buildFile(
      {
        h: { dtype: 'F16', shape: [1], data_offsets: [0, 2] },
        f: { dtype: 'F32', shape: [2], data_offsets: [2, 10] },
        g: { dtype: 'F16', shape: [1], data_offsets: [10, 12] },
        d: { dtype: 'F64', shape: [1], data_offsets: [12, 20] },
      },
      data,
      8,
    );
    expect((bytes.length - data.length) % 8).toBe(0);
    const file = readSafetensors(bytes);
    expect(tensor(file, 'f').data).toEqual(Float32Array.of(1.25, -7));
    expect(tensor(file, 'd').data).toEqual(Float32Array.of(0.5));
    expect(tensor(file, 'g').data).toEqual(Float32Array.of(-2));
  });

  it('reads tensors listed in any order, as long as their sorted data_offsets tile the data', () => {
    const bytes = buildFile(
      {
        b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
        e: { dtype: 'F32', shape: [0], data_offsets: [8, 8] },
        a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
      },
      le('f32', [1, 2]),
    );
    const file = readSafetensors(bytes);
    expect([...file.tensors.keys()].sort()).toEqual(['a', 'b', 'e']);
    expect(tensor(file, 'a').data).toEqual(Float32Array.of(1));
    expect(tensor(file, 'b').data).toEqual(Float32Array.of(2));
  });

  it('reads a Uint8Array view with a non-zero byteOffset', () => {
    const bytes = buildFile(
      {
        x: { dtype: 'F32', shape: [3], data_offsets: [0, 12] },
        h: { dtype: 'F16', shape: [2], data_offsets: [12, 16] },
      },
      concat(le('f32', [1, 2, 3]), le('u16', [0x3c00, 0xc000])),
    );
    const backing = new Uint8Array(bytes.length + 10).fill(0xff);
    backing.set(bytes, 3);
    const file = readSafetensors(backing.subarray(3, 3 + bytes.length));
    expect(tensor(file, 'x').data).toEqual(Float32Array.of(1, 2, 3));
    expect(tensor(file, 'h').data).toEqual(Float32Array.of(1, -2));
  });

  it('reads what the writer wrote from a view with a non-zero byteOffset', () => {
    const bytes = writeSafetensors([{ name: 'w', shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) }], { a: 'b' });
    const backing = new Uint8Array(bytes.length + 5);
    backing.set(bytes, 5);
    const file = readSafetensors(backing.subarray(5));
    expect(tensor(file, 'w').data).toEqual(Float32Array.of(1, 2, 3, 4));
    expect(file.metadata).toEqual({ a: 'b' });
  });
});

describe('readSafetensors errors', () => {
  it('refuses a file shorter than 8 bytes', () => {
    expect(readError(new Uint8Array(0)).message).toMatch(/8-byte header length, but it has only 0 bytes/);
    expect(readError(new Uint8Array(7)).message).toMatch(/only 7 bytes/);
  });

  it('refuses a header length larger than the rest of the file', () => {
    const error = readError(concat(u64(100n), new Uint8Array(10)));
    expect(error).toBeInstanceOf(SafetensorsError);
    expect(error.name).toBe('SafetensorsError');
    expect(error.message).toBe(
      "safetensors header length 100 bytes is larger than the file's remaining 10 bytes: the file is truncated or not safetensors.",
    );
  });

  it('refuses a file truncated in the header or in the data', () => {
    const bytes = buildFile({ x: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, le('f32', [1, 2, 3, 4]));
    expect(readError(bytes.subarray(0, 20)).message).toMatch(
      /is larger than the file's remaining 12 bytes: the file is truncated/,
    );
    expect(readError(bytes.subarray(0, bytes.length - 4)).message).toBe(
      'tensor "x" has data_offsets [0, 16] out of range for 12 data bytes: the file is truncated or corrupt.',
    );
  });

  it('refuses a header length over 100,000,000 bytes without allocating it (tiny buffer)', () => {
    const limit = 100_000_000;
    expect(readError(concat(u64(BigInt(limit + 1)), new Uint8Array(8))).message).toBe(
      'safetensors header length 100000001 bytes is over the 100000000-byte (100 MB) limit: the file is corrupt or not safetensors.',
    );
    expect(readError(concat(u64(2n ** 64n - 1n), new Uint8Array(8))).message).toMatch(
      /header length 18446744073709551615 bytes is over the 100000000-byte \(100 MB\) limit/,
    );
    // Exactly at the limit is allowed by the limit check, so the size check answers.
    expect(readError(concat(u64(BigInt(limit)), new Uint8Array(8))).message).toMatch(
      /larger than the file's remaining 8 bytes/,
    );
  });

  it('refuses a header that is not JSON or not a JSON object', () => {
    expect(readError(buildFile('{"x": ')).message).toMatch(/^safetensors header is not JSON: .+\.$/);
    expect(readError(buildFile('')).message).toMatch(/^safetensors header is not JSON: /);
    expect(readError(concat(u64(4n), Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d))).message).toBe(
      'safetensors header is not JSON: it is not valid UTF-8.',
    );
    expect(readError(buildFile('[1, 2]')).message).toBe('safetensors header must be a JSON object; found [1,2].');
    expect(readError(buildFile('null')).message).toBe('safetensors header must be a JSON object; found null.');
    expect(readError(buildFile('"abc"')).message).toBe('safetensors header must be a JSON object; found "abc".');
  });

  it('refuses an entry that is not an object', () => {
    expect(readError(buildFile({ x: 5 })).message).toBe(
      'tensor "x" must be an object with dtype, shape and data_offsets; found 5.',
    );
  });

  it('refuses an unsupported dtype, naming the tensor and the supported dtypes', () => {
    const bytes = buildFile({ x: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8));
    expect(readError(bytes).message).toBe('tensor "x" has dtype I64; supported: F32, F64, F16, BF16.');
    expect(readError(buildFile({ y: { shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4))).message).toBe(
      'tensor "y" has dtype undefined; supported: F32, F64, F16, BF16.',
    );
  });

  it('refuses a shape that is not an array of non-negative integers', () => {
    for (const shape of [[2, -1], [1.5], '2', null, [[2]], undefined]) {
      const bytes = buildFile({ x: { dtype: 'F32', shape, data_offsets: [0, 8] } }, new Uint8Array(8));
      expect(readError(bytes).message).toMatch(
        /^tensor "x" must have a shape that is an array of non-negative integers; found .+\.$/,
      );
    }
  });

  it('refuses malformed or out-of-range data_offsets', () => {
    for (const offsets of [[0], [0, 4, 8], ['0', '4'], [-4, 0], [0.5, 4], undefined]) {
      const bytes = buildFile({ x: { dtype: 'F32', shape: [1], data_offsets: offsets } }, new Uint8Array(8));
      expect(readError(bytes).message).toMatch(
        /^tensor "x" must have data_offsets \[begin, end\] of non-negative integers/,
      );
    }
    const reversed = buildFile({ x: { dtype: 'F32', shape: [1], data_offsets: [8, 4] } }, new Uint8Array(8));
    expect(readError(reversed).message).toBe(
      'tensor "x" has data_offsets [8, 4] out of range for 8 data bytes: the file is truncated or corrupt.',
    );
    const past = buildFile({ x: { dtype: 'F32', shape: [1], data_offsets: [8, 12] } }, new Uint8Array(8));
    expect(readError(past).message).toMatch(/tensor "x" has data_offsets \[8, 12\] out of range for 8 data bytes/);
  });

  it('refuses data_offsets whose size does not match dtype and shape', () => {
    const bytes = buildFile({ x: { dtype: 'F32', shape: [2, 3], data_offsets: [0, 20] } }, new Uint8Array(24));
    expect(readError(bytes).message).toBe(
      'tensor "x" (F32, shape [2, 3]) needs 24 bytes, but its data_offsets span 20 bytes.',
    );
    const half = buildFile({ h: { dtype: 'F16', shape: [], data_offsets: [0, 4] } }, new Uint8Array(4));
    expect(readError(half).message).toBe(
      'tensor "h" (F16, shape []) needs 2 bytes, but its data_offsets span 4 bytes.',
    );
  });

  it('refuses __metadata__ that is not an object of strings', () => {
    expect(readError(buildFile({ __metadata__: { a: 1 } })).message).toBe(
      'safetensors __metadata__ must be an object of strings; found {"a":1}.',
    );
    expect(readError(buildFile({ __metadata__: ['a'] })).message).toMatch(/__metadata__ must be an object of strings/);
  });
});

describe('readSafetensors follows the rules of the reference implementation', () => {
  const two = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] } };

  it('refuses a header length one byte short, which the space padding would otherwise hide', () => {
    const good = buildFile(two, le('f32', [1, 2, 3]), 8);
    expect(readSafetensors(good).tensors.get('b')!.data).toEqual(Float32Array.of(3));
    const short = good.slice();
    const view = new DataView(short.buffer);
    view.setBigUint64(0, view.getBigUint64(0, true) - 1n, true);
    // The JSON still parses (it ends in padding), but the data now starts one byte early.
    expect(readError(short).message).toBe(
      'safetensors data holds 13 bytes but its tensors cover 12: the header length or the data_offsets are wrong.',
    );
  });

  it('refuses data bytes that no tensor covers: before, between and after the tensors', () => {
    const gapFirst = buildFile({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Uint8Array(8));
    expect(readError(gapFirst).message).toBe('safetensors data bytes [0, 4) before tensor "a" belong to no tensor: the file is corrupt.');
    const gapBetween = buildFile(
      { a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, b: { dtype: 'F32', shape: [1], data_offsets: [6, 10] } },
      new Uint8Array(10),
    );
    expect(readError(gapBetween).message).toBe('safetensors data bytes [4, 6) before tensor "b" belong to no tensor: the file is corrupt.');
    expect(readError(buildFile(two, new Uint8Array(16))).message).toBe(
      'safetensors data holds 16 bytes but its tensors cover 12: the header length or the data_offsets are wrong.',
    );
    expect(readError(buildFile({}, new Uint8Array(3))).message).toMatch(/holds 3 bytes but its tensors cover 0/);
  });

  it('refuses overlapping and aliased data_offsets', () => {
    const overlap = buildFile(
      { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } },
      new Uint8Array(8),
    );
    expect(readError(overlap).message).toBe('tensor "b" data_offsets [4, 8] overlap tensor "a" [0, 8]: the file is corrupt.');
    const alias = buildFile(
      { a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, b: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } },
      new Uint8Array(4),
    );
    expect(readError(alias).message).toMatch(/^tensor "[ab]" data_offsets \[0, 4\] overlap tensor "[ab]" \[0, 4\]/);
  });

  it('refuses JSON nested more than 128 deep before parsing it, even 100,000 deep', () => {
    const nested = (depth: number) => `{"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(readError(buildFile(nested(128))).message).toMatch(/^tensor "x" must be an object/);
    expect(readError(buildFile(nested(129))).message).toBe(
      // byte 0 opens the object, bytes 5.. the arrays: the 129th level opens at byte 5 + 127.
      'safetensors header nests arrays and objects more than 128 deep (at byte 132): the file is corrupt or not safetensors.',
    );
    const deep = readError(buildFile(nested(100_000)));
    expect(deep.message).toMatch(/more than 128 deep/);
    // Brackets inside strings (escaped quotes included) do not count.
    const inString = buildFile({ __metadata__: { note: `\\"${'['.repeat(500)}` } });
    expect(readSafetensors(inString).metadata['note']).toBe(`\\"${'['.repeat(500)}`);
  });

  it('cuts long names and values short in its messages', () => {
    const name = 'n'.repeat(100_000);
    const message = readError(buildFile({ [name]: { dtype: 'X'.repeat(10_000), shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4))).message;
    expect(message.length).toBeLessThan(300);
    expect(message).toMatch(/^tensor "n+…/);
    const shape = readError(buildFile({ x: { dtype: 'F32', shape: Array(50_000).fill(1), data_offsets: [0, 8] } }, new Uint8Array(8))).message;
    expect(shape.length).toBeLessThan(300);
    expect(shape).toMatch(/^tensor "x" \(F32, shape \[1, 1, .*…\) needs 4 bytes, but its data_offsets span 8 bytes\.$/);
  });
});

describe('writeSafetensors errors', () => {
  const one = Float32Array.of(1);

  it('refuses duplicate names and the reserved name __metadata__', () => {
    expect(() =>
      writeSafetensors([
        { name: 'a', shape: [1], data: one },
        { name: 'a', shape: [1], data: one },
      ]),
    ).toThrow(new SafetensorsError('tensor name "a" is used more than once; names must be unique.'));
    expect(() => writeSafetensors([{ name: '__metadata__', shape: [1], data: one }])).toThrow(/reserved for metadata/);
  });

  it('refuses data whose length does not match the shape', () => {
    expect(() => writeSafetensors([{ name: 'w', shape: [2, 3], data: new Float32Array(5) }])).toThrow(
      new SafetensorsError('tensor "w" with shape [2, 3] needs 6 values, but its data has 5.'),
    );
    expect(() => writeSafetensors([{ name: 's', shape: [], data: new Float32Array(0) }])).toThrow(
      /tensor "s" with shape \[\] needs 1 values, but its data has 0/,
    );
  });

  it('refuses a shape that is not non-negative integers', () => {
    expect(() => writeSafetensors([{ name: 'w', shape: [-1, -1], data: one }])).toThrow(
      new SafetensorsError('tensor "w" must have a shape of non-negative integers; found [-1, -1].'),
    );
    expect(() => writeSafetensors([{ name: 'w', shape: [0.5, 2], data: one }])).toThrow(SafetensorsError);
  });

  it('refuses metadata values that are not strings', () => {
    expect(() => writeSafetensors([], { a: 1 } as unknown as Record<string, string>)).toThrow(
      /__metadata__ must be an object of strings; found \{"a":1\}/,
    );
  });
});
