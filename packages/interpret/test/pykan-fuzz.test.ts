// Seeded fuzzing of loadPyKAN on pykan's own checkpoints (test/fixtures/pykan-checkpoints): 2,400 mutated
// state zips and configs — byte flips in local headers, the central directory, the pickle and the storages;
// truncations; size, offset, method and flag edits; deflate re-zips and deflate bombs; pickle opcode
// substitutions, unknown globals, deep nesting and huge shapes; storage values; config edits (widths, grid,
// numpy scalar payloads, alias bombs, deep nesting). Each one either loads exactly what it declares (checked
// here through savePyKAN against tensors this file derives itself) or throws a PyKANError with a short message,
// within a second, without leaking a tensor or growing the process by 256 MB. Then one focused case per defect
// the fuzzing found.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYKAN_LIMITS, PyKANError, loadPyKAN, readTorchState, savePyKAN, writeTorchState, type StateTensor, type TensorToWrite } from '@kanjs/interpret';
import { concatenate, rng } from '@kanjs/testing';
import { writePyKANConfig } from '../src/pykan/config.js';
import { readZip, writeZip, type ZipEntry } from '../src/pykan/zip.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'pykan-checkpoints');
const MB = 2 ** 20;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Random = () => number;
const pick = <T>(random: Random, items: ArrayLike<T>): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** A pykan checkpoint as it sits in the fixtures, with what this file knows about it independently of the loader. */
interface Base {
  readonly name: string;
  readonly state: Uint8Array;
  readonly config: string;
  /** The state dict, as the loader-independent checks compare it (read once from the unmutated file). */
  readonly tensors: Map<string, StateTensor>;
  /** The zip's entries in order. */
  readonly entries: ZipEntry[];
  readonly inFeatures: number;
}

/** Where one entry's headers and data sit in a zip (read here from the bytes, not through the reader). */
interface Span {
  readonly central: number;
  readonly local: number;
  readonly data: number;
  readonly end: number;
  readonly name: string;
}

/** The entries of a zip written without a comment, from its end record. */
function layout(bytes: Uint8Array): { end: number; directory: number; spans: Span[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  const directory = view.getUint32(end + 16, true);
  const spans: Span[] = [];
  for (let n = 0, at = directory; n < view.getUint16(end + 10, true); n++) {
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    spans.push({ central: at, local, data, end: data + view.getUint32(at + 20, true), name });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { end, directory, spans };
}

/**
 * What a mutated checkpoint may do. `same`: load the base's tensors or be refused (the zip's CRCs guard the data).
 * `declared`: load exactly `tensors`, or be refused only when `refuse` says so. `config`: the state is the base's,
 * so a load gives its tensors (symbolic masks zero where symbolic_enabled is off). `storage`: the pickle changed,
 * so a load may only hold values taken from the base's storages, and finite outputs.
 */
type Expect =
  | { readonly kind: 'same' }
  | { readonly kind: 'declared'; readonly tensors: Map<string, StateTensor>; readonly refuse: boolean; readonly mustLoad?: boolean }
  | { readonly kind: 'config'; readonly symbolicOff?: boolean; readonly mustLoad?: boolean }
  | { readonly kind: 'storage' };

interface Case {
  readonly family: string;
  /** What the mutation did, where the family says more than its name. */
  readonly note?: string;
  readonly state: Uint8Array;
  readonly config: string;
  readonly expect: Expect;
}

type Mutation = (base: Base, random: Random) => Case;

function set16(bytes: Uint8Array, at: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset).setUint16(at, value & 0xffff, true);
}
function set32(bytes: Uint8Array, at: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value >>> 0, true);
}
function get32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => concatenate(Uint8Array, parts);

/** A raw deflate stream of `mib` MiB of zeros, about 1 KB per MiB: one sync-flushed block repeated, then a final empty block. */
const ZEROS_MIB = zlib.deflateRawSync(new Uint8Array(MB), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
function bombStream(mib: number): Uint8Array {
  return concat([...new Array<Uint8Array>(mib).fill(ZEROS_MIB), Uint8Array.of(0x03, 0x00)]);
}

/** `zip` with the central and local size fields of entry `name` set to `size` (the data stays as written). */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const span = layout(out).spans.find((s) => s.name === name)!;
  set32(out, span.central + 24, size);
  set32(out, span.local + 22, size);
  return out;
}

const REGIONS = ['local', 'central', 'end', 'pickle', 'storage', 'anywhere'] as const;

/** A byte range of the zip of one kind: a local header, a central entry, the end record, the pickle's data, a storage's data. */
function region(bytes: Uint8Array, random: Random, kind: (typeof REGIONS)[number]): [number, number] {
  const { end, spans } = layout(bytes);
  const span = pick(random, spans);
  const pickle = spans.find((s) => s.name.endsWith('/data.pkl'))!;
  const storages = spans.filter((s) => /\/data\/\d+$/.test(s.name));
  switch (kind) {
    case 'local': return [span.local, span.data];
    case 'central': return [span.central, spans[spans.indexOf(span) + 1]?.central ?? end];
    case 'end': return [end, bytes.length];
    case 'pickle': return [pickle.data, pickle.end];
    case 'storage': { const s = pick(random, storages); return [s.data, s.end]; }
    default: return [0, bytes.length];
  }
}

function flipBytes(bytes: Uint8Array, random: Random, from: number, to: number, flips: number): Uint8Array {
  const out = bytes.slice();
  for (let n = 0; n < flips && to > from; n++) {
    const at = int(random, from, to - 1);
    out[at] = random() < 0.6 ? out[at]! ^ (1 << int(random, 0, 7)) : int(random, 0, 255);
  }
  return out;
}

