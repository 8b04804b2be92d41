/**
 * Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
 * u64 header length N, N bytes of UTF-8 JSON mapping tensor names to `{ dtype, shape, data_offsets }` (plus an
 * optional `__metadata__` object of strings), then the raw little-endian row-major data. Pure TypeScript.
 */

import { describe, truncate } from '@kanjs/basis-core';

export type SafetensorsDtype = 'F32' | 'F64' | 'F16' | 'BF16';

export interface SafetensorsTensor {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  /** values converted to float32 */
  readonly data: Float32Array;
}

export interface SafetensorsFile {
  readonly tensors: ReadonlyMap<string, SafetensorsTensor>;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Thrown for a safetensors file that cannot be read or tensors that cannot be written; the message says why. */
export class SafetensorsError extends Error {
  override readonly name = 'SafetensorsError';
}

const METADATA_KEY = '__metadata__';
/** Largest header this reader accepts, in bytes (the reference implementation's limit). */
const MAX_HEADER_BYTES = 100_000_000;
/** Deepest nesting of arrays and objects the header may have (serde_json's limit in the reference implementation). */
const MAX_HEADER_DEPTH = 128;
const PREFIX_BYTES = 8;
const BYTES_PER_ELEMENT: Readonly<Record<SafetensorsDtype, number>> = { F32: 4, F64: 8, F16: 2, BF16: 2 };
const DTYPES = Object.keys(BYTES_PER_ELEMENT) as readonly SafetensorsDtype[];

/**
 * Parses a safetensors file, with the reference implementation's rules: a header of at most 100,000,000 bytes
 * and nesting depth 128, and tensors whose data_offsets, sorted, tile the data exactly (no gap, no overlap, no
 * byte left over), each spanning shape × dtype size bytes.
 */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = readHeaderLength(view);
  const header = parseHeader(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength));
  const dataStart = PREFIX_BYTES + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  const entries: TensorEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === METADATA_KEY) metadata = checkMetadata(entry);
    else entries.push(checkEntry(dataLength, name, entry));
  }
  checkCoverage(entries, dataLength);
  const tensors = new Map<string, SafetensorsTensor>();
  for (const { name, dtype, shape, begin } of entries) {
    tensors.set(name, { dtype, shape, data: decode(view, dataStart + begin, product(shape), dtype) });
  }
  return { tensors, metadata };
}

/** Serialises float32 tensors (written as F32, in the order given) and string metadata. */
export function writeSafetensors(
  tensors: ReadonlyArray<{ readonly name: string; readonly shape: readonly number[]; readonly data: Float32Array }>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  checkNames(tensors.map((t) => t.name));
  const entries = Object.keys(metadata).length > 0 ? [jsonEntry(METADATA_KEY, checkMetadata(metadata))] : [];
  const offsets: number[] = [];
  let end = 0;
  for (const { name, shape, data } of tensors) {
    checkWriteShape(name, shape, data.length);
    const begin = end;
    end += data.byteLength;
    offsets.push(begin);
    entries.push(jsonEntry(name, { dtype: 'F32', shape, data_offsets: [begin, end] }));
  }
  const header = encodeHeader(entries);
  const out = new Uint8Array(PREFIX_BYTES + header.length + end);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(header.length), true);
  out.set(header, PREFIX_BYTES);
  tensors.forEach((t, i) => writeFloat32(view, PREFIX_BYTES + header.length + offsets[i]!, t.data));
  return out;
}

/** Reads the u64 header length and checks it against the file size and the limit before anything is allocated. */
function readHeaderLength(view: DataView): number {
  if (view.byteLength < PREFIX_BYTES) {
    throw new SafetensorsError(
      `safetensors file must start with an 8-byte header length, but it has only ${view.byteLength} bytes.`,
    );
  }
  const length = view.getBigUint64(0, true);
  if (length > BigInt(MAX_HEADER_BYTES)) {
    throw new SafetensorsError(
      `safetensors header length ${length} bytes is over the ${MAX_HEADER_BYTES}-byte (100 MB) limit: the file is corrupt or not safetensors.`,
    );
  }
  const remaining = view.byteLength - PREFIX_BYTES;
  if (length > BigInt(remaining)) {
    throw new SafetensorsError(
      `safetensors header length ${length} bytes is larger than the file's remaining ${remaining} bytes: the file is truncated or not safetensors.`,
    );
  }
  return Number(length);
}

