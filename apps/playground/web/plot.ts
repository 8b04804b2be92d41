// The pictures: the network (plotKAN's SVG: nodes, every edge's curve, opacity by attribution), redrawn while
// the model trains, and a scatter of the formula's values against the held-out data, with the line y = x.
import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { plotKAN } from '@kanjs/interpret';

const SVG = 'http://www.w3.org/2000/svg';

/** Draws the network into `container` and counts the draws in its `data-draws`. */
export function showNetwork(container: HTMLElement, model: tfl.LayersModel, inputs: tf.Tensor2D): void {
  container.innerHTML = plotKAN(model, { data: inputs });
  container.dataset['draws'] = String(Number(container.dataset['draws'] ?? 0) + 1);
}

/** Draws `predicted` against `actual` as points in an SVG of `size` pixels, with the diagonal they should lie on. */
export function showComparison(container: HTMLElement, actual: readonly number[], predicted: readonly number[], size = 260): void {
  const margin = 28;
  const values = [...actual, ...predicted];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const at = (v: number) => margin + ((size - 2 * margin) * (v - low)) / span;
  const svg = element('svg', { width: size, height: size, viewBox: `0 0 ${size} ${size}`, role: 'img' });
  svg.append(element('title', {}, 'The formula against the held-out data'));
  svg.append(element('rect', { x: margin, y: margin, width: size - 2 * margin, height: size - 2 * margin, class: 'frame' }));
  svg.append(element('line', { x1: at(low), y1: size - at(low), x2: at(high), y2: size - at(high), class: 'diagonal' }));
  actual.forEach((truth, n) => svg.append(element('circle', { cx: at(truth), cy: size - at(predicted[n]!), r: 1.8, class: 'point' })));
  svg.append(element('text', { x: size / 2, y: size - 6, class: 'axis' }, 'data'));
  svg.append(element('text', { x: 10, y: size / 2, class: 'axis', transform: `rotate(-90 10 ${size / 2})` }, 'formula'));
  for (const [v, x, y] of [[low, margin, size - margin + 12], [high, size - margin, size - margin + 12]] as const) {
    svg.append(element('text', { x, y, class: 'tick' }, v.toPrecision(3)));
  }
  container.replaceChildren(svg);
}

function element(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}
