// Reads a PNG as a 28×28 MNIST-style image: grey levels, white digit on black, resized by area averaging.
// Every colour type and bit depth of the PNG standard is decoded (grey 1–16 bits, RGB, palette, grey+alpha,
// RGBA; Adam7 interlacing at 8 and 16 bits). The file is checked before fast-png decodes it: chunk layout,
// CRCs, the header's fields, the pixel count and the size the image data inflates to, so a corrupt file or a
// decompression bomb is refused with one sentence.
import { crc32, inflateSync } from 'node:zlib';
import { decode, type DecodedPng } from 'fast-png';
import { areaAverage } from '../data/area-average.js';
import { PIXELS } from '../data/dataset.js';
import { quote, shortMessage } from '../quote.js';

/** Thrown for a file that is not a usable PNG image. */
export class PngError extends Error {
  override readonly name = 'PngError';
}

/** The most pixels a PNG may have: 16 megapixels (4096×4096). */
export const MAX_PNG_PIXELS = 1 << 24;
/** The most bytes its image data may inflate to: 64 MiB. */
export const MAX_PNG_DATA_BYTES = 1 << 26;

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const COLOUR_TYPES: Readonly<Record<number, { readonly name: string; readonly channels: number; readonly depths: readonly number[] }>> = {
  0: { name: 'grey', channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { name: 'RGB', channels: 3, depths: [8, 16] },
  3: { name: 'palette', channels: 1, depths: [1, 2, 4, 8] },
  4: { name: 'grey+alpha', channels: 2, depths: [8, 16] },
  6: { name: 'RGBA', channels: 4, depths: [8, 16] },
};
// Adam7's passes: first column and row, column and row steps.
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

interface Chunk {
  readonly type: string;
  /** The whole chunk: length, type, data and CRC. */
  readonly bytes: Uint8Array;
  readonly data: Uint8Array;
}

interface Header {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  readonly colourType: number;
  readonly channels: number;
  readonly interlaced: boolean;
}

/** The chunks of a PNG file, each with a verified CRC, up to and including IEND, which must end the file. */
function readChunks(bytes: Uint8Array, name: string): Chunk[] {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw new PngError(`${name} is not a PNG image (it does not start with the PNG signature).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) throw new PngError(`${name}: truncated PNG: ${bytes.length - at} bytes left at byte ${at}, where a chunk of at least 12 bytes should start.`);
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngError(`${name}: the chunk at byte ${at} has type ${quote(type)}; a PNG chunk type is 4 letters.`);
    if (length > bytes.length - at - 12) throw new PngError(`${name}: truncated PNG: chunk ${type} at byte ${at} declares ${length} bytes, the file has ${bytes.length - at - 12} left.`);
    const stored = view.getUint32(at + 8 + length);
    const actual = crc32(bytes.subarray(at + 4, at + 8 + length));
    if (stored !== actual) {
      throw new PngError(`${name}: chunk ${type} at byte ${at} has CRC 0x${hex(stored)}, its bytes give 0x${hex(actual)}: the file is corrupt.`);
    }
    chunks.push({ type, bytes: bytes.subarray(at, at + 12 + length), data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (at !== bytes.length) throw new PngError(`${name}: ${bytes.length - at} bytes after the IEND chunk; a PNG ends there.`);
  return chunks;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** The IHDR chunk's fields, checked against the standard and the size limits. */
function readHeader(chunk: Chunk | undefined, name: string): Header {
  if (chunk?.type !== 'IHDR' || chunk.data.length !== 13) throw new PngError(`${name}: the first chunk is ${quote(chunk?.type ?? 'missing')}; a PNG starts with a 13-byte IHDR chunk.`);
  const view = new DataView(chunk.data.buffer, chunk.data.byteOffset, 13);
  const [width, height] = [view.getUint32(0), view.getUint32(4)];
  const [depth, colourType, compression, filter, interlace] = [8, 9, 10, 11, 12].map((i) => chunk.data[i]!) as [number, number, number, number, number];
  if (width < 1 || height < 1 || width > 0x7fffffff || height > 0x7fffffff) throw new PngError(`${name}: the image is ${width}×${height}; expected 1 to 2³¹−1 pixels each way.`);
  const colour = COLOUR_TYPES[colourType];
  if (colour === undefined) throw new PngError(`${name}: colour type ${colourType}; expected 0 (grey), 2 (RGB), 3 (palette), 4 (grey+alpha) or 6 (RGBA).`);
  if (!colour.depths.includes(depth)) throw new PngError(`${name}: bit depth ${depth} for a ${colour.name} image; expected ${colour.depths.join(', ')}.`);
  if (compression !== 0 || filter !== 0) throw new PngError(`${name}: compression method ${compression} and filter method ${filter}; PNG defines only 0 and 0.`);
  if (interlace > 1) throw new PngError(`${name}: interlace method ${interlace}; expected 0 (none) or 1 (Adam7).`);
  if (interlace === 1 && depth < 8) throw new PngError(`${name}: Adam7-interlaced images of ${depth} bits per sample are not supported; save it without interlacing.`);
  if (width * height > MAX_PNG_PIXELS) throw new PngError(`${name}: the image is ${width}×${height} = ${width * height} pixels, more than the ${MAX_PNG_PIXELS} read here; shrink it first.`);
  return { width, height, depth, colourType, channels: colour.channels, interlaced: interlace === 1 };
}

/** The scanlines of the image data: for each pass (one without interlacing), how many rows of how many bytes. */
function scanlines(header: Header): { rows: number; bytes: number }[] {
  const line = (pixels: number) => Math.ceil((pixels * header.channels * header.depth) / 8);
  if (!header.interlaced) return [{ rows: header.height, bytes: line(header.width) }];
  return ADAM7.map(([x, y, dx, dy]) => ({ rows: Math.max(0, Math.ceil((header.height - y) / dy)), cols: Math.max(0, Math.ceil((header.width - x) / dx)) }))
    .filter((pass) => pass.rows > 0 && pass.cols > 0)
    .map((pass) => ({ rows: pass.rows, bytes: line(pass.cols) }));
}

/** Checks that the IDAT stream inflates to exactly the declared image's size and that every filter type is known. */
function checkImageData(chunks: readonly Chunk[], header: Header, name: string): void {
  const lines = scanlines(header);
  const expected = lines.reduce((n, pass) => n + pass.rows * (1 + pass.bytes), 0);
  const what = `a ${header.width}×${header.height} ${COLOUR_TYPES[header.colourType]!.name} image of ${header.depth} bits`;
  if (expected > MAX_PNG_DATA_BYTES) throw new PngError(`${name}: ${what} needs ${expected} bytes of image data, more than the ${MAX_PNG_DATA_BYTES} read here; shrink it first.`);
  const idat = chunks.filter((c) => c.type === 'IDAT');
  const compressed = new Uint8Array(idat.reduce((n, c) => n + c.data.length, 0));
  idat.reduce((offset, c) => (compressed.set(c.data, offset), offset + c.data.length), 0);
  let data: Uint8Array;
  try {
    data = inflateSync(compressed, { maxOutputLength: expected });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new PngError(`${name}: the image data inflates to more than the ${expected} bytes that ${what} needs.`);
    throw new PngError(`${name}: the image data is not a valid zlib stream (${(error as Error).message}).`);
  }
  if (data.length !== expected) throw new PngError(`${name}: the image data inflates to ${data.length} bytes; ${what} needs ${expected}.`);
  let at = 0;
  for (const pass of lines) {
    for (let row = 0; row < pass.rows; row++, at += 1 + pass.bytes) {
      if (data[at]! > 4) throw new PngError(`${name}: scanline filter type ${data[at]} at byte ${at} of the image data; expected 0 to 4.`);
    }
  }
}

/** Checks the order and contents of the chunks around the image data; returns the ones the decoder needs. */
function essentialChunks(chunks: readonly Chunk[], header: Header, name: string): Chunk[] {
  const types = chunks.map((c) => c.type);
  const first = types.indexOf('IDAT');
  if (first < 0) throw new PngError(`${name}: no IDAT chunk; a PNG holds its image data in IDAT chunks.`);
  const last = types.lastIndexOf('IDAT');
  if (types.slice(first, last + 1).some((t) => t !== 'IDAT')) throw new PngError(`${name}: its IDAT chunks are not consecutive, as a PNG's must be.`);
  for (const type of ['IHDR', 'PLTE', 'tRNS', 'IEND']) {
    if (types.filter((t) => t === type).length > 1) throw new PngError(`${name}: more than one ${type} chunk.`);
  }
  const unknown = types.find((t) => /^[A-Z]/.test(t) && !['IHDR', 'PLTE', 'IDAT', 'IEND'].includes(t));
  if (unknown !== undefined) throw new PngError(`${name}: unknown critical chunk ${quote(unknown)}; it cannot be decoded safely.`);
  const palette = chunks.find((c) => c.type === 'PLTE');
  const transparency = chunks.find((c) => c.type === 'tRNS');
  if (palette !== undefined && types.indexOf('PLTE') > first) throw new PngError(`${name}: its PLTE chunk comes after the image data; it must come before.`);
  if (transparency !== undefined && types.indexOf('tRNS') > first) throw new PngError(`${name}: its tRNS chunk comes after the image data; it must come before.`);
  const essential = [chunks[0]!];
  if (header.colourType === 3) {
    if (palette === undefined) throw new PngError(`${name}: a palette image without a PLTE chunk.`);
    const entries = palette.data.length / 3;
    if (!Number.isInteger(entries) || entries < 1 || entries > 2 ** header.depth) {
      throw new PngError(`${name}: its PLTE chunk has ${palette.data.length} bytes; expected 3 per entry, 1 to ${2 ** header.depth} entries.`);
    }
    essential.push(palette);
    if (transparency !== undefined && transparency.data.length > entries) {
      throw new PngError(`${name}: its tRNS chunk has ${transparency.data.length} alpha values for ${entries} palette entries.`);
    }
  } else if (palette !== undefined && header.channels < 3) {
    throw new PngError(`${name}: a PLTE chunk in a ${COLOUR_TYPES[header.colourType]!.name} image, which has no palette.`);
  }
  if (transparency !== undefined) {
    const expected = header.colourType === 0 ? 2 : header.colourType === 2 ? 6 : undefined;
    if (header.colourType !== 3 && transparency.data.length !== expected) {
      throw new PngError(`${name}: a tRNS chunk of ${transparency.data.length} bytes in a ${COLOUR_TYPES[header.colourType]!.name} image; expected ${expected === undefined ? 'none (it has an alpha channel)' : `${expected} bytes`}.`);
    }
    essential.push(transparency);
  }
  return [...essential, ...chunks.slice(first, last + 1), chunks[chunks.length - 1]!];
}

/** A grey level in [0, 1] per pixel [height × width], composited on black. */
function toGrey(image: DecodedPng, header: Header, name: string): Float32Array {
  const { width, height, depth, channels } = header;
  const { data } = image;
  const max = 2 ** depth - 1;
  const rowBytes = Math.ceil((width * depth) / 8);
  // One sample of pixel p, channel c; below 8 bits (grey and palette only) samples are packed, high bits first.
  const sample = depth >= 8
    ? (p: number, c: number) => data[p * channels + c]!
    : (p: number) => {
      const [y, x] = [Math.floor(p / width), p % width];
      return (data[y * rowBytes + ((x * depth) >> 3)]! >> (8 - depth - ((x * depth) & 7))) & max;
    };
  const grey = new Float32Array(width * height);
  const key = image.transparency;
  if (header.colourType === 3) {
    const palette = image.palette!;
    for (let p = 0; p < grey.length; p++) {
      const index = sample(p, 0);
      const entry = palette[index];
      if (entry === undefined) throw new PngError(`${name}: pixel (${p % width}, ${Math.floor(p / width)}) uses palette entry ${index}; the palette has ${palette.length}.`);
      grey[p] = ((entry[0]! + entry[1]! + entry[2]!) / 765) * ((entry[3] ?? 255) / 255);
    }
    return grey;
  }
  const colours = channels >= 3 ? 3 : 1;
  const alpha = channels === 2 || channels === 4;
  for (let p = 0; p < grey.length; p++) {
    let sum = 0;
    let keyed = key !== undefined;
    for (let c = 0; c < colours; c++) {
      const v = sample(p, c);
      sum += v;
      keyed &&= v === key![c];
    }
    const opacity = alpha ? sample(p, channels - 1) / max : keyed ? 0 : 1;
    grey[p] = (sum / colours / max) * opacity;
  }
  return grey;
}

/** Decodes PNG bytes to grey levels in [0, 1] (alpha composited on black), checking the file first. */
export function decodePngGrey(bytes: Uint8Array, name: string): { readonly grey: Float32Array; readonly width: number; readonly height: number } {
  const chunks = readChunks(bytes, name);
  const header = readHeader(chunks[0], name);
  const essential = essentialChunks(chunks, header, name);
  checkImageData(chunks, header, name);
  // Only the chunks that make the image go to the decoder (an iCCP profile, for one, would be inflated unbounded).
  const png = new Uint8Array(8 + essential.reduce((n, c) => n + c.bytes.length, 0));
  png.set(SIGNATURE);
  essential.reduce((offset, c) => (png.set(c.bytes, offset), offset + c.bytes.length), 8);
  let image: DecodedPng;
  try {
    image = decode(png);
  } catch (error) {
    throw new PngError(shortMessage(`${name}: the PNG decoder refused it (${(error as Error).message}).`));
  }
  return { grey: toGrey(image, header, name), width: header.width, height: header.height };
}

/**
 * Decodes PNG bytes to 784 grey bytes (0 = black). Colour is averaged to grey, alpha composited on black, any
 * size resized to 28×28 by area averaging; a mostly light image (dark digit on white paper) is inverted.
 */
export function pngToMnist(bytes: Uint8Array, name: string): Uint8Array {
  const { grey, width, height } = decodePngGrey(bytes, name);
  const small = areaAverage(grey, width, { left: 0, top: 0, width, height }, 28, 28);
  const out = Uint8Array.from(small, (v) => Math.round(255 * v));
  const mean = out.reduce((s, v) => s + v, 0) / PIXELS;
  return mean > 127 ? out.map((v) => 255 - v) : out;
}