/** Central entry fields (offset, bytes), local header fields, end record fields. */
const CENTRAL_FIELDS: readonly [number, 2 | 4][] = [[4, 2], [6, 2], [8, 2], [10, 2], [12, 2], [16, 4], [20, 4], [24, 4], [28, 2], [30, 2], [32, 2], [34, 2], [42, 4]];
const LOCAL_FIELDS: readonly [number, 2 | 4][] = [[4, 2], [6, 2], [8, 2], [14, 4], [18, 4], [22, 4], [26, 2], [28, 2]];
const END_FIELDS: readonly [number, 2 | 4][] = [[4, 2], [6, 2], [8, 2], [10, 2], [12, 4], [16, 4], [20, 2]];

function editField(bytes: Uint8Array, random: Random, at: number, size: 2 | 4): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const old = size === 2 ? view.getUint16(at, true) : view.getUint32(at, true);
  const value = pick(random, [0, 1, old + 1, old - 1, old + 64, old * 2, 0xffff, 0xffffffff, 0x7fffffff, int(random, 0, 0xffff), 8, 12, 14, 99, 0x41, 0x08]);
  if (size === 2) set16(bytes, at, value);
  else set32(bytes, at, value);
}

/** The base's pickle, mutated, in a zip whose CRCs match (so that the pickle reader, not the CRC check, sees it). */
function withPickle(base: Base, pickle: Uint8Array): Uint8Array {
  return writeZip(base.entries.map((e) => (e.name.endsWith('/data.pkl') ? { name: e.name, data: pickle } : e)));
}

function pickleOf(base: Base): Uint8Array {
  return base.entries.find((e) => e.name.endsWith('/data.pkl'))!.data;
}

/** Every pickle opcode the reader knows, and some it does not. */
const OPCODES = latin1('\x80\x95.(}])NK\x88\x89MJ\x8aGX\x8cUTCBt\x85\x86\x87aesuqr\x94hjc\x93QR\x81bipgIFLVS0123\x8b\x8d\x8e\x8f\x90\x91\x92\x96\x97\x98');

/** Replaces every occurrence of `from` in `bytes` (as latin-1 text) by `to`. */
function replaceText(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const text = Array.from(bytes, (b) => String.fromCharCode(b)).join('');
  return latin1(text.split(from).join(to));
}

const EVIL_GLOBALS = ['os\nsystem', 'builtins\neval', '__builtin__\nexec', 'torch\nload', 'torch._utils\n_rebuild_tensor', 'numpy.core.multiarray\n_reconstruct', 'torch\nHalfStorage', 'torch\nDoubleStorage', `${'m'.repeat(5000)}\nx`, 'collections\nOrderedDict'];

/** Whole pickles that nest deeply or pile up the stack. */
function deepPickle(random: Random): Uint8Array {
  const depth = pick(random, [100, 10_000, 200_000]);
  switch (int(random, 0, 7)) {
    case 0: return concat([latin1('\x80\x02'), new Uint8Array(depth).fill(0x28), new Uint8Array(depth).fill(0x74), latin1('.')]); // ((((…tttt
    case 1: return concat([latin1('\x80\x02'), new Uint8Array(depth).fill(0x5d), new Uint8Array(depth - 1).fill(0x61), latin1('.')]); // nested lists
    case 2: return concat([latin1('\x80\x02]('), new Uint8Array(depth).fill(0x4e), latin1('e.')]); // APPENDS of `depth` items
    case 3: return latin1('\x80\x02]q\x00h\x00a.'); // a list appended to itself
    case 4: return concat([latin1('\x80\x02'), new Uint8Array(depth).fill(0x29), latin1('.')]); // a stack of empty tuples
    case 5: return concat([latin1('\x80\x02'), new Uint8Array(2 * depth).fill(0x7d), latin1('.')]); // a stack of empty dicts
    case 6: return concat([latin1('\x80\x02N'), new Uint8Array(2 * depth).fill(0x94), latin1('.')]); // MEMOIZE, again and again
    default: return concat([latin1('\x80\x02ccollections\nOrderedDict\n)R(X\x01\x00\x00\x00a'), new Uint8Array(depth).fill(0x28), new Uint8Array(depth).fill(0x74), latin1('u.')]); // a deep value in the state dict
  }
}

function pickleMutation(base: Base, random: Random): Uint8Array {
  const pickle = pickleOf(base);
  switch (int(random, 0, 5)) {
    case 0: { // opcode substitutions
      const out = pickle.slice();
      for (let n = int(random, 1, 3); n > 0; n--) out[int(random, 0, out.length - 1)] = pick(random, OPCODES);
      return out;
    }
    case 1: { // a byte inserted or dropped
      const at = int(random, 0, pickle.length - 1);
      return random() < 0.5 ? concat([pickle.subarray(0, at), Uint8Array.of(pick(random, OPCODES)), pickle.subarray(at)]) : concat([pickle.subarray(0, at), pickle.subarray(at + 1)]);
    }
    case 2: { // a small int (BININT1: sizes, strides, offsets, element counts) made huge or negative
      const positions = [...pickle.keys()].filter((i) => pickle[i] === 0x4b && i + 1 < pickle.length);
      const at = pick(random, positions);
      const huge = pick(random, [latin1('J\xff\xff\xff\x7f'), latin1('J\xff\xff\xff\xff'), latin1('\x8a\x08\x00\x00\x00\x00\x00\x00\x00\x40'), latin1('\x8a\x05\x00\x00\x00\x00\x01'), latin1('G\x3f\xe0\x00\x00\x00\x00\x00\x00'), latin1('M\x00\x01')]);
      return concat([pickle.subarray(0, at), huge, pickle.subarray(at + 2)]);
    }
    case 3: return replaceText(pickle, pick(random, ['collections\nOrderedDict', 'torch._utils\n_rebuild_tensor_v2', 'torch\nFloatStorage', 'torch\nDoubleStorage']), pick(random, EVIL_GLOBALS));
    case 4: return deepPickle(random);
    default: return pickle.subarray(0, int(random, 0, pickle.length - 1)); // truncated
  }
}

