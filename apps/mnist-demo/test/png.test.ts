import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { PngError, pngToMnist } from '../src/node/png.js';

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

  it('says when the file is not a PNG', () => {
    expect(() => pngToMnist(new TextEncoder().encode('not an image'), 'c.png')).toThrow(PngError);
    expect(() => pngToMnist(new TextEncoder().encode('not an image'), 'c.png')).toThrow(/^c\.png is not a PNG image \(/);
  });
});
