// A small PNG writer for the tests, independent of the decoder under test: any colour type and bit depth,
// optional Adam7 interlacing (8 and 16 bits), a palette and a tRNS chunk.
import { crc32, deflateSync } from 'node:zlib';

export interface PngSpec {
  readonly width: number;
  readonly height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  readonly colourType: number;
  readonly depth: number;
  /** Samples [height × width × channels], one number per sample (palette: the index). */
  readonly samples: ArrayLike<number>;
  readonly palette?: readonly (readonly [number, number, number])[];
  readonly transparency?: Uint8Array;
  readonly interlaced?: boolean;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** One chunk: length, type, data, CRC. */
export function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Packs rows of samples at the bit depth, each row after a filter byte of 0. */
function scanlines(spec: PngSpec, xs: readonly number[], ys: readonly number[]): number[] {
  const channels = CHANNELS[spec.colourType]!;
  const out: number[] = [];
  for (const y of ys) {
    out.push(0);
    let acc = 0;
    let bits = 0;
    for (const x of xs) {
      for (let c = 0; c < channels; c++) {
        const v = spec.samples[(y * spec.width + x) * channels + c]!;
        if (spec.depth === 16) out.push(v >> 8, v & 255);
        else {
          acc = (acc << spec.depth) | v;
          bits += spec.depth;
          if (bits === 8) {
            out.push(acc);
            acc = 0;
            bits = 0;
          }
        }
      }
    }
    if (bits > 0) out.push(acc << (8 - bits));
  }
  return out;
}

const range = (start: number, end: number, step = 1) => Array.from({ length: Math.max(0, Math.ceil((end - start) / step)) }, (_, i) => start + i * step);

/** The PNG file of a spec. */
export function writePng(spec: PngSpec): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, spec.width);
  view.setUint32(4, spec.height);
  header.set([spec.depth, spec.colourType, 0, 0, spec.interlaced ? 1 : 0], 8);
  const raw = spec.interlaced
    ? ADAM7.flatMap(([x, y, dx, dy]) => {
      const [xs, ys] = [range(x, spec.width, dx), range(y, spec.height, dy)];
      return xs.length === 0 ? [] : scanlines(spec, xs, ys);
    })
    : scanlines(spec, range(0, spec.width), range(0, spec.height));
  const parts = [Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header)];
  if (spec.palette !== undefined) parts.push(chunk('PLTE', Uint8Array.from(spec.palette.flat())));
  if (spec.transparency !== undefined) parts.push(chunk('tRNS', spec.transparency));
  parts.push(chunk('IDAT', deflateSync(Uint8Array.from(raw))), chunk('IEND', new Uint8Array(0)));
  return Buffer.concat(parts);
}
