// Inside the KAN: the learned edge functions φ_{o,i} of the first layer for one hidden neuron o, drawn as
// small multiples over the inputs (pixels) i whose spline coefficients for o are largest. Only pixels that carry
// ink in a fair share of the training images are candidates: the others always see the same value, so their
// curves keep their random initialisation.
import * as tf from '@tensorflow/tfjs-core';
import { FastKANLayer, type KANLayerBase } from '@kanjs/kan-layers';
import { PIXELS, type Dataset } from '../src/data/dataset.js';

const POINTS = 49;
const CELL = { width: 116, height: 72 };

/** A grid of `count` small curve plots; `show` redraws it, skipping requests made while one is drawing. */
export class CurveGrid {
  private readonly cells: { canvas: HTMLCanvasElement; caption: HTMLElement }[] = [];
  private running: Promise<void> | null = null;
  private next: { layer: KANLayerBase; neuron: number } | null = null;
  private draws = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly axisCaption: HTMLElement,
    private readonly candidates: readonly number[],
    count = 16,
  ) {
    container.replaceChildren();
    for (let n = 0; n < count; n++) {
      const figure = document.createElement('figure');
      const canvas = document.createElement('canvas');
      canvas.width = CELL.width * devicePixelRatio;
      canvas.height = CELL.height * devicePixelRatio;
      canvas.style.width = `${CELL.width}px`;
      canvas.style.height = `${CELL.height}px`;
      const caption = document.createElement('figcaption');
      figure.append(canvas, caption);
      container.append(figure);
      this.cells.push({ canvas, caption });
    }
  }

  /** Draws φ_{neuron,i} of `layer` for its strongest inputs; requests made while one draws collapse into the latest. */
  show(layer: KANLayerBase, neuron: number): Promise<void> {
    this.next = { layer, neuron };
    this.running ??= (async () => {
      try {
        while (this.next !== null) {
          const { layer: l, neuron: o } = this.next;
          this.next = null;
          await this.draw(l, o);
        }
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async draw(layer: KANLayerBase, neuron: number): Promise<void> {
    const [low, high] = layer.basis.domain;
    const pad = (high - low) / 4;
    const x = Float32Array.from({ length: POINTS }, (_, p) => low - pad + ((high - low + 2 * pad) * p) / (POINTS - 1));
    const { inputs, values } = await strongestEdges(layer, neuron, this.candidates, this.cells.length, x);
    const [yMin, yMax] = values.reduce(([a, b], v) => [Math.min(a, v), Math.max(b, v)], [0, 0]);
    const normalised = layer instanceof FastKANLayer && layer.useLayerNorm;
    this.axisCaption.textContent =
      `Neuron ${neuron} of the first layer: φ(${normalised ? 'u' : 'x'}) for the ${inputs.length} often-inked pixels with the largest spline coefficients; ` +
      `${normalised ? 'u is the LayerNorm-ed input' : 'x is the normalised pixel'}, from ${x[0]!.toFixed(1)} to ${x[POINTS - 1]!.toFixed(1)}; ` +
      `y from ${yMin.toPrecision(2)} to ${yMax.toPrecision(2)}, shared by all plots.`;
    this.cells.forEach(({ canvas, caption }, n) => {
      const input = inputs[n];
      if (input === undefined) return;
      caption.textContent = `pixel (${Math.floor(input / 28)}, ${input % 28})`;
      plot(canvas, values.subarray(n * POINTS, (n + 1) * POINTS), yMin, yMax);
    });
    this.container.dataset['neuron'] = String(neuron);
    this.container.dataset['draws'] = String(++this.draws);
  }
}

/** The pixels that are inked (above half intensity) in at least `fraction` of the images. */
export function inkedPixels(data: Dataset, fraction = 0.1): number[] {
  const counts = new Uint32Array(PIXELS);
  for (let n = 0; n < data.count * PIXELS; n++) if (data.images[n]! > 127) counts[n % PIXELS]!++;
  return Array.from(counts.keys()).filter((pixel) => counts[pixel]! >= fraction * data.count);
}

/**
 * The `count` inputs i among `candidates` with the largest Σₖ |W̃[i, k, neuron]|, strongest first, and their
 * φ_{neuron,i}(x) = Σₖ Bₖ(x) · W̃[i, k, neuron] as [inputs, points]. This is `sampleCurves` restricted to a few
 * edges and read back asynchronously: `sampleCurves` samples every edge of the layer and reads them with
 * dataSync, which WebGPU can only do through a canvas (slow, and it loses the device on headless SwiftShader
 * unless Chromium composites with SwiftShader's Vulkan). The layer is only read before the first await, so
 * a model rebuilt meanwhile does no harm.
 */
async function strongestEdges(
  layer: KANLayerBase,
  neuron: number,
  candidates: readonly number[],
  count: number,
  x: Float32Array,
): Promise<{ inputs: Int32Array; values: Float32Array }> {
  const [chosen, curves] = tf.tidy(() => {
    const coefficients = layer.effectiveSplineCoefficients(); // [in, K, out]
    const [inFeatures, k] = coefficients.shape;
    const weights = tf.slice(coefficients, [0, 0, neuron], [inFeatures, k, 1]); // [in, K, 1]
    const pool = tf.tensor1d([...candidates], 'int32');
    const strength = tf.sum(tf.abs(tf.gather(weights, pool, 0)), [1, 2]); // [candidates]
    const top = tf.gather(pool, tf.topk(strength, Math.min(count, candidates.length)).indices); // [inputs]
    const xs = tf.tile(tf.reshape(tf.tensor1d(x), [x.length, 1]), [1, inFeatures]) as tf.Tensor2D; // [points, in]
    const basis = tf.transpose(tf.gather(layer.basis.evaluate(xs, layer.basisState()), top, 1), [1, 0, 2]); // [inputs, points, K]
    return [top, tf.reshape(tf.matMul(basis, tf.gather(weights, top, 0)), [top.size, x.length])]; // [inputs, points]
  });
  try {
    const [inputs, values] = await Promise.all([chosen.data(), curves.data()]);
    return { inputs: inputs as Int32Array, values: values as Float32Array };
  } finally {
    tf.dispose([chosen, curves]);
  }
}

/** One curve on a canvas, with the y = 0 line. */
function plot(canvas: HTMLCanvasElement, values: Float32Array, yMin: number, yMax: number): void {
  const c = canvas.getContext('2d');
  if (c === null) return;
  const { width, height } = canvas;
  const margin = 4 * devicePixelRatio;
  const span = yMax - yMin || 1;
  const toX = (p: number) => margin + ((width - 2 * margin) * p) / (values.length - 1);
  const toY = (v: number) => height - margin - ((height - 2 * margin) * (v - yMin)) / span;
  c.clearRect(0, 0, width, height);
  c.strokeStyle = '#cbd5e1';
  c.lineWidth = devicePixelRatio;
  c.beginPath();
  c.moveTo(margin, toY(0));
  c.lineTo(width - margin, toY(0));
  c.stroke();
  c.strokeStyle = '#7c3aed';
  c.lineWidth = 2 * devicePixelRatio;
  c.beginPath();
  values.forEach((v, p) => (p === 0 ? c.moveTo(toX(p), toY(v)) : c.lineTo(toX(p), toY(v))));
  c.stroke();
}
