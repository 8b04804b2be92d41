// The IDX format of the MNIST files (http://yann.lecun.com/exdb/mnist/): a big-endian magic number
// 0x00 0x00 <type> <rank>, then `rank` big-endian uint32 dimensions, then the data. MNIST uses type 0x08
// (unsigned bytes): images are rank 3 [count, 28, 28] and labels rank 1 [count].

/** Thrown for a file that is not the IDX data it should be. */
export class IdxError extends Error {
  override readonly name = 'IdxError';
}

/** A parsed IDX array of unsigned bytes. */
export interface IdxArray {
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/** An IDX header: the shape, where the data starts, and how many data bytes the shape needs. */
export interface IdxHeader {
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
}

/** Reads the header of an IDX file of unsigned bytes with the expected rank (`bytes` may hold only its start). */
export function parseIdxHeader(bytes: Uint8Array, rank: number, name: string): IdxHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const expected = (UNSIGNED_BYTE << 8) | rank;
  const magic = bytes.length >= 4 ? view.getUint32(0) : null;
  if (magic !== null && magic !== expected) {
    throw new IdxError(`${name}: wrong IDX magic number 0x${magic.toString(16).padStart(8, '0')}; expected 0x${expected.toString(16).padStart(8, '0')} (unsigned bytes, rank ${rank}).`);
  }
  const offset = 4 + 4 * rank;
  if (bytes.length < offset) {
    throw new IdxError(`${name}: truncated IDX file: ${bytes.length} bytes, fewer than its ${offset}-byte header.`);
  }
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  return { shape, offset, size: shape.reduce((a, b) => a * b, 1) };
}

/** Parses an IDX file of unsigned bytes with the expected rank; `name` goes into error messages. */
export function parseIdx(bytes: Uint8Array, rank: number, name: string): IdxArray {
  const { shape, offset, size } = parseIdxHeader(bytes, rank, name);
  if (bytes.length - offset < size) {
    throw new IdxError(`${name}: truncated IDX data: shape [${shape.join(', ')}] needs ${size} bytes, the file has ${bytes.length - offset}.`);
  }
  if (bytes.length - offset > size) {
    throw new IdxError(`${name}: ${bytes.length - offset - size} bytes of trailing data after the ${size} bytes that shape [${shape.join(', ')}] needs.`);
  }
  return { shape, data: bytes.subarray(offset, offset + size) };
}

/** Writes unsigned bytes as an IDX file (for tests and tools). */
export function encodeIdx(shape: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, (UNSIGNED_BYTE << 8) | shape.length);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * shape.length);
  return out;
}
