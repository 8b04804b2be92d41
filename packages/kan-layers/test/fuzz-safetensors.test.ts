// Seeded fuzzing of readSafetensors and loadTorchKAN: thousands of mutated files (byte flips, truncations,
// header lengths off by a little or a lot, edited offsets, shapes, dtypes and names, deep JSON, huge dims).
// Each one either loads exactly what it declares (checked here against the rules, independently of the
// reader) or throws one of our errors with a short message; none takes a second or leaks a tensor.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SafetensorsError, TorchKANError, kan, loadTorchKAN, readSafetensors, saveTorchKAN, writeSafetensors } from '@kanjs/kan-layers';
import { rng } from '@kanjs/testing';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

type Random = () => number;
type Header = Record<string, unknown>;
const BYTES: Readonly<Record<string, number>> = { F32: 4, F64: 8, F16: 2, BF16: 2 };

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function int(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** Splits a file into its header (parsed) and data, or null when it has none. */
function split(bytes: Uint8Array): { header: Header; data: Uint8Array } | null {
  if (bytes.length < 8) return null;
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  if (length > bytes.length - 8) return null;
  try {
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as unknown;
    JSON.stringify(header); // too deep for the mutations to write back: treat as no header
    return header !== null && typeof header === 'object' && !Array.isArray(header) ? { header: header as Header, data: bytes.subarray(8 + length) } : null;
  } catch {
    return null;
  }
}

/** A file from a header (as JSON text) and data, the header padded with spaces to a multiple of 8. */
function join(headerText: string, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(headerText);
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded + data.length).fill(0x20, 8, 8 + padded);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  out.set(data, 8 + padded);
  return out;
}

/** Re-encodes the tensors of a file in other dtypes (F64, F16, BF16) and another order, data laid out to match. */
function recode(bytes: Uint8Array, random: Random): Uint8Array {
  const file = readSafetensors(bytes);
  const names = [...file.tensors.keys()].sort(() => random() - 0.5);
  const header: Header = { __metadata__: file.metadata };
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const name of names) {
    const { shape, data } = file.tensors.get(name)!;
    const dtype = pick(random, ['F32', 'F64', 'F16', 'BF16']);
    const out = new Uint8Array(data.length * BYTES[dtype]!);
    const view = new DataView(out.buffer);
    const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
    data.forEach((v, i) => {
      if (dtype === 'F32') view.setFloat32(4 * i, v, true);
      else if (dtype === 'F64') view.setFloat64(8 * i, v, true);
      else if (dtype === 'BF16') view.setUint16(2 * i, bits[i]! >>> 16, true);
      else view.setUint16(2 * i, v === 0 ? 0 : 0x3c00, true); // F16: 0 or 1, exact either way
    });
    header[name] = { dtype, shape, data_offsets: [offset, offset + out.length] };
    offset += out.length;
    parts.push(out);
  }
  const data = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    data.set(part, at);
    at += part.length;
  }
  return join(JSON.stringify(header), data);
}

/** Names of the header entries that still look like tensors (an object with shape and data_offsets arrays). */
function tensorNames(header: Header): string[] {
  return Object.keys(header).filter((name) => {
    const entry = header[name] as { shape?: unknown; data_offsets?: unknown } | null;
    return name !== '__metadata__' && entry !== null && typeof entry === 'object' && Array.isArray(entry.shape) && Array.isArray(entry.data_offsets) && entry.data_offsets.length === 2;
  });
}

