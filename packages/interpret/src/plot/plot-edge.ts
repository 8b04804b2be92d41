import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Batch } from '../data.js';
import { kanStages } from '../stages.js';
import { edgeSamples, traceModel } from '../trace.js';
import { edgeColor, isCurve } from './edge-style.js';
import { curveBox, document, escape, n } from './svg.js';

/** Options of `plotEdge`. */
export interface PlotEdgeOptions {
  /** Draw the edge on the activations of this batch (pykan's way). Without it the edge is sampled over `range`. */
  readonly data?: Batch;
  /** The input range sampled without data. Default: the basis's domain. */
  readonly range?: readonly [number, number];
  /** Points sampled without data. Default 101. */
  readonly points?: number;
  /** The picture's side in pixels. Default 240. */
  readonly size?: number;
}

/**
 * One edge φ(x) of KAN layer `layer` as an SVG string: its output against its input, masks and symbolic branch
 * included, in pykan's colours. With data, the batch's activations (as pykan's plot draws them); without,
 * the edge sampled on `range` with the layer's other inputs at 0. A FastKAN edge behind LayerNorm depends on
 * every input, so it needs data and is drawn as dots.
 */
export function plotEdge(model: tfl.LayersModel, layer: number, i: number, o: number, options: PlotEdgeOptions = {}): string {
  const stages = kanStages(model, 'plotEdge');
  const kan = stages[layer]?.layer;
  if (kan === undefined) throw new Error(`plotEdge: expected a KAN layer index in [0, ${stages.length}), got ${layer}.`);
  if (!Number.isInteger(i) || i < 0 || i >= kan.inFeatures || !Number.isInteger(o) || o < 0 || o >= kan.units) {
    throw new Error(`plotEdge: expected an edge (i, o) with 0 ≤ i < ${kan.inFeatures} and 0 ≤ o < ${kan.units}, got (${i}, ${o}).`);
  }
  let xs: Float64Array;
  let ys: Float64Array;
  if (options.data !== undefined) {
    const trace = traceModel(model, options.data, 'plotEdge');
    ({ x: xs, y: ys } = edgeSamples(trace.layers[layer]!, trace.batch, i, o));
  } else {
    if (!isCurve(kan)) throw new Error('plotEdge: a FastKAN edge behind LayerNorm depends on every input; pass data to draw it.');
    const [low, high] = options.range ?? kan.basis.domain;
    const points = options.points ?? 101;
    if (!Number.isInteger(points) || points < 2) throw new Error(`plotEdge: points must be an integer ≥ 2, got ${points}.`);
    xs = Float64Array.from({ length: points }, (_, p) => low + ((high - low) * p) / (points - 1));
    const values = tf.tidy(() => {
      const grid = new Float32Array(points * kan.inFeatures);
      xs.forEach((v, p) => (grid[p * kan.inFeatures + i] = v));
      return kan.edgeActivations(tf.tensor2d(grid, [points, kan.inFeatures])).dataSync();
    });
    ys = Float64Array.from({ length: points }, (_, p) => values[(p * kan.inFeatures + i) * kan.units + o]!);
  }
  const size = options.size ?? 240;
  const color = edgeColor(kan, kan.edgeMask(), i, o) ?? 'lightgray';
  const symbolic = kan.symbolicEdge(i, o);
  const label = `layer ${layer}, edge (${i}, ${o})${symbolic === null ? '' : `: ${symbolic.name}`}`;
  return document(size, size + 24, [
    curveBox(xs, ys, { left: 0, top: 24, size }, { color, opacity: 1, dots: options.data !== undefined && !isCurve(kan) }),
    `<text x="${n(size / 2)}" y="16" font-size="13" text-anchor="middle">${escape(label)}</text>`,
  ]);
}
