import { PYKAN_LIMITS, PyKANError } from './errors.js';

/** One file of a zip archive. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Reads a zip archive (stored and deflate entries; no zip64, encryption or multi-disk): entry name → bytes.
 * Deflate entries inflate through DecompressionStream('deflate-raw'), stopping at the size the directory gives.
 */
export async function readZip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(bytes, view);
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count > PYKAN_LIMITS.zipEntries) throw new PyKANError(`pykan: expected at most ${PYKAN_LIMITS.zipEntries} zip entries, found ${count}.`);
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    need(bytes, at, 46, 'central directory entry');
    if (view.getUint32(at, true) !== CENTRAL) throw new PyKANError(`pykan: truncated or corrupt zip: expected a central directory entry at byte ${at}, found none.`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    need(bytes, at + 46, nameLength, 'entry name');
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if ((flags & 1) !== 0) throw new PyKANError(`pykan: zip entry "${name}" is encrypted; expected plain entries.`);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      throw new PyKANError(`pykan: zip entry "${name}" needs zip64, which is not supported (entries under 4 GiB only).`);
    }
    if (size > PYKAN_LIMITS.entryBytes || (total += size) > PYKAN_LIMITS.totalBytes) {
      throw new PyKANError(`pykan: zip entries inflate to more than the limit (${PYKAN_LIMITS.entryBytes} bytes each, ${PYKAN_LIMITS.totalBytes} in all).`);
    }
    need(bytes, localOffset, 30, `local header of "${name}"`);
    if (view.getUint32(localOffset, true) !== LOCAL) throw new PyKANError(`pykan: corrupt zip: expected the local header of "${name}" at byte ${localOffset}, found none.`);
    const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    need(bytes, start, compressedSize, `data of "${name}"`);
    const raw = bytes.subarray(start, start + compressedSize);
    if (method === 0) {
      if (compressedSize !== size) throw new PyKANError(`pykan: corrupt zip: stored entry "${name}" has ${compressedSize} bytes, its header says ${size}.`);
      entries.set(name, raw);
    } else if (method === 8) {
      entries.set(name, await inflateRaw(raw, size, name));
    } else {
      throw new PyKANError(`pykan: zip entry "${name}" uses compression method ${method}; expected 0 (stored) or 8 (deflate).`);
    }
  }
  return entries;
}

/** Writes a zip of stored entries, each entry's data starting at a multiple of `alignment` bytes (as torch does). */
export function writeZip(entries: readonly ZipEntry[], alignment = 64): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const unpadded = offset + 30 + nameBytes.length + 4;
    const padding = (alignment - (unpadded % alignment)) % alignment;
    const local = new Uint8Array(30 + nameBytes.length + 4 + padding);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL, true);
    lv.setUint16(4, 20, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
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
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
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
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw new PyKANError(`pykan: truncated zip: no end-of-directory record in its ${bytes.length} bytes.`);
}

function need(bytes: Uint8Array, at: number, length: number, what: string): void {
  if (at + length > bytes.length) throw new PyKANError(`pykan: truncated zip: the ${what} needs bytes ${at}–${at + length}, the file has ${bytes.length}.`);
}

async function inflateRaw(raw: Uint8Array, size: number, name: string): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  const reader = new Blob([new Uint8Array(raw)]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  let at = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.length > size) throw new PyKANError(`pykan: zip entry "${name}" inflates past the ${size} bytes its header gives.`);
      out.set(value, at);
      at += value.length;
    }
  } catch (error) {
    if (error instanceof PyKANError) throw error;
    throw new PyKANError(`pykan: zip entry "${name}" is not valid deflate data (${(error as Error).message}).`);
  } finally {
    reader.releaseLock();
  }
  if (at !== size) throw new PyKANError(`pykan: zip entry "${name}" inflates to ${at} bytes, its header says ${size}.`);
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

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
