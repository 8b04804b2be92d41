// Inside the KAN: the learned edge functions φ_{o,i} of the first layer for one hidden neuron o, drawn as
// small multiples over the inputs (pixels) i, with each edge's function at step 0 (when the model was built)
// beside it. Only pixels that carry ink in a fair share of the training images are candidates: the others always
// see the same value, so their curves keep their random initialisation.
//
// What learning looks like differs by model: FastKAN's edges start as sizeable random curves that training
// bends by a few per cent, KANLinear's start as ±0.001 noise that training grows into shapes. So each plot has
// its own y scale (printed under it), the edges shown are those that changed most since step 0, and once
// training has begun the plots show the change φ − φ₀ (or, switched, φ now over φ₀).
import * as tf from '@tensorflow/tfjs-core';
import { FastKANLayer, type KANLayerBase } from '@kanjs/kan-layers';
import { PIXELS, type Dataset } from '../src/data/dataset.js';

const POINTS = 49;
const CELL = { width: 116, height: 72 };

/** What a plot shows: the function now with its step-0 curve, or the change since step 0. */
export type CurveMode = 'curve' | 'change';

/** A grid of `count` small curve plots; `show` redraws it, skipping requests made while one is drawing. */
export class CurveGrid {
  private readonly cells: { canvas: HTMLCanvasElement; caption: HTMLElement }[] = [];
  private running: Promise<void> | null = null;
  private next: { layer: KANLayerBase; neuron: number } | null = null;
  private initial: { layer: KANLayerBase; coefficients: tf.Tensor3D } | null = null;
  private draws = 0;
  /** What the plots show once training has changed the layer (before, they show φ₀); `show` again to redraw. */
  mode: CurveMode = 'change';

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
      const caption = document.createElement('figcaption');
      caption.append(document.createElement('span'), document.createElement('span'));
      figure.append(canvas, caption);
      container.append(figure);
      this.cells.push({ canvas, caption });
    }
  }

  /** Remembers `layer`'s coefficients as its step-0 state (call it once per new model, before training). */
  setInitial(layer: KANLayerBase): void {
    this.initial?.coefficients.dispose();
    this.initial = { layer, coefficients: tf.keep(tf.clone(layer.effectiveSplineCoefficients())) };
  }

  /** Draws φ_{neuron,i} of `layer` for the edges that changed most; requests made while one draws collapse into the latest. */
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
    if (this.initial?.layer !== layer) this.setInitial(layer);
    const normalised = layer instanceof FastKANLayer && layer.useLayerNorm;
    // A normalised pixel lies in [−1, 1], the basis's domain; a LayerNorm-ed one reaches past the Gaussians' range.
    const [low, high] = layer.basis.domain;
    const pad = normalised ? (high - low) / 4 : 0;
    const x = Float32Array.from({ length: POINTS }, (_, p) => low - pad + ((high - low + 2 * pad) * p) / (POINTS - 1));
    const { inputs, now, before, changed } = await changedEdges(layer, this.initial!.coefficients, neuron, this.candidates, this.cells.length, x);
    const variable = normalised ? 'u' : 'x';
    const change = changed && this.mode === 'change';
    const plotted = !changed
      ? `Before training: φ₀(${variable}) at step 0, for the ${inputs.length} often-inked pixels with the largest coefficients.`
      : change
        ? `Plotted: the change since step 0, φ(${variable}) − φ₀(${variable}), for the ${inputs.length} often-inked pixels whose coefficients changed most.`
        : `Purple: φ(${variable}) now; grey, dashed: φ₀ at step 0; for the ${inputs.length} often-inked pixels whose coefficients changed most.`;
    this.axisCaption.textContent =
      `Neuron ${neuron} of the first layer, one plot per input pixel: the edge's learned function, its spline part Σₖ Bₖ(${variable})·wₖ ` +
      `(the SiLU base branch is left out). ${plotted} ` +
      `${normalised ? 'u is the LayerNorm-ed input' : 'x is the normalised pixel, −1 (paper) to 1 (ink)'}, from ${minus(x[0]!.toFixed(1))} to ${x[POINTS - 1]!.toFixed(1)}; ` +
      'each plot has its own y scale, its range printed under it.';
    this.cells.forEach(({ canvas, caption }, n) => {
      const input = inputs[n];
      if (input === undefined) return;
      const current = now.subarray(n * POINTS, (n + 1) * POINTS);
      const start = before.subarray(n * POINTS, (n + 1) * POINTS);
      const lines = !changed
        ? [{ values: start, dashed: false }]
        : change
          ? [{ values: current.map((v, p) => v - start[p]!), dashed: false }]
          : [{ values: start, dashed: true }, { values: current, dashed: false }];
      const [yMin, yMax] = range(lines.map((line) => line.values));
      const [pixel, yRange] = caption.children as unknown as [HTMLElement, HTMLElement];
      pixel.textContent = `pixel (${Math.floor(input / 28)}, ${input % 28})`;
      yRange.textContent = formatRange(yMin, yMax);
      caption.title = `pixel row ${Math.floor(input / 28)}, column ${input % 28}; y from ${yMin.toPrecision(3)} to ${yMax.toPrecision(3)}`;
      plot(canvas, lines, yMin, yMax);
    });
    this.container.dataset['mode'] = change ? 'change' : 'curve';
    this.container.dataset['neuron'] = String(neuron);
    this.container.dataset['changed'] = String(changed);
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
 * The `count` inputs i among `candidates` whose coefficients for `neuron` moved most since step 0
 * (Σₖ |W̃[i, k, neuron] − W̃₀[i, k, neuron]|; before any change, the largest Σₖ |W̃|), strongest first, with
 * φ_{neuron,i}(x) = Σₖ Bₖ(x) · W̃[i, k, neuron] now and at step 0, each [inputs, points]. This is
 * `sampleCurves` restricted to a few edges and read back asynchronously: `sampleCurves` samples every edge of the
 * layer and reads them with dataSync, which WebGPU can only do through a canvas (slow, and it loses the device on
 * headless SwiftShader unless Chromium composites with SwiftShader's Vulkan). The layer is only read before the
 * first await, so a model rebuilt meanwhile does no harm.
 */
async function changedEdges(
  layer: KANLayerBase,
  initial: tf.Tensor3D,
  neuron: number,
  candidates: readonly number[],
  count: number,
  x: Float32Array,
): Promise<{ inputs: Int32Array; now: Float32Array; before: Float32Array; changed: boolean }> {
  const tensors = tf.tidy(() => {
    const column = (coefficients: tf.Tensor3D) => {
      const [inFeatures, k] = coefficients.shape;
      return tf.slice(coefficients, [0, 0, neuron], [inFeatures, k, 1]); // [in, K, 1]
    };
    const weights = column(layer.effectiveSplineCoefficients());
    const start = column(initial);
    const pool = tf.tensor1d([...candidates], 'int32');
    const change = tf.sum(tf.abs(tf.sub(tf.gather(weights, pool, 0), tf.gather(start, pool, 0))), [1, 2]); // [candidates]
    const magnitude = tf.sum(tf.abs(tf.gather(weights, pool, 0)), [1, 2]); // [candidates]
    const changed = tf.greater(tf.max(change), 0);
    const top = tf.gather(pool, tf.topk(tf.where(changed, change, magnitude), Math.min(count, candidates.length)).indices); // [inputs]
    const xs = tf.tile(tf.reshape(tf.tensor1d(x), [x.length, 1]), [1, weights.shape[0]]) as tf.Tensor2D; // [points, in]
    const basis = tf.transpose(tf.gather(layer.basis.evaluate(xs, layer.basisState()), top, 1), [1, 0, 2]); // [inputs, points, K]
    const curve = (w: tf.Tensor) => tf.reshape(tf.matMul(basis, tf.gather(w, top, 0)), [top.size, x.length]); // [inputs, points]
    return [top, curve(weights), curve(start), changed];
  });
  try {
    const [inputs, now, before, changed] = await Promise.all(tensors.map((t) => t.data()));
    return { inputs: inputs as Int32Array, now: now as Float32Array, before: before as Float32Array, changed: changed![0] === 1 };
  } finally {
    tf.dispose(tensors);
  }
}

/** The smallest and largest value of some curves, with 0 included (the plots draw the y = 0 line). */
function range(curves: readonly Float32Array[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const values of curves) for (const v of values) [low, high] = [Math.min(low, v), Math.max(high, v)];
  return [low, high];
}

/** A y range as a short label: "−0.25 … 0.12", or with a shared power of ten, "−8.8 … 6.5 ×10⁻⁵". */
function formatRange(low: number, high: number): string {
  const largest = Math.max(Math.abs(low), Math.abs(high));
  const exponent = largest === 0 ? 0 : Math.floor(Math.log10(largest));
  if (exponent >= -2 && exponent <= 3) return `${short(low.toPrecision(2), low)} … ${short(high.toPrecision(2), high)}`;
  const scale = 10 ** exponent;
  const superscript = String(exponent).replace(/[-0-9]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]!);
  return `${short((low / scale).toFixed(1), low)} … ${short((high / scale).toFixed(1), high)} ×10${superscript}`;
}

