// Reads a PNG as a 28×28 MNIST-style image: grey levels, white digit on black, resized by area averaging.
import { decode } from 'fast-png';
import { PIXELS } from '../data/dataset.js';

/** Thrown for a file that is not a usable PNG image. */
export class PngError extends Error {
  override readonly name = 'PngError';
}

/**
 * Decodes PNG bytes to 784 grey bytes (0 = black). Colour is averaged to grey, alpha composited on black, any
 * size resized to 28×28 by area averaging; a mostly light image (dark digit on white paper) is inverted.
 */
export function pngToMnist(bytes: Uint8Array, name: string): Uint8Array {
  let image;
  try {
    image = decode(bytes);
  } catch (error) {
    throw new PngError(`${name} is not a PNG image (${(error as Error).message}).`);
  }
  const { width, height, channels, data } = image;
  if (width < 1 || height < 1) throw new PngError(`${name}: empty image (${width}×${height}).`);
  const max = data instanceof Uint16Array ? 65535 : 255;
  const colour = channels >= 3 ? 3 : 1;
  const hasAlpha = channels === 2 || channels === 4;
  const grey = new Float64Array(width * height);
  for (let p = 0; p < width * height; p++) {
    let sum = 0;
    for (let c = 0; c < colour; c++) sum += data[p * channels + c]!;
    const alpha = hasAlpha ? data[p * channels + channels - 1]! / max : 1;
    grey[p] = (sum / colour / max) * alpha;
  }
  const out = new Uint8Array(PIXELS);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const [x0, x1] = [(x * width) / 28, ((x + 1) * width) / 28];
      const [y0, y1] = [(y * height) / 28, ((y + 1) * height) / 28];
      let sum = 0;
      let area = 0;
      for (let sy = Math.floor(y0); sy < Math.ceil(y1); sy++) {
        const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < Math.ceil(x1); sx++) {
          const w = wy * (Math.min(x1, sx + 1) - Math.max(x0, sx));
          sum += w * grey[sy * width + sx]!;
          area += w;
        }
      }
      out[y * 28 + x] = Math.round((255 * sum) / area);
    }
  }
  const mean = out.reduce((s, v) => s + v, 0) / PIXELS;
  return mean > 127 ? out.map((v) => 255 - v) : out;
}