/** `key: value` in place of the key's block in a pyyaml config (or appended when the key is absent). */
function setKey(config: string, key: string, value: string): string {
  const pattern = new RegExp(`^${key.replace(/\./g, '\\.')}:.*(?:\\n[- ].*)*`, 'm');
  return pattern.test(config) ? config.replace(pattern, () => `${key}: ${value}`) : `${config.trimEnd()}\n${key}: ${value}\n`;
}

/** pyyaml's numpy scalar: dtype code and base64 payload. */
const numpyScalar = (dtype: string, payload: string): string =>
  `!!python/object/apply:numpy.core.multiarray.scalar [!!python/object/apply:numpy.dtype {args: [${dtype}, false, true]}, !!binary "${payload}"]`;
const int64Payload = (value: bigint): string => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value, true);
  return Buffer.from(bytes).toString('base64');
};

function laughs(levels: number): string {
  let text = 'lol0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < levels; i++) text += `lol${i}: &a${i} [${new Array<string>(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Config edits: each keeps the state, so whatever loads must hold the base's tensors. */
function configMutation(base: Base, random: Random): { config: string; symbolicOff?: boolean; mustLoad?: boolean } {
  const c = base.config;
  const grid = Number(/^grid: (\d+)$/m.exec(c)?.[1] ?? 5);
  const widths = [...(/^width:\n((?:[- ].*\n?)*)/m.exec(c)?.[1] ?? '').matchAll(/\d+/g)].map((m) => Number(m[0]));
  switch (int(random, 0, 13)) {
    case 0: { // widths that disagree
      const edited = [...widths];
      const at = int(random, 0, edited.length - 1);
      edited[at] = pick(random, [edited[at]! + 1, edited[at]! - 1, 0, 1e9, 2 ** 53, 3]);
      const pairs: string[] = [];
      for (let n = 0; n + 1 < edited.length; n += 2) pairs.push(`[${edited[n]}, ${edited[n + 1]}]`);
      if (random() < 0.2) pairs.push('[1, 0]');
      return { config: setKey(c, 'width', `[${pairs.join(', ')}]`) };
    }
    case 1: return { config: setKey(c, 'grid', pick(random, ['1000000000', '1e9', '100000000000000000000000', '-1', '5.5', "'5'", '[5, 1000000000]', '[]', 'null', '.nan', '1001', String(grid + 1)])) };
    case 2: return { config: setKey(c, 'k', pick(random, ['100', '17', '1000000000', '-1', '0', '2.5', '[3, 1000000000]', '.inf'])) };
    case 3: { // numpy scalars, good and bad
      const key = pick(random, ['grid', 'k']);
      const value = key === 'grid' ? grid : Number(/^k: (\d+)$/m.exec(c)?.[1] ?? 3);
      const [scalar, good] = pick(random, [
        [numpyScalar('i8', int64Payload(BigInt(value))), true],
        [numpyScalar('<i8', int64Payload(BigInt(value))), true],
        [numpyScalar('i8', 'BQAAAA=='), false], // 4 bytes for an int64
        [numpyScalar('f16', int64Payload(5n)), false],
        [numpyScalar('O8', int64Payload(5n)), false],
        [numpyScalar('u8', '//////////8='), false], // 2^64 − 1
        [numpyScalar('i8', int64Payload(-(2n ** 62n))), false],
        [numpyScalar('f8', 'AAAAAAAA+H8='), false], // NaN
        [numpyScalar('i8', '@@@@'), false],
        ['!!python/object/apply:numpy.core.multiarray.scalar [*nowhere, !!binary "BQAAAAAAAAA="]', false],
        ['!!python/object/apply:numpy.core.multiarray.scalar [!!python/object/apply:numpy.dtype {args: [i8]}, 5]', false],
        ['!!python/object/apply:numpy.core.multiarray.scalar []', false],
      ] as const);
      return { config: setKey(c, key, scalar), mustLoad: good };
    }
    case 4: return { config: `${laughs(pick(random, [3, 9, 12]))}${setKey(c, pick(random, ['width', 'grid', 'extra']), `*a${pick(random, [2, 8])}`)}` };
    case 5: return { config: setKey(c, pick(random, ['extra', 'width', 'grid_range']), pick(random, [nested(31), nested(40), nested(1000), nested(100_000), `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`, `\n${'- '.repeat(5000)}1`, '&r [*r]', '&r [2, *r]'])) };
    case 6: return { config: setKey(c, 'grid_range', pick(random, ['[1, -1]', '[.nan, 1]', '[-.inf, 1]', '[0, 0]', '[-3, 3]', '[-1e308, 1e308]', '[-1]', 'x'])) };
    case 7: {
      const [name, loads] = pick(random, [['zero', true], ['identity', true], ['relu', false], ['__proto__', false], ['constructor', false], ['[silu]', false], [`'${'s'.repeat(10_000)}'`, false]] as const);
      return { config: setKey(c, 'base_fun_name', name), mustLoad: loads };
    }
    case 8: {
      const value = pick(random, ['false', 'true', 'True', 'maybe', '1', 'null']);
      return { config: setKey(c, 'symbolic_enabled', value), symbolicOff: value === 'false', mustLoad: value === 'false' || value === 'true' || value === 'True' };
    }
    case 9: return { config: setKey(c, 'mult_arity', pick(random, ['3', '1', '0', '1000000000', '[[2]]', '[[], [2], []]', '-2'])) };
    case 10: { // a symbolic function name in one cell of funs_name
      const cells = [...c.matchAll(/'0'/g)].map((m) => m.index);
      const at = pick(random, cells);
      return { config: `${c.slice(0, at)}${pick(random, ["'x'", "'sin'", "'nope'", `'${'z'.repeat(5000)}'`, '123', '[]'])}${c.slice(at + 3)}` };
    }
    case 11: { // characters flipped, inserted or cut
      const out = [...c];
      for (let n = int(random, 1, 3); n > 0; n--) out[int(random, 0, out.length - 1)] = pick(random, [':', '-', ' ', '\n', '[', '{', '&', '*', '!', "'", '"', '#', '|', '>', '%', '@', '`', '\t', '\0', '\uFFFF', '9', 'x']);
      return { config: random() < 0.3 ? out.join('').slice(0, int(random, 0, out.length)) : out.join('') };
    }
    case 12: return { config: pick(random, [
      `${c}extra: !!python/object/apply:os.system ['ls']\n`,
      setKey(c, 'width', "!!python/name:builtins.eval ''"),
      `${c}grid: 5\n`, // a duplicate key
      `${c}__proto__: {width: [1, 1]}\n`,
      `---\n${c}\n---\nwidth: [1, 1]\n`,
      `${c}${'#'.repeat(PYKAN_LIMITS.configChars)}`,
      '',
      'width: [2, 1]\n',
    ]) };
    default: return { config: setKey(c, 'extra', pick(random, ['1', '[a, b]', '{x: 1}', "'text'"])), mustLoad: true };
  }
}

/** One float for a storage value mutation: special values, float32 extremes and random bit patterns. */
function someValue(random: Random): number {
  return pick(random, [NaN, Infinity, -Infinity, 1e39, -1e39, 3e38, 1e-45, -0, 0, 1, 0.5, -2, 1e300, new Float32Array(new Uint32Array([int(random, 0, 0xffffffff)]).buffer)[0]!]);
}

/** Whether the knots [in, count] of a grid decrease along some row. */
function decreasing(values: Float64Array, shape: readonly number[]): boolean {
  const [rows, count] = shape as [number, number];
  for (let i = 0; i < rows; i++) for (let j = 1; j < count; j++) if (Math.fround(values[i * count + j]!) < Math.fround(values[i * count + j - 1]!)) return true;
  return false;
}

const MUTATIONS: Readonly<Record<string, readonly [weight: number, Mutation]>> = {
  flips: [20, (base, random) => {
    const [from, to] = region(base.state, random, pick(random, REGIONS));
    return { family: 'flips', state: flipBytes(base.state, random, from, to, int(random, 1, 3)), config: base.config, expect: { kind: 'same' } };
  }],
  truncation: [7, (base, random) => {
    const { spans, directory, end } = layout(base.state);
    const s = base.state;
    const cut = pick(random, [int(random, 0, s.length - 1), directory, end, pick(random, spans).data, pick(random, spans).end - 1, s.length - 1]);
    const state = pick(random, [
      s.subarray(0, cut),
      concat([s, latin1('garbage')]),
      concat([latin1('\0\0'), s]),
      concat([s.subarray(0, cut), Uint8Array.of(int(random, 0, 255)), s.subarray(cut)]),
    ]);
    return { family: 'truncation', state, config: base.config, expect: { kind: 'same' } };
  }],
  fields: [15, (base, random) => {
    const out = base.state.slice();
    const { spans, end } = layout(out);
    for (let n = int(random, 1, 2); n > 0; n--) {
      const span = pick(random, spans);
      const where = int(random, 0, 2);
      const [at, size] = pick(random, [CENTRAL_FIELDS, LOCAL_FIELDS, END_FIELDS][where]!);
      editField(out, random, [span.central, span.local, end][where]! + at, size);
      if (random() < 0.3) { // the same method in both headers
        const method = pick(random, [0, 8, 1, 12, 14, 99]);
        set16(out, span.central + 10, method);
        set16(out, span.local + 8, method);
      }
    }
    return { family: 'fields', state: out, config: base.config, expect: { kind: 'same' } };
  }],
  deflate: [7, (base, random) => {
    const entries = base.entries.map((e) => (random() < 0.7 ? { ...e, deflated: zlib.deflateRawSync(e.data, { level: int(random, 0, 9) }) } : e));
    const zip = writeZip(entries, pick(random, [1, 64]));
    if (random() < 0.5) return { family: 'deflate', state: zip, config: base.config, expect: { kind: 'declared', tensors: base.tensors, refuse: false, mustLoad: true } };
    const [from, to] = region(zip, random, pick(random, ['local', 'central', 'anywhere'] as const));
    return { family: 'deflate', state: flipBytes(zip, random, from, to, 1), config: base.config, expect: { kind: 'same' } };
  }],
  bombs: [5, (base, random) => {
    const pickle = base.entries.find((e) => e.name.endsWith('/data.pkl'))!;
    const folder = pickle.name.slice(0, -'data.pkl'.length);
    const storage = pick(random, base.entries.filter((e) => /\/data\/\d+$/.test(e.name)));
    const bomb = bombStream(pick(random, [4, 64, 512]));
    switch (int(random, 0, 3)) {
      case 0: { // an entry no tensor reads, declaring up to 4 GiB: never inflated, so the checkpoint loads
        const name = pick(random, [`${folder}junk`, `${folder}data/999`, 'other/bomb']);
        const zip = declareSize(writeZip([...base.entries, { name, data: Uint8Array.of(0), deflated: bomb }]), name, pick(random, [2 ** 30, 2 ** 32 - 2, 2 ** 28]));
        return { family: 'bombs', state: zip, config: base.config, expect: { kind: 'declared', tensors: base.tensors, refuse: false, mustLoad: true } };
      }
      case 1: { // data.pkl, a storage or byteorder that inflates past the size its header gives
        const target = pick(random, [pickle, storage, base.entries.find((e) => e.name.endsWith('/byteorder')) ?? storage]);
        const zip = writeZip(base.entries.map((e) => (e === target ? { ...e, deflated: bomb } : e)));
        return { family: 'bombs', state: zip, config: base.config, expect: { kind: 'same' } };
      }
      default: { // a data.pkl or storage whose header declares the bomb's full size
        const target = pick(random, [pickle, storage]);
        const zip = writeZip(base.entries.map((e) => (e === target ? { ...e, deflated: bomb } : e)));
        return { family: 'bombs', state: declareSize(zip, target.name, pick(random, [2 ** 30, 2 ** 32 - 2, 512 * MB])), config: base.config, expect: { kind: 'same' } };
      }
    }
  }],
  pickle: [15, (base, random) => ({ family: 'pickle', state: withPickle(base, pickleMutation(base, random)), config: base.config, expect: { kind: 'storage' } })],
  values: [12, (base, random) => {
    const tensors = new Map([...base.tensors].map(([name, t]) => [name, { ...t, values: t.values.slice() }]));
    const names = [...tensors.keys()].filter((name) => tensors.get(name)!.values.length > 0);
    const notes: string[] = [];
    const touched = new Set<string>();
    for (let n = int(random, 1, 2); n > 0; n--) {
      const name = pick(random, names);
      const tensor = tensors.get(name)!;
      const value = someValue(random);
      const at = int(random, 0, tensor.values.length - 1);
      tensor.values[at] = value;
      touched.add(name);
      notes.push(`${name}[${at}] = ${value}`);
    }
    // Refused exactly when a value is not finite as float32, or a grid's knots decrease.
    const refuse = [...touched].some((name) => {
      const tensor = tensors.get(name)!;
      return tensor.values.some((v) => !Number.isFinite(Math.fround(v))) || (name.endsWith('.grid') && decreasing(tensor.values, tensor.shape));
    });
    const dtype = (t: StateTensor): 'float32' | 'float64' => (t.dtype === 'float64' || random() < 0.2 ? 'float64' : 'float32');
    const state = writeTorchState([...tensors].map(([name, t]) => ({ name, shape: t.shape, values: t.values, dtype: dtype(t) })));
    const declared = new Map([...tensors].map(([name, t]) => [name, { ...t, values: t.values.map(Math.fround) }]));
    return { family: 'values', note: notes.join(', '), state, config: base.config, expect: { kind: 'declared', tensors: declared, refuse, mustLoad: !refuse } };
  }],
  config: [19, (base, random) => {
    const { config, symbolicOff, mustLoad } = configMutation(base, random);
    let at = 0;
    while (at < config.length && config[at] === base.config[at]) at++;
    return { family: 'config', note: JSON.stringify(config.slice(at, at + 40)), state: base.state, config, expect: { kind: 'config', ...(symbolicOff ? { symbolicOff } : {}), ...(mustLoad ? { mustLoad } : {}) } };
  }],
};

/** The tensors a loaded model holds, by pykan name (through savePyKAN, float32). */
async function heldTensors(model: tfl.LayersModel): Promise<Map<string, StateTensor>> {
  return readTorchState(savePyKAN(model).state);
}

const same = (a: number, b: number): boolean => Object.is(a, b) || (a === 0 && b === 0);

function expectTensors(held: Map<string, StateTensor>, expected: Map<string, StateTensor>, label: string, symbolicOff = false): void {
  for (const [name, tensor] of held) {
    const want = expected.get(name);
    expect(want, `${label}: ${name}`).toBeDefined();
    expect(tensor.shape, `${label}: ${name}`).toEqual(want!.shape);
    const zero = symbolicOff && /^symbolic_fun\.\d+\.mask$/.test(name);
    for (let i = 0; i < tensor.values.length; i++) {
      const value = zero ? 0 : Math.fround(want!.values[i]!);
      if (!same(tensor.values[i]!, value)) expect(tensor.values[i], `${label}: ${name}[${i}]`).toBe(value);
    }
  }
}

function expectOurs(error: unknown, label: string): void {
  if (!(error instanceof PyKANError)) throw new Error(`${label}: expected a PyKANError, got ${String(error)}`, { cause: error });
  expect(error.message.length, `${label}: ${error.message.slice(0, 200)}`).toBeLessThan(300);
  expect(error.message).not.toMatch(/[\n\r]/);
}

function outputs(model: tfl.LayersModel, inFeatures: number): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor2d(Array.from({ length: 4 }, (_, b) => Array.from({ length: inFeatures }, (_, i) => Math.sin(2 * b + i))));
    return (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
  });
}

