// Image shrinking by area averaging, shared by the PNG reader (Node) and the drawing pad (browser).

/** A rectangle of an image, in pixels. */
export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The mean of `grey` (row stride `stride`) over each of outW×outH equal cells of `rect`, as [outH, outW]. */
export function areaAverage(grey: Float32Array, stride: number, rect: Rect, outW: number, outH: number): Float32Array {
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