/** Decodes the header bytes as UTF-8 JSON (after checking their nesting depth) and checks that they hold an object. */
function parseHeader(bytes: Uint8Array): Record<string, unknown> {
  checkDepth(bytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    const reason = error instanceof SyntaxError ? truncate(error.message, 120) : 'it is not valid UTF-8';
    throw new SafetensorsError(`safetensors header is not JSON: ${reason}.`);
  }
  if (!isObject(parsed)) {
    throw new SafetensorsError(`safetensors header must be a JSON object; found ${describe(parsed)}.`);
  }
  return parsed;
}

/** Refuses JSON nested deeper than MAX_HEADER_DEPTH, by counting brackets outside strings, before anything parses it. */
function checkDepth(bytes: Uint8Array): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === 0x5c) i++; // a backslash escapes the next byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > MAX_HEADER_DEPTH) {
        throw new SafetensorsError(`safetensors header nests arrays and objects more than ${MAX_HEADER_DEPTH} deep (at byte ${i}): the file is corrupt or not safetensors.`);
      }
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
    }
  }
}

/** One tensor of the header, checked on its own. */
interface TensorEntry {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

/** Checks one header entry: its dtype, shape and data_offsets, which must lie in the data and span shape × dtype size bytes. */
function checkEntry(dataLength: number, name: string, entry: unknown): TensorEntry {
  if (!isObject(entry)) {
    throw new SafetensorsError(
      `tensor ${describe(name)} must be an object with dtype, shape and data_offsets; found ${describe(entry)}.`,
    );
  }
  const dtype = checkDtype(name, entry['dtype']);
  const shape = checkReadShape(name, entry['shape']);
  const [begin, end] = checkOffsets(name, entry['data_offsets'], dataLength);
  const expected = product(shape) * BYTES_PER_ELEMENT[dtype];
  if (end - begin !== expected) {
    throw new SafetensorsError(
      `tensor ${describe(name)} (${dtype}, shape ${shapeText(shape)}) needs ${expected} bytes, but its data_offsets span ${end - begin} bytes.`,
    );
  }
  return { name, dtype, shape, begin, end };
}

/** Checks that the tensors, sorted by data_offsets, tile the data: each starts where the one before ends, the last at its end. */
function checkCoverage(entries: TensorEntry[], dataLength: number): void {
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous: TensorEntry | undefined;
  for (const entry of entries) {
    if (entry.begin > covered) {
      throw new SafetensorsError(
        `safetensors data bytes [${covered}, ${entry.begin}) before tensor ${describe(entry.name)} belong to no tensor: the file is corrupt.`,
      );
    }
    if (entry.begin < covered) {
      throw new SafetensorsError(
        `tensor ${describe(entry.name)} data_offsets [${entry.begin}, ${entry.end}] overlap tensor ${describe(previous!.name)} [${previous!.begin}, ${previous!.end}]: the file is corrupt.`,
      );
    }
    covered = entry.end;
    previous = entry;
  }
  if (covered !== dataLength) {
    throw new SafetensorsError(
      `safetensors data holds ${dataLength} bytes but its tensors cover ${covered}: the header length or the data_offsets are wrong.`,
    );
  }
}

function checkDtype(name: string, dtype: unknown): SafetensorsDtype {
  if (typeof dtype === 'string' && (DTYPES as readonly string[]).includes(dtype)) return dtype as SafetensorsDtype;
  const found = typeof dtype === 'string' ? truncate(dtype, 40) : describe(dtype);
  throw new SafetensorsError(`tensor ${describe(name)} has dtype ${found}; supported: ${DTYPES.join(', ')}.`);
}

function checkReadShape(name: string, shape: unknown): number[] {
  if (Array.isArray(shape) && shape.every(isCount)) return shape as number[];
  throw new SafetensorsError(
    `tensor ${describe(name)} must have a shape that is an array of non-negative integers; found ${describe(shape)}.`,
  );
}

/** Checks `[begin, end]` with 0 ≤ begin ≤ end ≤ dataLength. */
function checkOffsets(name: string, offsets: unknown, dataLength: number): [number, number] {
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw new SafetensorsError(
      `tensor ${describe(name)} must have data_offsets [begin, end] of non-negative integers; found ${describe(offsets)}.`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataLength) {
    throw new SafetensorsError(
      `tensor ${describe(name)} has data_offsets [${begin}, ${end}] out of range for ${dataLength} data bytes: the file is truncated or corrupt.`,
    );
  }
  return [begin, end];
}

/** `count` little-endian values of `dtype` starting at byte `offset` → Float32Array[count]. */
function decode(view: DataView, offset: number, count: number, dtype: SafetensorsDtype): Float32Array {
  const out = new Float32Array(count);
  // F32 and BF16 are copied as bit patterns, so NaN payloads and -0 survive exactly.
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < count; i++) {
    switch (dtype) {
      case 'F32':
        bits[i] = view.getUint32(offset + 4 * i, true);
        break;
      case 'BF16':
        bits[i] = view.getUint16(offset + 2 * i, true) << 16;
        break;
      case 'F64':
        out[i] = view.getFloat64(offset + 8 * i, true);
        break;
      case 'F16':
        out[i] = halfToNumber(view.getUint16(offset + 2 * i, true));
        break;
    }
  }
  return out;
}

