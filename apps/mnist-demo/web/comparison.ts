// The last run's final numbers of each model, side by side: a column per model.
import type { RunSummary } from './training.js';

/** One finished run. */
export interface RunResult extends RunSummary {
  readonly model: string;
  readonly label: string;
  readonly params: number;
  readonly backend: string;
}

const ROWS: readonly [string, (r: RunResult) => string][] = [
  ['parameters', (r) => r.params.toLocaleString('en')],
  ['steps', (r) => String(r.steps)],
  ['epochs', (r) => r.epochs.toFixed(2)],
  ['train loss', (r) => r.trainLoss.toFixed(4)],
  ['test loss', (r) => r.loss.toFixed(4)],
  ['test accuracy', (r) => `${(100 * r.accuracy).toFixed(2)}%`],
  ['time', (r) => `${r.seconds.toFixed(1)} s`],
  ['backend', (r) => r.backend],
];

/** A table with a column per model (its latest run) and a row per measure, so that it stays narrow on a phone. */
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
    const results = [...this.results.values()];
    const cell = (tag: 'th' | 'td', text: string, model?: string) => {
      const element = Object.assign(document.createElement(tag), { textContent: text });
      if (model !== undefined) element.dataset['model'] = model;
      return element;
    };
    const head = document.createElement('tr');
    head.append(cell('th', ''), ...results.map((r) => cell('th', r.label, r.model)));
    const rows = ROWS.map(([name, value]) => {
      const row = document.createElement('tr');
      row.append(cell('th', name), ...results.map((r) => cell('td', value(r), r.model)));
      return row;
    });
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    if (results.length === 0) {
      const row = document.createElement('tr');
      row.append(cell('td', 'Train a model to see its numbers here.'));
      tbody.append(row);
      this.table.replaceChildren(tbody);
      return;
    }
    tbody.append(...rows);
    this.table.replaceChildren(thead, tbody);
  }
}