/** A number's label with a real minus sign, and 0 as "0". */
function short(text: string, value: number): string {
  return value === 0 ? '0' : minus(text);
}

function minus(text: string): string {
  return text.replace('-', '−');
}

/** Curves on a canvas, scaled to [yMin, yMax], with the y = 0 line; dashed ones in grey. */
function plot(canvas: HTMLCanvasElement, lines: readonly { values: Float32Array; dashed: boolean }[], yMin: number, yMax: number): void {
  const c = canvas.getContext('2d');
  if (c === null) return;
  const { width, height } = canvas;
  const margin = 4 * devicePixelRatio;
  const span = yMax - yMin || 1;
  const toX = (p: number) => margin + ((width - 2 * margin) * p) / (POINTS - 1);
  const toY = (v: number) => height - margin - ((height - 2 * margin) * (v - yMin)) / span;
  c.clearRect(0, 0, width, height);
  c.strokeStyle = '#cbd5e1';
  c.lineWidth = devicePixelRatio;
  c.setLineDash([]);
  c.beginPath();
  c.moveTo(margin, toY(0));
  c.lineTo(width - margin, toY(0));
  c.stroke();
  for (const { values, dashed } of lines) {
    c.strokeStyle = dashed ? '#94a3b8' : '#7c3aed';
    c.lineWidth = (dashed ? 1.5 : 2) * devicePixelRatio;
    c.setLineDash(dashed ? [4 * devicePixelRatio, 3 * devicePixelRatio] : []);
    c.beginPath();
    values.forEach((v, p) => (p === 0 ? c.moveTo(toX(p), toY(v)) : c.lineTo(toX(p), toY(v))));
    c.stroke();
  }
}