const DEEP = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Mutations of a file; each returns new bytes. */
const MUTATIONS: Readonly<Record<string, (bytes: Uint8Array, random: Random) => Uint8Array>> = {
  flip(bytes, random) {
    const out = bytes.slice();
    const headerEnd = Math.min(out.length, 8 + Number(new DataView(out.buffer).getBigUint64(0, true) & 0xffffffn));
    for (let n = int(random, 1, 4); n > 0; n--) {
      const at = random() < 0.7 && headerEnd > 8 ? int(random, 0, headerEnd - 1) : int(random, 0, out.length - 1);
      out[at] = random() < 0.5 ? out[at]! ^ (1 << int(random, 0, 7)) : int(random, 0, 255);
    }
    return out;
  },
  truncate(bytes, random) {
    return bytes.slice(0, int(random, 0, bytes.length - 1));
  },
  headerLength(bytes, random) {
    const out = bytes.slice();
    const view = new DataView(out.buffer);
    const length = view.getBigUint64(0, true);
    const next = pick(random, [length - 1n, length + 1n, length - 8n, length + 8n, length * 2n, 0n, 1n << 32n, (1n << 64n) - 1n, 100_000_001n]);
    view.setBigUint64(0, next < 0n ? 0n : next, true);
    return out;
  },
  offsets(bytes, random) {
    const parts = split(bytes);
    const names = parts === null ? [] : tensorNames(parts.header);
    if (parts === null || names.length === 0) return bytes;
    const name = pick(random, names);
    const entry = parts.header[name] as { data_offsets: number[] };
    const other = parts.header[pick(random, names)] as { data_offsets: number[] };
    const i = int(random, 0, 1);
    const edit = int(random, 0, 3);
    if (edit === 0) entry.data_offsets[i] = entry.data_offsets[i]! + pick(random, [-8, -4, -2, -1, 1, 2, 4, 8]);
    else if (edit === 1) entry.data_offsets = [...other.data_offsets]; // aliasing
    else if (edit === 2) [entry.data_offsets, other.data_offsets] = [other.data_offsets, entry.data_offsets];
    else entry.data_offsets[i] = pick(random, [0, 2 ** 31, 2 ** 53 - 1, 1e300, -1, 0.5]);
    return join(JSON.stringify(parts.header), parts.data);
  },
  shape(bytes, random) {
    const parts = split(bytes);
    const names = parts === null ? [] : tensorNames(parts.header);
    if (parts === null || names.length === 0) return bytes;
    const entry = parts.header[pick(random, names)] as { shape: unknown[] };
    const edit = int(random, 0, 2);
    if (edit === 0 && entry.shape.length > 0) entry.shape[int(random, 0, entry.shape.length - 1)] = pick(random, [0, 1, 2, 3, 2 ** 31, 2 ** 53 - 1, 1e20, -1, 1.5, '3', null]);
    else if (edit === 1) entry.shape.push(pick(random, [1, 0, 2, 100_000]));
    else entry.shape.pop();
    return join(JSON.stringify(parts.header), parts.data);
  },
  dtype(bytes, random) {
    const parts = split(bytes);
    const names = parts === null ? [] : tensorNames(parts.header);
    if (parts === null || names.length === 0) return bytes;
    (parts.header[pick(random, names)] as { dtype: unknown }).dtype = pick(random, ['F32', 'F64', 'F16', 'BF16', 'I64', 'f32', '', null, 7, 'X'.repeat(5000)]);
    return join(JSON.stringify(parts.header), parts.data);
  },
  names(bytes, random) {
    const parts = split(bytes);
    const names = parts === null ? [] : Object.keys(parts.header).filter((n) => n !== '__metadata__');
    if (parts === null || names.length === 0) return bytes;
    const name = pick(random, names);
    const edit = int(random, 0, 3);
    const header: Header = {};
    for (const [key, value] of Object.entries(parts.header)) {
      if (key !== name) header[key] = value;
      else if (edit === 0) header[pick(random, ['layers.0.extra', 'layers.7.grid', 'layers.1.rbf.grid', 'n'.repeat(20_000), '__proto__', 'layers.00.grid'])] = value;
      else if (edit === 1) continue; // dropped: its bytes are left uncovered
    }
    let text = JSON.stringify(header);
    if (edit === 2) text = text.replace(/^\{/, `{${JSON.stringify(name)}:${JSON.stringify(parts.header[name])},`); // a duplicate key
    if (edit === 3) text = text.replace(/^\{/, `{"__metadata__":${pick(random, ['{"format":"fast-kan"}', '{"format":"efficient-kan"}', '{"format":7}', '[]', `{"format":"${'f'.repeat(9000)}"}`])},`);
    return join(text, parts.data);
  },
  deep(bytes, random) {
    const parts = split(bytes);
    const data = parts?.data ?? new Uint8Array(0);
    const depth = pick(random, [127, 128, 129, 1000, 100_000]);
    const body = parts === null ? '' : JSON.stringify(parts.header).slice(1, -1);
    const where = int(random, 0, 2);
    const text =
      where === 0 ? `{"__metadata__":{"x":"${DEEP(depth)}"}${body ? `,${body}` : ''}}` // inside a string: harmless
        : where === 1 ? `{"deep":${DEEP(depth)}${body ? `,${body}` : ''}}`
          : `{${body ? `${body},` : ''}"__metadata__":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    return join(text, data);
  },
  bytes(bytes, random) {
    const at = int(random, 8, bytes.length);
    const extra = new Uint8Array(int(random, 1, 16)).map(() => int(random, 0, 255));
    const out = new Uint8Array(bytes.length + extra.length);
    out.set(bytes.subarray(0, at));
    out.set(extra, at);
    out.set(bytes.subarray(at), at + extra.length);
    return out;
  },
};

/** A consistent efficient-kan file of one layer with a large grid: it loads when G ≤ 1000 and is refused above. */
function largeGrid(random: Random): Uint8Array {
  const gridSize = pick(random, [999, 1000, 1001, 5000, 100_000]);
  const order = int(random, 0, 3);
  const knots = gridSize + 2 * order + 1;
  const grid = Float32Array.from({ length: knots }, (_, j) => (j - order) / gridSize);
  return writeSafetensors([
    { name: 'layers.0.grid', shape: [1, knots], data: grid },
    { name: 'layers.0.base_weight', shape: [1, 1], data: Float32Array.of(0.5) },
    { name: 'layers.0.spline_weight', shape: [1, 1, gridSize + order], data: new Float32Array(gridSize + order).fill(0.25) },
  ]);
}

function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** Checks that an accepted file follows the rules and that the reader returned exactly what its header declares. */
function expectDeclared(bytes: Uint8Array, file: ReturnType<typeof readSafetensors>): void {
  const parts = split(bytes);
  expect(parts).not.toBeNull();
  const { header, data } = parts!;
  const entries = Object.entries(header).filter(([name]) => name !== '__metadata__') as [string, { dtype: string; shape: number[]; data_offsets: [number, number] }][];
  expect([...file.tensors.keys()].sort()).toEqual(entries.map(([name]) => name).sort());
  const sorted = entries.map(([, e]) => e.data_offsets).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let covered = 0;
  for (const [begin, end] of sorted) {
    expect(begin).toBe(covered);
    covered = end;
  }
  expect(covered).toBe(data.length);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (const [name, { dtype, shape, data_offsets: [begin, end] }] of entries) {
    const count = shape.reduce((a, b) => a * b, 1);
    expect(end - begin).toBe(count * BYTES[dtype]!);
    const values = file.tensors.get(name)!.data;
    expect(values.length).toBe(count);
    for (let i = 0; i < count; i++) {
      const expected =
        dtype === 'F32' ? view.getFloat32(begin + 4 * i, true)
          : dtype === 'F64' ? Math.fround(view.getFloat64(begin + 8 * i, true))
            : dtype === 'BF16' ? new Float32Array(new Uint32Array([view.getUint16(begin + 2 * i, true) << 16]).buffer)[0]!
              : Math.fround(half(view.getUint16(begin + 2 * i, true)));
      if (!same(values[i]!, expected)) expect(values[i]).toBe(expected);
    }
  }
}

/** Checks that a loaded model holds exactly the file's tensors: saved again, it gives the same names, shapes and values. */
async function expectModelOf(file: ReturnType<typeof readSafetensors>, model: ReturnType<typeof loadTorchKAN>): Promise<void> {
  const saved = readSafetensors(await saveTorchKAN(model));
  expect([...saved.tensors.keys()].sort()).toEqual([...file.tensors.keys()].sort());
  for (const [name, tensor] of saved.tensors) {
    const original = file.tensors.get(name)!;
    expect(tensor.shape).toEqual(original.shape);
    for (let i = 0; i < tensor.data.length; i++) if (!same(tensor.data[i]!, original.data[i]!)) expect(tensor.data[i]).toBe(original.data[i]);
  }
}

function expectOurs(error: unknown): void {
  if (!(error instanceof SafetensorsError || error instanceof TorchKANError)) throw error;
  expect(error.message.length).toBeLessThan(300);
  expect(error.message).not.toContain('\n');
}

async function seeds(): Promise<Uint8Array[]> {
  const efficient = kan({ layers: [3, 4, 2], basis: { name: 'bspline', gridSize: 3, splineOrder: 2 }, seed: 1 });
  const plain = kan({ layers: [2, 3], basis: { name: 'bspline', gridSize: 4, splineOrder: 1 }, standaloneScaleSpline: false, seed: 2 });
  const fast = kan({ layers: [3, 4, 2], layer: 'fastkan', basis: { name: 'gaussian', numCenters: 4 }, seed: 3 });
  const bare = kan({ layers: [2, 2], layer: 'fastkan', useLayerNorm: false, useBaseUpdate: false, seed: 4 });
  const files = await Promise.all([efficient, plain, fast, bare].map((m) => saveTorchKAN(m)));
  for (const m of [efficient, plain, fast, bare]) m.dispose();
  const random = rng(99);
  return [...files, ...files.map((f) => recode(f, random))];
}

describe('fuzzing readSafetensors and loadTorchKAN', () => {
  it('gives exactly the declared tensors or one of our errors for 2,400 mutated files, each within a second, leaking nothing', async () => {
    const bases = await seeds();
    for (const base of bases) expect(() => loadTorchKAN(base).dispose()).not.toThrow();
    const random = rng(20251203);
    const names = Object.keys(MUTATIONS);
    const counts = { cases: 0, read: 0, loaded: 0 };
    let slowest = 0;
    for (let n = 0; n < 2400; n++) {
      let bytes: Uint8Array;
      if (n % 40 === 39) bytes = largeGrid(random);
      else {
        bytes = pick(random, bases);
        for (let m = int(random, 1, 3); m > 0 && bytes.length >= 16; m--) bytes = MUTATIONS[pick(random, names)]!(bytes, random);
      }
      const tensors = tf.memory().numTensors;
      const start = performance.now();
      let file: ReturnType<typeof readSafetensors> | undefined;
      try {
        file = readSafetensors(bytes);
        counts.read++;
      } catch (error) {
        expectOurs(error);
      }
      if (file !== undefined) {
        expectDeclared(bytes, file);
        try {
          const model = loadTorchKAN(bytes);
          counts.loaded++;
          await expectModelOf(file, model);
          model.dispose();
        } catch (error) {
          expectOurs(error);
        }
      }
      slowest = Math.max(slowest, performance.now() - start);
      expect(tf.memory().numTensors).toBe(tensors);
      counts.cases++;
    }
    expect(counts.cases).toBe(2400);
    // The mutations reach every outcome: refused by the reader, read but refused as a KAN, and loaded.
    expect(counts.read).toBeGreaterThan(100);
    expect(counts.loaded).toBeGreaterThan(50);
    expect(counts.read).toBeLessThan(counts.cases);
    expect(slowest).toBeLessThan(1000);
  });
});
