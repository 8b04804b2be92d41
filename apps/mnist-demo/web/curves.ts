// Inside the KAN: the learned edge functions φ_{o,i} of the first layer for one hidden neuron o, drawn as
// small multiples over the inputs (pixels) i whose spline coefficients for o are largest.
import * as tf from '@tensorflow/tfjs-core';
import { FastKANLayer, sampleCurves, type KANLayerBase } from '@kanjs/kan-layers';

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

  /** Draws φ_{neuron,i} of `layer` for its most important inputs; resolves when the latest request is drawn. */
  show(layer: KANLayerBase, neuron: number): Promise<void> {
    this.next = { layer, neuron };
    this.running ??= (async () => {
      while (this.next !== null) {
        const { layer: l, neuron: o } = this.next;
        this.next = null;
        await this.draw(l, o);
      }
      this.running = null;
    })();
    return this.running;
  }

  private async draw(layer: KANLayerBase, neuron: number): Promise<void> {
    const inputs = await strongestInputs(layer, neuron, this.cells.length);
    const [low, high] = layer.basis.domain;
    const pad = (high - low) / 4;
    const curves = sampleCurves(layer, { points: POINTS, range: [low - pad, high + pad] });
    let [yMin, yMax] = [0, 0];
    for (const i of inputs) {
      for (const v of curves.curve(i, neuron)) [yMin, yMax] = [Math.min(yMin, v), Math.max(yMax, v)];
    }
    const normalised = layer instanceof FastKANLayer && layer.useLayerNorm;
    this.axisCaption.textContent =
      `Neuron ${neuron} of the first layer: φ(${normalised ? 'u' : 'x'}) for its ${inputs.length} inputs with the largest spline coefficients; ` +
      `${normalised ? 'u is the LayerNorm-ed input' : 'x is the normalised pixel'}, from ${(low - pad).toFixed(1)} to ${(high + pad).toFixed(1)}; ` +
      `y from ${yMin.toFixed(2)} to ${yMax.toFixed(2)}, shared by all plots.`;
    this.cells.forEach(({ canvas, caption }, n) => {
      const input = inputs[n];
      if (input === undefined) return;
      caption.textContent = `pixel (${Math.floor(input / 28)}, ${input % 28})`;
      plot(canvas, curves.curve(input, neuron), yMin, yMax);
    });
    this.container.dataset['neuron'] = String(neuron);
    this.container.dataset['draws'] = String(++this.draws);
  }
}

/** The `count` inputs i with the largest Σₖ |W̃[i, k, neuron]|, strongest first. */
async function strongestInputs(layer: KANLayerBase, neuron: number, count: number): Promise<number[]> {
  const strength = tf.tidy(() => {
    const coefficients = layer.effectiveSplineCoefficients(); // [in, K, out]
    const [inFeatures, k] = coefficients.shape;
    return tf.sum(tf.abs(tf.slice(coefficients, [0, 0, neuron], [inFeatures, k, 1])), [1, 2]); // [in]
  });
  const values = await strength.data();
  strength.dispose();
  return Array.from(values.keys()).sort((a, b) => values[b]! - values[a]!).slice(0, count);
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