/** IEEE 754 binary16 bit pattern → number, including subnormals, ±Infinity and NaN. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

function checkMetadata(metadata: unknown): Record<string, string> {
  if (isObject(metadata) && Object.values(metadata).every((v) => typeof v === 'string')) {
    return metadata as Record<string, string>;
  }
  throw new SafetensorsError(`safetensors ${METADATA_KEY} must be an object of strings; found ${describe(metadata)}.`);
}

function checkNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name === METADATA_KEY) {
      throw new SafetensorsError(`a tensor cannot be named "${METADATA_KEY}": that key is reserved for metadata.`);
    }
    if (seen.has(name))
      throw new SafetensorsError(`tensor name ${describe(name)} is used more than once; names must be unique.`);
    seen.add(name);
  }
}

function checkWriteShape(name: string, shape: readonly number[], length: number): void {
  if (!shape.every(isCount)) {
    throw new SafetensorsError(
      `tensor ${describe(name)} must have a shape of non-negative integers; found ${shapeText(shape)}.`,
    );
  }
  if (product(shape) !== length) {
    throw new SafetensorsError(
      `tensor ${describe(name)} with shape ${shapeText(shape)} needs ${product(shape)} values, but its data has ${length}.`,
    );
  }
}

/** One `"name":value` member of the header; members are joined by hand so their order is exactly as given. */
function jsonEntry(name: string, value: unknown): string {
  return `${JSON.stringify(name)}:${JSON.stringify(value)}`;
}

/** Header members → UTF-8 JSON bytes padded with spaces to a multiple of 8, so the data starts 8-byte aligned. */
function encodeHeader(entries: readonly string[]): Uint8Array {
  const json = new TextEncoder().encode(`{${entries.join(',')}}`);
  const padded = new Uint8Array(Math.ceil(json.length / 8) * 8).fill(0x20);
  padded.set(json);
  return padded;
}

/** Writes `data` as little-endian F32 bit patterns at byte `offset`. */
function writeFloat32(view: DataView, offset: number, data: Float32Array): void {
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
  for (let i = 0; i < bits.length; i++) view.setUint32(offset + 4 * i, bits[i]!, true);
}

/** Number of elements for a shape; a scalar (shape []) has 1. */
function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A shape for an error message, `[2, 3]`, cut short when long. */
export function shapeText(shape: readonly number[]): string {
  return truncate(`[${shape.join(', ')}]`, 60);
}
