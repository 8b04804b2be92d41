/** Small SVG string helpers shared by the plots. */

/** A number for an SVG attribute: 2 decimals, no trailing zeros. */
export function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Text escaped for SVG content and attributes. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An SVG document of the given size around `body`. */
export function document(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** A curve in a box: the points (xs, ys) scaled into [left, top, size, size], as a polyline or as dots. */
export function curveBox(
  xs: Float64Array,
  ys: Float64Array,
  box: { left: number; top: number; size: number },
  style: { color: string; opacity: number; dots: boolean },
): string {
  const { left, top, size } = box;
  const [x0, x1] = range(xs);
  const [y0, y1] = range(ys);
  const px = (v: number) => left + 0.08 * size + (0.84 * size * (v - x0)) / (x1 - x0);
  const py = (v: number) => top + 0.92 * size - (0.84 * size * (v - y0)) / (y1 - y0);
  const order = Array.from(xs.keys()).sort((p, q) => xs[p]! - xs[q]!);
  const step = Math.max(1, Math.floor(order.length / 200));
  const picked = order.filter((_, k) => k % step === 0);
  const frame = `<rect x="${n(left)}" y="${n(top)}" width="${n(size)}" height="${n(size)}" fill="white" stroke="${style.color}" stroke-width="1"/>`;
  const marks = style.dots
    ? picked.map((k) => `<circle cx="${n(px(xs[k]!))}" cy="${n(py(ys[k]!))}" r="${n(size / 60)}" fill="${style.color}"/>`).join('')
    : `<polyline fill="none" stroke="${style.color}" stroke-width="${n(Math.max(1, size / 30))}" points="${picked.map((k) => `${n(px(xs[k]!))},${n(py(ys[k]!))}`).join(' ')}"/>`;
  return `<g opacity="${n(style.opacity)}">${frame}${marks}</g>`;
}

/** [min, max] of the values, widened when they are all equal. */
function range(values: Float64Array): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (!(high > low)) return [low - 1, low + 1];
  return [low, high];
}
