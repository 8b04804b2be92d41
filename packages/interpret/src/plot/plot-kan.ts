import type * as tfl from '@tensorflow/tfjs-layers';
import { attributeTrace } from '../attribution.js';
import type { Batch } from '../data.js';
import { nodeWidths, subnodesOf } from '../stages.js';
import { edgeSamples, traceModel } from '../trace.js';
import { edgeColor, isCurve } from './edge-style.js';
import { curveBox, document, escape, n } from './svg.js';

/** Options of `plotKAN`. */
export interface PlotKANOptions {
  /** The batch whose activations are drawn and whose attribution sets each edge's opacity. */
  readonly data: Batch;
  /** Opacity = tanh(beta · edge score) (pykan's `beta`). Default 3. */
  readonly beta?: number;
  /** The picture's width in pixels. Default 640. */
  readonly width?: number;
  /** Labels under the inputs. */
  readonly inputNames?: readonly string[];
  /** Labels over the outputs. */
  readonly outputNames?: readonly string[];
}

/**
 * The network as pykan's `plot()` draws it, as an SVG string: node layers from the inputs (bottom) to the
 * outputs (top), and for every edge a small box with its activation on the data (input against output, sorted
 * by input), wired from its input node to its output's sum node. Edges are black when numeric, red when
 * symbolic, purple when both, absent when masked off; each edge's opacity is tanh(beta · its attribution score).
 * KANNodes' mult nodes are drawn as × above their subnodes.
 */
export function plotKAN(model: tfl.LayersModel, options: PlotKANOptions): string {
  const trace = traceModel(model, options.data, 'plotKAN');
  const { edges: scores } = attributeTrace(trace);
  const beta = options.beta ?? 3;
  const width = options.width ?? 640;
  const widths = nodeWidths(trace.stages);
  const boxes = Math.max(...trace.stages.map(({ layer }) => layer.inFeatures * layer.units));
  const box = Math.min(64, (0.8 * width) / boxes);
  const layerHeight = Math.max(160, 3 * box);
  const height = layerHeight * trace.stages.length + 80;
  const nodeY = (l: number) => height - 40 - l * layerHeight;
  const at = (count: number, k: number) => ((k + 0.5) / count) * width;
  const body: string[] = [];
  trace.stages.forEach((stage, l) => {
    const { layer } = stage;
    const { inFeatures: inputs, units: outputs } = layer;
    const mask = layer.edgeMask();
    const y0 = nodeY(l);
    const sumY = nodeY(l + 1) + 0.18 * layerHeight;
    const boxY = (y0 + sumY) / 2 - box / 2;
    for (let i = 0; i < inputs; i++) {
      for (let o = 0; o < outputs; o++) {
        const color = edgeColor(layer, mask, i, o);
        if (color === null) continue;
        const opacity = Math.tanh(beta * scores[l]![i * outputs + o]!);
        const cx = at(inputs * outputs, i * outputs + o);
        body.push(
          `<line x1="${n(at(inputs, i))}" y1="${n(y0)}" x2="${n(cx)}" y2="${n(boxY + box)}" stroke="${color}" stroke-opacity="${n(opacity)}"/>`,
          `<line x1="${n(cx)}" y1="${n(boxY)}" x2="${n(at(outputs, o))}" y2="${n(sumY)}" stroke="${color}" stroke-opacity="${n(opacity)}"/>`,
        );
        const { x, y } = edgeSamples(trace.layers[l]!, trace.batch, i, o);
        body.push(curveBox(x, y, { left: cx - box / 2, top: boxY, size: box }, { color, opacity, dots: !isCurve(layer) }));
      }
    }
    const nodes = widths[l + 1]!;
    for (let j = 0; j < nodes; j++) {
      const subnodes = subnodesOf(stage, j);
      for (const s of subnodes) {
        body.push(`<line x1="${n(at(outputs, s))}" y1="${n(sumY)}" x2="${n(at(nodes, j))}" y2="${n(nodeY(l + 1))}" stroke="black"/>`);
      }
      if (subnodes.length > 1) body.push(`<text x="${n(at(nodes, j))}" y="${n(nodeY(l + 1) + 0.09 * layerHeight)}" font-size="14" text-anchor="middle">×</text>`);
    }
    for (let o = 0; o < outputs; o++) {
      body.push(`<circle cx="${n(at(outputs, o))}" cy="${n(sumY)}" r="5" fill="white" stroke="black"/>`);
    }
  });
  widths.forEach((count, l) => {
    for (let j = 0; j < count; j++) body.push(`<circle cx="${n(at(count, j))}" cy="${n(nodeY(l))}" r="6" fill="black"/>`);
  });
  const label = (names: readonly string[] | undefined, count: number, y: number) =>
    (names ?? []).slice(0, count).forEach((name, j) => body.push(`<text x="${n(at(count, j))}" y="${n(y)}" font-size="16" text-anchor="middle">${escape(name)}</text>`));
  label(options.inputNames, widths[0]!, height - 14);
  label(options.outputNames, widths[widths.length - 1]!, 26);
  return document(width, height, body);
}