/** Checks a loaded model against what its case declares. */
async function expectLoaded(model: tfl.LayersModel, base: Base, c: Case, label: string, storageValues: Set<number>): Promise<void> {
  const held = await heldTensors(model);
  if (c.expect.kind === 'declared') {
    // Declared values may be large enough for the outputs to overflow; the tensors are what must match.
    expect(c.expect.refuse, `${label}: loaded a checkpoint that must be refused`).toBe(false);
    return expectTensors(held, c.expect.tensors, label);
  }
  expect(outputs(model, base.inFeatures).every(Number.isFinite), `${label}: outputs finite`).toBe(true);
  if (c.expect.kind === 'same') return expectTensors(held, base.tensors, label);
  if (c.expect.kind === 'config') return expectTensors(held, base.tensors, label, c.expect.symbolicOff);
  const foreign = [...held].flatMap(([name, tensor]) => [...tensor.values].filter((v) => !storageValues.has(v)).map((v) => `${name}: ${v}`));
  expect(foreign, `${label}: values no storage holds`).toEqual([]);
}

function loadBases(): Base[] {
  const names = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('_state')).map((f) => f.slice(0, -'_state'.length)).sort();
  return names.map((name) => {
    const state = new Uint8Array(fs.readFileSync(path.join(FIXTURES, `${name}_state`)));
    const config = fs.readFileSync(path.join(FIXTURES, `${name}_config.yml`), 'utf8');
    const width = /^width:\n- - (\d+)\n {2}- (\d+)/m.exec(config)!;
    return { name, state, config, tensors: new Map(), entries: [], inFeatures: Number(width[1]) + Number(width[2]) };
  });
}

