// Turns a drawing into a 28×28 MNIST image the way MNIST was made: the digit's bounding box is scaled to fit
// a 20×20 box (keeping its aspect ratio, area-averaged), then placed in 28×28 with its centre of mass at the
// centre. White digit on black.
import { areaAverage } from '../src/data/area-average.js';
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
