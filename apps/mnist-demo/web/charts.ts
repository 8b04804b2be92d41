// Live loss and accuracy charts (uPlot): the training loss and accuracy over the last few batches, and the
// test set's after each epoch, against the training step; and the page's chart style, for the other step charts.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const TRAIN_COLOUR = '#2563eb';
const TEST_COLOUR = '#dc2626';

type Column = (number | null)[];

/** Two charts side by side: loss, and accuracy in %. */
export class TrainingCharts {
  private readonly steps: number[] = [];
  private readonly columns = { trainLoss: [] as Column, testLoss: [] as Column, trainAccuracy: [] as Column, testAccuracy: [] as Column };
  private readonly loss: uPlot;
  private readonly accuracy: uPlot;

  constructor(lossContainer: HTMLElement, accuracyContainer: HTMLElement) {
    this.loss = chart(lossContainer, 'loss (cross-entropy)', 'loss');
    this.accuracy = chart(accuracyContainer, 'accuracy (%)', 'accuracy');
    new ResizeObserver(() => {
      for (const [plot, container] of [[this.loss, lossContainer], [this.accuracy, accuracyContainer]] as const) {
        plot.setSize({ width: container.clientWidth, height: plot.height });
      }
    }).observe(lossContainer);
  }

  /** Empties both charts for a new run. */
  reset(): void {
    this.steps.length = 0;
    for (const column of Object.values(this.columns)) column.length = 0;
    this.redraw();
  }

  /** Adds the training loss and accuracy (0–1) at a step. */
  addTrain(step: number, loss: number, accuracy: number): void {
    this.row(step);
    this.columns.trainLoss[this.steps.length - 1] = loss;
    this.columns.trainAccuracy[this.steps.length - 1] = 100 * accuracy;
    this.redraw();
  }

  /** Adds the test loss and accuracy (0–1) at a step. */
  addTest(step: number, loss: number, accuracy: number): void {
    this.row(step);
    this.columns.testLoss[this.steps.length - 1] = loss;
    this.columns.testAccuracy[this.steps.length - 1] = 100 * accuracy;
    this.redraw();
  }

  /** Makes `step` the last row, appending an empty one when it is new. */
  private row(step: number): void {
    if (this.steps[this.steps.length - 1] === step) return;
    this.steps.push(step);
    for (const column of Object.values(this.columns)) column.push(null);
  }

  private redraw(): void {
    const { trainLoss, testLoss, trainAccuracy, testAccuracy } = this.columns;
    this.loss.setData([this.steps, trainLoss, testLoss]);
    this.accuracy.setData([this.steps, trainAccuracy, testAccuracy]);
  }
}

function chart(container: HTMLElement, title: string, what: string): uPlot {
  return stepChart(container, title, [
    { label: `train ${what}`, stroke: TRAIN_COLOUR, width: 2, spanGaps: true, points: { show: false } },
    { label: `test ${what}`, stroke: TEST_COLOUR, width: 2, spanGaps: true, points: { show: true, size: 7, fill: TEST_COLOUR } },
  ]);
}

/** A chart in the page's style of `series` against the training step, as wide as `container`. */
export function stepChart(container: HTMLElement, title: string, series: uPlot.Series[], y?: uPlot.Scale): uPlot {
  const options: uPlot.Options = {
    title,
    width: Math.max(240, container.clientWidth),
    height: 220,
    scales: { x: { time: false }, ...(y === undefined ? {} : { y }) },
    legend: { live: false },
    // Steps are whole numbers: no ticks between them.
    axes: [{ label: 'step', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000] }, {}],
    series: [{ label: 'step' }, ...series],
  };
  return new uPlot(options, [[], ...series.map(() => [])], container);
}