async function withContents(base: Base): Promise<Base> {
  const files = readZip(base.state);
  const entries = await Promise.all([...files.values()].map(async (file) => ({ name: file.name, data: await file.read() })));
  return { ...base, tensors: await readTorchState(base.state), entries };
}

/** The process's peak resident set so far, in bytes. */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

describe('fuzzing loadPyKAN', () => {
  it('loads exactly what 2,400 mutated checkpoints declare, or refuses them with a short PyKANError, each within a second, leaking nothing', async () => {
    const bases = await Promise.all(loadBases().map(withContents));
    const storageValues = new Set<number>();
    for (const base of bases) {
      // The oracle first: each unmutated fixture loads to the tensors it holds.
      const model = await loadPyKAN(base);
      expectTensors(await heldTensors(model), base.tensors, base.name);
      model.dispose();
      for (const tensor of base.tensors.values()) for (const v of tensor.values) storageValues.add(Math.fround(v));
    }
    const random = rng(20251203);
    const families = Object.entries(MUTATIONS);
    const total = families.reduce((sum, [, [w]]) => sum + w, 0);
    const counts: Record<string, { loaded: number; refused: number }> = Object.fromEntries(families.map(([name]) => [name, { loaded: 0, refused: 0 }]));
    const rss = process.memoryUsage().rss;
    const peak = peakRss();
    let slowest = 0;
    let largestRss = 0;
    for (let n = 0; n < 2400; n++) {
      const base = pick(random, bases);
      let r = random() * total;
      const [family, [, mutate]] = families.find(([, [w]]) => (r -= w) < 0) ?? families[0]!;
      const c = mutate(base, random);
      const label = `case ${n} (${family} of ${base.name}${c.note === undefined ? '' : `: ${c.note}`})`;
      const tensors = tf.memory().numTensors;
      const start = performance.now();
      let model: tfl.Sequential | undefined;
      try {
        model = await loadPyKAN(c);
      } catch (error) {
        expectOurs(error, label);
      }
      slowest = Math.max(slowest, performance.now() - start);
      if (model === undefined) {
        counts[family]!.refused++;
        expect('mustLoad' in c.expect && c.expect.mustLoad, `${label}: refused a checkpoint that must load`).not.toBe(true);
      } else {
        counts[family]!.loaded++;
        await expectLoaded(model, base, c, label, storageValues);
        model.dispose();
      }
      expect(tf.memory().numTensors, `${label}: tensors leaked`).toBe(tensors);
      largestRss = Math.max(largestRss, process.memoryUsage().rss - rss);
    }
    expect(largestRss).toBeLessThan(256 * MB);
    expect(peakRss() - peak).toBeLessThan(256 * MB);
    expect(slowest).toBeLessThan(1000);
    // Every family reaches both outcomes, mutations that still load (and were checked) and ones refused, except
    // truncations and insertions: every byte of a torch zip is accounted for, so none of them loads.
    for (const [family, { loaded, refused }] of Object.entries(counts)) {
      if (family === 'truncation') expect(loaded, `${family} loaded`).toBe(0);
      else expect(loaded, `${family} loaded`).toBeGreaterThan(0);
      expect(refused, `${family} refused`).toBeGreaterThan(0);
    }
  });
});

