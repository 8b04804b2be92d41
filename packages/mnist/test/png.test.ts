import { deflateSync } from 'node:zlib';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { MAX_PNG_PIXELS, PngError, decodePngGrey, pngToMnist } from '../src/node/png.js';
import { chunk, writePng } from './png-writer.js';

/** A 28×28 "7" as grey levels in [0, 1]: a top bar and a diagonal. */
const SEVEN = Float32Array.from({ length: 784 }, (_, p) => {
  const [y, x] = [Math.floor(p / 28), p % 28];
  return (y >= 5 && y <= 7 && x >= 6 && x <= 21) || (y > 7 && y <= 23 && Math.abs(x - (21 - (y - 7) * 0.6)) < 1.5) ? 1 : 0;
});
const levels = (max: number) => Array.from(SEVEN, (v) => v * max);

describe('pngToMnist', () => {
  it('keeps a 28×28 grey image as it is', () => {
    const data = Uint8Array.from({ length: 784 }, (_, i) => (i % 28 < 14 ? 0 : 200));
    const out = pngToMnist(encode({ width: 28, height: 28, data, channels: 1, depth: 8 }), 'a.png');
    expect([...out]).toEqual([...data]);
  });

  it('averages colour to grey, resizes by area and inverts a dark-on-light image', () => {
    // 56×56 RGBA, white paper with a black 28×28 square in the top-left quarter.
    const data = new Uint8Array(56 * 56 * 4);
    for (let y = 0; y < 56; y++) for (let x = 0; x < 56; x++) {
      const v = x < 28 && y < 28 ? 0 : 255;
      data.set([v, v, v, 255], (y * 56 + x) * 4);
    }
    const out = pngToMnist(encode({ width: 56, height: 56, data, channels: 4, depth: 8 }), 'b.png');
    expect(out[0]).toBe(255); // the dark square becomes a white digit
    expect(out[27 * 28 + 27]).toBe(0);
    expect(out[13 * 28 + 13]).toBe(255);
    expect(out[14 * 28 + 14]).toBe(0);
  });

  it('decodes every colour type and bit depth to the same 7', () => {
    const expected = [...SEVEN].map((v) => Math.round(255 * v));
    const cases: [string, Parameters<typeof writePng>[0]][] = [
      ...[1, 2, 4, 8, 16].map((depth): [string, Parameters<typeof writePng>[0]] => [`grey ${depth}-bit`, { width: 28, height: 28, colourType: 0, depth, samples: levels(2 ** depth - 1) }]),
      ...[1, 2, 4, 8].map((depth): [string, Parameters<typeof writePng>[0]] => [`palette ${depth}-bit`, {
        width: 28, height: 28, colourType: 3, depth, palette: [[0, 0, 0], [255, 255, 255]], samples: levels(1),
      }]),
      ...[8, 16].map((depth): [string, Parameters<typeof writePng>[0]] => [`RGB ${depth}-bit`, { width: 28, height: 28, colourType: 2, depth, samples: levels(2 ** depth - 1).flatMap((v) => [v, v, v]) }]),
      ...[8, 16].map((depth): [string, Parameters<typeof writePng>[0]] => [`grey+alpha ${depth}-bit`, { width: 28, height: 28, colourType: 4, depth, samples: levels(2 ** depth - 1).flatMap((v) => [2 ** depth - 1, v]) }]),
      ...[8, 16].map((depth): [string, Parameters<typeof writePng>[0]] => [`RGBA ${depth}-bit`, { width: 28, height: 28, colourType: 6, depth, samples: levels(2 ** depth - 1).flatMap((v) => [v, v, v, 2 ** depth - 1]) }]),
      ['RGB 8-bit, Adam7', { width: 28, height: 28, colourType: 2, depth: 8, interlaced: true, samples: levels(255).flatMap((v) => [v, v, v]) }],
      ['grey 16-bit, Adam7', { width: 28, height: 28, colourType: 0, depth: 16, interlaced: true, samples: levels(65535) }],
      // Transparent black-keyed pixels of a white image, composited on black.
      ['grey 8-bit with a tRNS key', { width: 28, height: 28, colourType: 0, depth: 8, transparency: Uint8Array.from([0, 0]), samples: levels(1).map((v) => (v === 1 ? 255 : 0)) }],
      ['palette with tRNS', { width: 28, height: 28, colourType: 3, depth: 4, palette: [[255, 255, 255], [255, 255, 255]], transparency: Uint8Array.from([0, 255]), samples: levels(1) }],
    ];
    for (const [what, spec] of cases) expect([...pngToMnist(writePng(spec), what)], what).toEqual(expected);
  });

  it('refuses what it cannot decode, one sentence each', () => {
    const seven = (over: Partial<Parameters<typeof writePng>[0]> = {}) => writePng({ width: 28, height: 28, colourType: 0, depth: 1, samples: levels(1), ...over });
    expect(() => pngToMnist(seven({ interlaced: true }), 'i.png')).toThrow('i.png: Adam7-interlaced images of 1 bits per sample are not supported; save it without interlacing.');
    const bad = seven();
    bad[45] = bad[45]! ^ 1; // inside the IDAT data
    expect(() => pngToMnist(bad, 'crc.png')).toThrow(/^crc\.png: chunk IDAT at byte 33 has CRC 0x[0-9a-f]{8}, its bytes give 0x[0-9a-f]{8}: the file is corrupt\.$/);
    expect(() => pngToMnist(Buffer.concat([seven(), Buffer.from('junk')]), 't.png')).toThrow('t.png: 4 bytes after the IEND chunk; a PNG ends there.');
    expect(() => pngToMnist(seven().subarray(0, 60), 'short.png')).toThrow(/^short\.png: truncated PNG: chunk IDAT at byte 33 declares \d+ bytes, the file has \d+ left\.$/);
    expect(() => pngToMnist(writePng({ width: 2, height: 1, colourType: 3, depth: 2, palette: [[0, 0, 0]], samples: [0, 3] }), 'p.png')).toThrow('p.png: pixel (1, 0) uses palette entry 3; the palette has 1.');
    expect(() => pngToMnist(writePng({ width: 1, height: 1, colourType: 2, depth: 4, samples: [1, 2, 3] }), 'd.png')).toThrow('d.png: bit depth 4 for a RGB image; expected 8, 16.');
    expect(() => pngToMnist(new TextEncoder().encode('not an image'), 'c.png')).toThrow(PngError);
    expect(() => pngToMnist(new TextEncoder().encode('not an image'), 'c.png')).toThrow(/^c\.png is not a PNG image \(/);
  });

  it('refuses decompression bombs before inflating them', () => {
    // A 10000×10000 grey PNG of 122 KB: refused from its header alone.
    const row = new Uint8Array(10001);
    const huge = writePng({ width: 1, height: 1, colourType: 0, depth: 8, samples: [0] });
    const ihdr = new Uint8Array(13);
    new DataView(ihdr.buffer).setUint32(0, 10000);
    new DataView(ihdr.buffer).setUint32(4, 10000);
    ihdr.set([8, 0, 0, 0, 0], 8);
    const bomb = Buffer.concat([huge.subarray(0, 8), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: 100 }, () => row)))), chunk('IEND', new Uint8Array(0))]);
    expect(() => pngToMnist(bomb, 'big.png')).toThrow(`big.png: the image is 10000×10000 = 100000000 pixels, more than the ${MAX_PNG_PIXELS} read here; shrink it first.`);
    // A 28×28 header over image data that inflates to 100 MB: inflation stops at the declared size.
    const flood = Buffer.concat([huge.subarray(0, 8), chunk('IHDR', writePng({ width: 28, height: 28, colourType: 0, depth: 8, samples: levels(255) }).subarray(16, 29)), chunk('IDAT', deflateSync(new Uint8Array(100_000_000))), chunk('IEND', new Uint8Array(0))]);
    const before = process.memoryUsage().rss;
    expect(() => decodePngGrey(flood, 'flood.png')).toThrow('flood.png: the image data inflates to more than the 812 bytes that a 28×28 grey image of 8 bits needs.');
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });
});
