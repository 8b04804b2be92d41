// The last run's final numbers of each model, side by side.
import type { RunSummary } from './training.js';

/** One finished run. */
export interface RunResult extends RunSummary {
  readonly model: string;
  readonly label: string;
  readonly params: number;
  readonly backend: string;
}

const COLUMNS: readonly [string, (r: RunResult) => string][] = [
  ['model', (r) => r.label],
  ['parameters', (r) => r.params.toLocaleString('en')],
  ['steps', (r) => String(r.steps)],
  ['epochs', (r) => r.epochs.toFixed(2)],
  ['train loss', (r) => r.trainLoss.toFixed(4)],
  ['test loss', (r) => r.loss.toFixed(4)],
  ['test accuracy', (r) => `${(100 * r.accuracy).toFixed(2)}%`],
  ['time', (r) => `${r.seconds.toFixed(1)} s`],
  ['backend', (r) => r.backend],
];

/** A table with a row per model, each showing that model's latest run. */
export class Comparison {
  private readonly results = new Map<string, RunResult>();

  constructor(private readonly table: HTMLTableElement) {
    this.render();
  }

  /** Records a finished run, replacing the model's previous one. */
  add(result: RunResult): void {
    this.results.set(result.model, result);
    this.render();
  }

  private render(): void {
    const head = document.createElement('tr');
    for (const [name] of COLUMNS) head.append(Object.assign(document.createElement('th'), { textContent: name }));
    const rows = [...this.results.values()].map((result) => {
      const row = document.createElement('tr');
      row.dataset['model'] = result.model;
      for (const [, cell] of COLUMNS) row.append(Object.assign(document.createElement('td'), { textContent: cell(result) }));
      return row;
    });
    if (rows.length === 0) {
      const empty = Object.assign(document.createElement('td'), { textContent: 'Train a model to see its numbers here.', colSpan: COLUMNS.length });
      const row = document.createElement('tr');
      row.append(empty);
      rows.push(row);
    }
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    tbody.append(...rows);
    this.table.replaceChildren(thead, tbody);
  }
}