/** A consistent checkpoint of plain sum nodes for `width` (one [n, 0] per entry), with per-layer grid sizes and orders. */
function checkpointOf(width: readonly number[], grids: readonly number[], orders: readonly number[]): { state: Uint8Array; config: string; tensors: Map<string, StateTensor> } {
  const tensors: TensorToWrite[] = [];
  const add = (name: string, shape: number[], value: (n: number) => number) =>
    tensors.push({ name, shape, dtype: 'float32', values: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, n) => Math.fround(value(n))) });
  for (let l = 0; l + 1 < width.length; l++) {
    const [n, m, G, k] = [width[l]!, width[l + 1]!, grids[l]!, orders[l]!];
    add(`act_fun.${l}.grid`, [n, G + 2 * k + 1], (j) => -1 + ((j % (G + 2 * k + 1)) - k) * (2 / G));
    add(`act_fun.${l}.coef`, [n, m, G + k], (j) => 0.1 * Math.sin(j));
    add(`act_fun.${l}.scale_base`, [n, m], (j) => 0.5 - 0.01 * j);
    add(`act_fun.${l}.scale_sp`, [n, m], () => 1);
    add(`act_fun.${l}.mask`, [n, m], () => 1);
    add(`symbolic_fun.${l}.mask`, [m, n], () => 0);
    add(`symbolic_fun.${l}.affine`, [m, n, 4], (j) => [1, 0, 1, 0][j % 4]!);
    for (const [name, value] of [['subnode_scale', 1], ['subnode_bias', 0], ['node_scale', 1], ['node_bias', 0]] as const) add(`${name}_${l}`, [m], () => value);
  }
  const config = writePyKANConfig({
    width: width.map((n) => [n, 0] as [number, number]),
    grid: [...grids],
    k: [...orders],
    multArity: 2,
    baseFun: 'silu',
    symbolicEnabled: true,
    gridRange: [-1, 1],
    gridEps: 0.02,
    funsName: width.slice(1).map((m, l) => Array.from({ length: m }, () => new Array<string>(width[l]!).fill('0'))),
  });
  return { state: writeTorchState(tensors), config, tensors: new Map(tensors.map((t) => [t.name, { shape: t.shape, values: Float64Array.from(t.values), dtype: t.dtype }])) };
}

/** A protocol-2 state-dict pickle of one tensor "t" with the given view of storage "0" (FloatStorage, `numel` elements). */
function viewPickle(shape: readonly number[], stride: readonly number[], offset: number, numel: number): Uint8Array {
  const int = (v: number) => latin1(`J${String.fromCharCode(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff)}`);
  const tuple = (values: readonly number[]) => concat([latin1('('), ...values.map(int), latin1('t')]);
  return concat([
    latin1('\x80\x02ccollections\nOrderedDict\n)R(X\x01\x00\x00\x00tctorch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storagectorch\nFloatStorage\nX\x01\x00\x00\x000X\x03\x00\x00\x00cpu'),
    int(numel), latin1('tQ'), int(offset), tuple(shape), tuple(stride),
    latin1('\x89ccollections\nOrderedDict\n)RtRu.'),
  ]);
}

