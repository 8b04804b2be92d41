import { PYKAN_LIMITS, PyKANError, cut, quote } from './errors.js';

/** One file to write into a zip archive. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
  /** `data` already compressed by the caller (raw deflate), written with method 8; without it the entry is stored. */
  readonly deflated?: Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;

/** One file of a zip archive, as its central directory describes it; `read` inflates it on demand. */
export interface ZipFile {
  readonly name: string;
  /** Bytes once inflated. */
  readonly size: number;
  /** The entry's bytes, checked against the directory's size and CRC-32. */
  read(): Promise<Uint8Array>;
}

/**
 * Reads a zip archive's directory (stored and deflate entries under 4 GiB, with torch's zip64 end record allowed; no
 * encryption or multi-disk): entry name → file. Nothing is inflated until a file is read, so the caller checks each size against what it expects first.
 * Local headers must agree with the directory; deflate entries inflate through DecompressionStream('deflate-raw'),
 * stopping at the size the directory gives.
 */
export function readZip(bytes: Uint8Array): Map<string, ZipFile> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(bytes, view);
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0 || view.getUint16(end + 8, true) !== count) {
    throw new PyKANError('pykan: expected a single-disk zip, found a multi-disk end-of-directory record.');
  }
  if (count > PYKAN_LIMITS.zipEntries) throw new PyKANError(`pykan: expected at most ${PYKAN_LIMITS.zipEntries} zip entries, found ${count}.`);
  if (directoryOffset + directorySize !== end && !isZip64End(view, directoryOffset, directorySize, count, end)) {
    throw new PyKANError(`pykan: corrupt zip: its central directory (bytes ${directoryOffset}–${directoryOffset + directorySize}) does not end where the end record (or torch's zip64 end record) starts (byte ${end}).`);
  }
  const files = new Map<string, ZipFile>();
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    need(at, 46, directoryOffset + directorySize, 'central directory entry');
    if (view.getUint32(at, true) !== CENTRAL) throw new PyKANError(`pykan: corrupt zip: expected a central directory entry at byte ${at}, found none.`);
    const nameLength = view.getUint16(at + 28, true);
    need(at + 46, nameLength, directoryOffset + directorySize, 'entry name');
    const file = entry(bytes, view, at, new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)), directoryOffset);
    if (files.has(file.name)) throw new PyKANError(`pykan: corrupt zip: it holds the entry ${quote(file.name)} twice.`);
    files.set(file.name, file);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (at !== directoryOffset + directorySize) {
    throw new PyKANError(`pykan: corrupt zip: its ${count} central directory entries take ${at - directoryOffset} bytes, the end record says ${directorySize}.`);
  }
  return files;
}

/** The file whose central directory entry starts at `at`, after checking its local header agrees. */
function entry(bytes: Uint8Array, view: DataView, at: number, name: string, dataEnd: number): ZipFile {
  const quoted = quote(name);
  const flags = view.getUint16(at + 8, true);
  const method = view.getUint16(at + 10, true);
  const crc = view.getUint32(at + 16, true);
  const compressedSize = view.getUint32(at + 20, true);
  const size = view.getUint32(at + 24, true);
  const localOffset = view.getUint32(at + 42, true);
  if ((flags & 0x41) !== 0) throw new PyKANError(`pykan: zip entry ${quoted} is encrypted; expected plain entries.`);
  if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
    throw new PyKANError(`pykan: zip entry ${quoted} needs zip64, which is not supported (entries under 4 GiB only).`);
  }
  if (method !== 0 && method !== 8) throw new PyKANError(`pykan: zip entry ${quoted} uses compression method ${method}; expected 0 (stored) or 8 (deflate).`);
  if (method === 0 && compressedSize !== size) throw new PyKANError(`pykan: corrupt zip: stored entry ${quoted} has ${compressedSize} bytes, its header says ${size}.`);
  need(localOffset, 30, dataEnd, `local header of ${quoted}`);
  if (view.getUint32(localOffset, true) !== LOCAL) throw new PyKANError(`pykan: corrupt zip: expected the local header of ${quoted} at byte ${localOffset}, found none.`);
  const localNameLength = view.getUint16(localOffset + 26, true);
  const start = localOffset + 30 + localNameLength + view.getUint16(localOffset + 28, true);
  need(localOffset + 30, localNameLength, dataEnd, `local header of ${quoted}`);
  const localName = new TextDecoder().decode(bytes.subarray(localOffset + 30, localOffset + 30 + localNameLength));
  const sizesInDescriptor = (flags & 0x08) !== 0;
  const localSizes = [view.getUint32(localOffset + 14, true), view.getUint32(localOffset + 18, true), view.getUint32(localOffset + 22, true)];
  if (localName !== name || view.getUint16(localOffset + 8, true) !== method || (!sizesInDescriptor && localSizes.some((v, d) => v !== [crc, compressedSize, size][d]))) {
    throw new PyKANError(`pykan: corrupt zip: the local header of ${quoted} disagrees with the central directory (name, method, CRC or sizes).`);
  }
  need(start, compressedSize, dataEnd, `data of ${quoted}`);
  const raw = bytes.subarray(start, start + compressedSize);
  return {
    name,
    size,
    async read() {
      const data = method === 0 ? raw : await inflateRaw(raw, size, quoted);
      const found = crc32(data);
      if (found !== crc) throw new PyKANError(`pykan: corrupt zip: entry ${quoted} has CRC-32 ${hex32(found)}, the directory says ${hex32(crc)}.`);
      return data;
    },
  };
}

