// The LayerNorm domain, live: per FastKAN layer, the % of its normalised inputs LayerNorm(x) outside its grid of
// centres [first centre, last centre], on a fixed sample of test images, against the training step (the numbers
// come from @kanjs/mnist's layerNormDomain, the same check that `kanjs-mnist --json` records after every epoch).
import type uPlot from 'uplot';
import type { DomainRecord } from '../src/train/domain.js';
import { stepChart } from './charts.js';

const LAYER_COLOURS = ['#7c3aed', '#059669', '#d97706', '#0891b2'];
const TITLE = 'LayerNorm outside grid (%)';

/** How the samples are taken, for the caption. */
export interface DomainSampling {
  /** Test images per measurement. */
  readonly images: number;
  /** Training steps between two measurements. */
  readonly every: number;
}

/** A chart of `outside` (in %) per layer against the step; `add` appends a measurement. */
export class DomainChart {
  private readonly steps: number[] = [];
  private columns: number[][] = [];
  private layers: readonly number[] = [];
  private plot: uPlot | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly caption: HTMLElement,
    private readonly sampling: DomainSampling,
  ) {
    this.build();
    this.describe(null);
    new ResizeObserver(() => {
      if (container.clientWidth > 0) this.plot?.setSize({ width: container.clientWidth, height: this.plot.height });
    }).observe(container);
  }

  /** Empties the chart for a new run or model. */
  reset(): void {
    this.steps.length = 0;
    for (const column of this.columns) column.length = 0;
    this.redraw();
  }

  /** Adds a measurement at `step`; [] (a model without LayerNorm) hides the plot and says why. */
  add(step: number, records: readonly DomainRecord[]): void {
    this.container.hidden = records.length === 0;
    if (records.length === 0) {
      this.reset();
      this.describe([]);
      return;
    }
    const layers = records.map((r) => r.layer);
    if (layers.join() !== this.layers.join()) {
      this.layers = layers;
      this.steps.length = 0;
      this.build();
    }
    if (this.steps[this.steps.length - 1] === step) {
      this.steps.pop();
      for (const column of this.columns) column.pop();
    }
    this.steps.push(step);
    records.forEach((r, i) => this.columns[i]!.push(100 * r.outside));
    this.describe(records);
    this.redraw();
  }

  /** A series per watched layer (one placeholder before the first measurement). */
  private build(): void {
    this.plot?.destroy();
    const labels = this.layers.length === 0 ? ['layer 0'] : this.layers.map((l) => `layer ${l}`);
    this.columns = labels.map(() => []);
    const series = labels.map((label, i) => {
      const colour = LAYER_COLOURS[i % LAYER_COLOURS.length]!;
      return { label, stroke: colour, width: 2, points: { show: true, size: 6, fill: colour } };
    });
    // From 0, so that a few per cent does not look like a lot.
    this.plot = stepChart(this.container, TITLE, series, { range: (_u, _min, max) => [0, Math.max(1, 1.15 * max)] });
  }

  private redraw(): void {
    this.plot!.setData([this.steps, ...this.columns]);
    const last = this.columns.map((column) => column[column.length - 1]).filter((v) => v !== undefined);
    this.container.dataset['points'] = String(this.steps.length);
    this.container.dataset['steps'] = this.steps.join(',');
    this.container.dataset['last'] = last.join(',');
  }

  /** The one-line caption: what the chart shows, with the grid once it is known. */
  private describe(records: readonly DomainRecord[] | null): void {
    const { images, every } = this.sampling;
    if (records !== null && records.length === 0) {
      this.caption.textContent = 'KANLinear has no LayerNorm: train FastKAN to see how much of LayerNorm(x) falls outside its grid [first centre, last centre].';
      return;
    }
    const ranges = [...new Set((records ?? []).map((r) => `[${number(r.gridMin)}, ${number(r.gridMax)}]`))];
    const grid = ranges.length === 0 ? '' : ` = ${ranges.join(' / ')}`;
    this.caption.textContent =
      `Per FastKAN layer, the % of LayerNorm(x) outside the grid [first centre, last centre]${grid}, ` +
      `on ${images} fixed test images, every ${every} step${every === 1 ? '' : 's'}.`;
  }
}

function number(value: number): string {
  return String(Number(value.toPrecision(4))).replace('-', '−');
}