const stateZip = (pickle: Uint8Array, storage = new Uint8Array(4)): Uint8Array =>
  writeZip([{ name: 'archive/data.pkl', data: pickle }, { name: 'archive/data/0', data: storage }]);

/** The PyKANError a load gives, checked to be short. */
async function refusal(load: Promise<unknown>): Promise<string> {
  const error = await load.then(() => null, (e: unknown) => e);
  expectOurs(error, 'refusal');
  return (error as PyKANError).message;
}

describe('defects the fuzzing found, one case each', () => {
  const trained = async (): Promise<Base> => withContents(loadBases().find((b) => b.name === 'trained')!);

  it('a deflate stream that runs far past its declared size is stopped near that size, not inflated whole', async () => {
    const base = await trained();
    const storage = base.entries.find((e) => e.name.endsWith('/data/0'))!;
    const zip = writeZip(base.entries.map((e) => (e === storage ? { ...e, deflated: bombStream(512) } : e)));
    const peak = peakRss();
    expect(await refusal(loadPyKAN({ state: zip, config: base.config }))).toMatch(/data\/0" inflates past the 20 bytes its header gives/);
    expect(peakRss() - peak).toBeLessThan(64 * MB); // 512 MiB inflated whole before the fix
  });

  it('entry sizes are checked before anything is inflated; entries no tensor reads are never inflated', async () => {
    const base = await trained();
    const pickle = base.entries.find((e) => e.name.endsWith('/data.pkl'))!;
    const junk = declareSize(writeZip([...base.entries, { name: 'archive/junk', data: Uint8Array.of(0), deflated: bombStream(4) }]), 'archive/junk', 2 ** 32 - 2);
    const peak = peakRss();
    const model = await loadPyKAN({ state: junk, config: base.config });
    expectTensors(await heldTensors(model), base.tensors, 'junk entry');
    model.dispose();
    const big = declareSize(writeZip(base.entries.map((e) => (e === pickle ? { ...e, deflated: bombStream(4) } : e))), pickle.name, 2 ** 30);
    expect(await refusal(loadPyKAN({ state: big, config: base.config }))).toMatch(new RegExp(`data.pkl of at most ${PYKAN_LIMITS.pickleBytes} bytes, found 1073741824`));
    expect(peakRss() - peak).toBeLessThan(64 * MB); // each took a 1–4 GiB buffer before the fix
  });

  it('a storage byte flipped in a stored entry fails its CRC-32 instead of loading a wrong value', async () => {
    const base = await trained();
    const span = layout(base.state).spans.find((s) => s.name.endsWith('/data/0'))!;
    const state = base.state.slice();
    state[span.data + 1]! ^= 0x10;
    expect(await refusal(loadPyKAN({ state, config: base.config }))).toMatch(/trained_state\/data\/0" has CRC-32 0x[0-9a-f]{8}, the directory says 0x[0-9a-f]{8}/);
  });

  it('a local header that disagrees with the directory, a duplicate entry and bytes before the end record are refused', async () => {
    const base = await trained();
    const { spans, end } = layout(base.state);
    const renamed = base.state.slice();
    renamed[spans[0]!.local + 30] = 'X'.charCodeAt(0);
    expect(await refusal(loadPyKAN({ state: renamed, config: base.config }))).toMatch(/local header of "trained_state\/data.pkl" disagrees with the central directory/);
    const twice = writeZip([...base.entries, base.entries[1]!]);
    expect(await refusal(loadPyKAN({ state: twice, config: base.config }))).toMatch(/holds the entry "trained_state\/.format_version" twice/);
    const gap = concat([base.state.subarray(0, end), Uint8Array.of(0), base.state.subarray(end)]);
    expect(await refusal(loadPyKAN({ state: gap, config: base.config }))).toMatch(/does not end where the end record \(or torch's zip64 end record\) starts/);
  });

  it('pickled views with huge shapes, zero strides or negative offsets are refused before any allocation', async () => {
    const huge = viewPickle([2 ** 31 - 1], [0], 0, 1); // 2^31 elements read from one: RangeError before the fix
    expect(await refusal(readTorchState(stateZip(huge)))).toMatch(new RegExp(`more than ${PYKAN_LIMITS.stateElements} elements \\(state dict entry "t" has shape \\[2147483647\\]\\)`));
    const negative = viewPickle([1], [1], -1, 1); // a DataView RangeError before the fix
    expect(await refusal(readTorchState(stateZip(negative)))).toMatch(/_rebuild_tensor_v2 expects \(storage, offset, size, stride/);
    const outside = viewPickle([2, 2], [2, 1], 1, 4);
    expect(await refusal(readTorchState(stateZip(outside, new Uint8Array(16))))).toMatch(/needs 20 bytes of a storage of 4 elements/);
    const view = await readTorchState(stateZip(viewPickle([2, 2], [1, 2], 0, 4), new Uint8Array(Float32Array.of(1, 2, 3, 4).buffer)));
    expect([...view.get('t')!.values]).toEqual([1, 3, 2, 4]); // a transposed view reads through its strides
  });

  it('a pickle of 200,000 APPENDS items, a million one-byte dicts or a 5,000-character global gives a short PyKANError', async () => {
    const appends = concat([latin1('\x80\x02]('), new Uint8Array(200_000).fill(0x4e), latin1('e.')]); // a call-stack RangeError before the fix
    expect(await refusal(readTorchState(stateZip(appends)))).toMatch(/expected the state pickle to hold an OrderedDict of tensors/);
    const dicts = concat([latin1('\x80\x02'), new Uint8Array(PYKAN_LIMITS.pickleBytes - 3).fill(0x7d), latin1('.')]); // a million Maps (hundreds of MB) before the fix
    const peak = peakRss();
    expect(await refusal(readTorchState(stateZip(dicts)))).toMatch(new RegExp(`makes more than ${PYKAN_LIMITS.pickleObjects} objects`));
    expect(peakRss() - peak).toBeLessThan(128 * MB);
    const long = latin1(`\x80\x02c${'m'.repeat(5000)}\nsystem\n.`);
    expect(await refusal(readTorchState(stateZip(long)))).toMatch(/asks for the global m{60}…; a state dict may only use collections.OrderedDict/);
  });

  it('configs that nest 100,000 levels, expand aliases a billion times or alias themselves give a PyKANError', async () => {
    const base = await trained();
    const peak = peakRss();
    // A fatal out-of-memory crash of the process (or seconds and hundreds of MB) before the fix.
    expect(await refusal(loadPyKAN({ state: base.state, config: setKey(base.config, 'extra', nested(100_000)) }))).toMatch(/flow collections nest deeper than 32 levels/);
    expect(await refusal(loadPyKAN({ state: base.state, config: setKey(base.config, 'extra', `\n${'- '.repeat(100_000)}1`) }))).toMatch(/opens more than 32 nested block collections/);
    expect(peakRss() - peak).toBeLessThan(64 * MB);
    // A raw ReferenceError before the fix.
    expect(await refusal(loadPyKAN({ state: base.state, config: `${laughs(9)}${base.config}` }))).toMatch(/anchors and aliases do not resolve to plain data \(Excessive alias count/);
    expect(await refusal(loadPyKAN({ state: base.state, config: setKey(base.config, 'grid', '*nowhere') }))).toMatch(/not valid YAML|do not resolve/);
    // A TypeError (JSON of a cycle) before the fix.
    expect(await refusal(loadPyKAN({ state: base.state, config: setKey(base.config, 'width', '&w [2, *w]') }))).toMatch(/expected width to be a list of widths \(n or \[n_sum, n_mult\]\), found a list of 2/);
  });

  it('config values that are huge, long, inherited names or disagree with the state give a short PyKANError', async () => {
    const base = await trained();
    const cases: [string, string, RegExp][] = [
      ['width', '[[2, 0], [5, 1000000000], [1, 0]]', /node_scale_0 should be \[1000000005\]/], // RangeError: Invalid array length before the fix
      ['base_fun_name', `'${'s'.repeat(10_000)}'`, /base_fun_name "s{60}…" is not one of silu, identity, zero/], // 10 KB message before the fix
      ['base_fun_name', 'constructor', /base_fun_name "constructor" is not one of/], // Object's constructor as the activation before the fix
      ['grid_range', '[1, -1]', /expected grid_range to be \[low, high\] with low < high/], // a kan-layers Error before the fix
      ['grid', '7', /config's grid for layer 0 is 7, but act_fun.0.grid has 5 intervals/], // ignored before the fix
      ['k', '100', /act_fun.0.grid has 12 knots per input, too few for k = 100/],
    ];
    for (const [key, value, message] of cases) expect(await refusal(loadPyKAN({ state: base.state, config: setKey(base.config, key, value) }))).toMatch(message);
    const named = base.config.replace("'0'", "'nope'");
    expect(await refusal(loadPyKAN({ state: base.state, config: named }))).toMatch(/symbolic.funs_name.0 names "nope", which is not a symbolic function kanjs knows/);
  });

  it('non-finite weights and decreasing knots are refused, with no tensor left behind', async () => {
    const { tensors, config } = checkpointOf([2, 3, 1], [5, 4], [3, 2]);
    const write = (edit: (name: string, values: Float64Array) => void) =>
      writeTorchState([...tensors].map(([name, t]) => {
        const values = t.values.slice();
        edit(name, values);
        return { name, shape: t.shape, values, dtype: 'float64' as const };
      }));
    const count = tf.memory().numTensors;
    const nan = write((name, v) => name === 'act_fun.1.coef' && (v[2] = NaN));
    expect(await refusal(loadPyKAN({ state: nan, config }))).toMatch(/act_fun.1.coef holds NaN at element 2; expected finite float32 values/);
    const overflow = write((name, v) => name === 'node_bias_0' && (v[0] = 1e39)); // Infinity as float32
    expect(await refusal(loadPyKAN({ state: overflow, config }))).toMatch(/node_bias_0 holds 1e\+39 at element 0/);
    const knots = write((name, v) => name === 'act_fun.0.grid' && (v[3] = 5));
    expect(await refusal(loadPyKAN({ state: knots, config }))).toMatch(/act_fun.0.grid decreases along input 0 \(knot 4 is/);
    expect(tf.memory().numTensors).toBe(count);
  });

  it('a layer the basis refuses is a PyKANError and disposes the layers built before it', async () => {
    const ok = checkpointOf([2, 2, 1], [3, 1], [1, 16]);
    const model = await loadPyKAN(ok);
    expectTensors(await heldTensors(model), ok.tensors, 'k = 16');
    model.dispose();
    const count = tf.memory().numTensors;
    const refused = checkpointOf([2, 2, 1], [3, 1], [1, 17]); // the bspline basis takes splineOrder ≤ 16
    expect(await refusal(loadPyKAN(refused))).toMatch(/layer 1 of the checkpoint cannot be built: .*splineOrder must be ≤ 16/);
    expect(tf.memory().numTensors).toBe(count);
  });

  it('loads a 1000-interval grid over 8 inputs exactly, without the initial least-squares fit', async () => {
    const large = checkpointOf([8, 2], [1000], [3]);
    const start = performance.now();
    const model = await loadPyKAN(large);
    const seconds = (performance.now() - start) / 1000;
    expectTensors(await heldTensors(model), large.tensors, 'G = 1000');
    model.dispose();
    expect(seconds).toBeLessThan(1); // the fit (about K³ per input) took seconds here before the fix
  });
});