/** Writes a zip of stored (or caller-deflated) entries, each entry's data starting at a multiple of `alignment` bytes (as torch does). */
export function writeZip(entries: readonly ZipEntry[], alignment = 64): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data, deflated } of entries) {
    const nameBytes = encoder.encode(name);
    const body = deflated ?? data;
    const method = deflated === undefined ? 0 : 8;
    const crc = crc32(data);
    const unpadded = offset + 30 + nameBytes.length + 4;
    const padding = (alignment - (unpadded % alignment)) % alignment;
    const local = new Uint8Array(30 + nameBytes.length + 4 + padding);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    lv.setUint16(28, 4 + padding, true);
    local.set(nameBytes, 30);
    lv.setUint16(30 + nameBytes.length, 0x4246, true); // 'FB': torch's padding extra field
    lv.setUint16(32 + nameBytes.length, padding, true);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, CENTRAL, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const directorySize = centrals.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, EOCD, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + directorySize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function findEndOfDirectory(bytes: Uint8Array, view: DataView): number {
  if (bytes.length < 4 || view.getUint32(0, true) !== LOCAL) {
    throw new PyKANError(`pykan: expected a zip (torch.save's format, starting "PK\\x03\\x04"), found ${bytes.length < 4 ? `${bytes.length} bytes` : `bytes ${hex(bytes.subarray(0, 4))}`}.`);
  }
  // The record is the last 22 bytes plus its comment; a signature whose comment length does not reach the end is data.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD && at + 22 + view.getUint16(at + 20, true) === bytes.length) return at;
  }
  throw new PyKANError(`pykan: truncated zip: no end-of-directory record in its ${bytes.length} bytes.`);
}

/**
 * Whether the bytes between the central directory and the end record are a zip64 end record and its locator that
 * agree with it (torch writes both even for small files).
 */
function isZip64End(view: DataView, directoryOffset: number, directorySize: number, count: number, end: number): boolean {
  const record = directoryOffset + directorySize;
  const locator = end - 20;
  if (locator - record < 56 || view.getUint32(record, true) !== ZIP64_END || view.getUint32(locator, true) !== ZIP64_LOCATOR) return false;
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  return 12 + u64(record + 4) === locator - record && u64(locator + 8) === record && u64(record + 32) === count && u64(record + 40) === directorySize && u64(record + 48) === directoryOffset;
}

/** Refuses a span [at, at + length) that runs past `limit` (where the central directory or the end record starts). */
function need(at: number, length: number, limit: number, what: string): void {
  if (at + length > limit) throw new PyKANError(`pykan: truncated or corrupt zip: the ${what} needs bytes ${at}–${at + length}, which run past byte ${limit}.`);
}

/** Compressed bytes fed to the inflater at a time: deflate expands at most about 1032:1, so one step yields ≤ 4 MiB. */
const INFLATE_STEP = 4096;

/**
 * Inflates raw deflate data to exactly `size` bytes. The input goes in small steps and each output chunk is checked
 * as it comes, so a stream that runs longer (a deflate bomb) is stopped within a step of its declared size.
 */
async function inflateRaw(raw: Uint8Array, size: number, quoted: string): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  const feed = (async () => {
    for (let at = 0; at < raw.length && !stopped; at += INFLATE_STEP) await writer.write(raw.slice(at, at + INFLATE_STEP));
    if (!stopped) await writer.close();
  })();
  feed.catch(() => undefined); // its failure surfaces through the reader; awaited below
  let at = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.length > size) throw new PyKANError(`pykan: zip entry ${quoted} inflates past the ${size} bytes its header gives.`);
      out.set(value, at);
      at += value.length;
    }
    await feed;
  } catch (error) {
    stopped = true;
    await Promise.allSettled([reader.cancel(), writer.abort(), feed]);
    if (error instanceof PyKANError) throw error;
    throw new PyKANError(`pykan: zip entry ${quoted} is not valid deflate data (${cut(error instanceof Error ? error.message : String(error), 80)}).`);
  }
  if (at !== size) throw new PyKANError(`pykan: zip entry ${quoted} inflates to ${at} bytes, its header says ${size}.`);
  return out;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE), as zip stores it. */
function crc32(data: Uint8Array): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
