// Turns a drawing into a 28×28 MNIST image the way MNIST was made: the digit's bounding box is scaled to fit
// a 20×20 box (keeping its aspect ratio, area-averaged), then placed in 28×28 with its centre of mass at the
// centre. White digit on black.
import { PIXELS } from '../src/data/dataset.js';

const SIDE = 28;
const BOX = 20;

/** 784 grey bytes from grey levels in [0, 1] of a width×height drawing, or null when nothing is drawn. */
export function drawingToMnist(grey: Float32Array, width: number, height: number, threshold = 0.05): Uint8Array | null {
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (grey[y * width + x]! <= threshold) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return null;
  const [boxWidth, boxHeight] = [right - left + 1, bottom - top + 1];
  const scale = BOX / Math.max(boxWidth, boxHeight);
  const [w, h] = [Math.max(1, Math.round(boxWidth * scale)), Math.max(1, Math.round(boxHeight * scale))];
  const small = areaAverage(grey, width, { left, top, width: boxWidth, height: boxHeight }, w, h); // [h, w]
  let [mass, sumX, sumY] = [0, 0, 0];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x]!;
      mass += v;
      sumX += v * (x + 0.5);
      sumY += v * (y + 0.5);
    }
  }
  const clampShift = (shift: number, size: number) => Math.min(SIDE - size, Math.max(0, shift));
  const dx = clampShift(Math.round(SIDE / 2 - sumX / mass), w);
  const dy = clampShift(Math.round(SIDE / 2 - sumY / mass), h);
  const out = new Uint8Array(PIXELS);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) out[(y + dy) * SIDE + x + dx] = Math.round(255 * Math.min(1, small[y * w + x]!));
  }
  return out;
}

interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The mean of `grey` (row stride `stride`) over each of outW×outH equal cells of `rect`, as [outH, outW]. */
function areaAverage(grey: Float32Array, stride: number, rect: Rect, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH);
  for (let oy = 0; oy < outH; oy++) {
    const [y0, y1] = [rect.top + (oy * rect.height) / outH, rect.top + ((oy + 1) * rect.height) / outH];
    for (let ox = 0; ox < outW; ox++) {
      const [x0, x1] = [rect.left + (ox * rect.width) / outW, rect.left + ((ox + 1) * rect.width) / outW];
      let [sum, area] = [0, 0];
      for (let sy = Math.floor(y0); sy < Math.ceil(y1); sy++) {
        const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < Math.ceil(x1); sx++) {
          const wxy = wy * (Math.min(x1, sx + 1) - Math.max(x0, sx));
          sum += wxy * grey[sy * stride + sx]!;
          area += wxy;
        }
      }
      out[oy * outW + ox] = sum / area;
    }
  }
  return out;
}
