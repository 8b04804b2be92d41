// The class probabilities of the drawn digit as ten bars, and the predicted class.

/** Ten labelled bars in `container`; `prediction` shows the most likely class. */
export class ProbabilityBars {
  private readonly bars: { row: HTMLElement; fill: HTMLElement; value: HTMLElement }[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly prediction: HTMLElement,
  ) {
    container.replaceChildren();
    for (let digit = 0; digit < 10; digit++) {
      const row = document.createElement('div');
      row.className = 'bar';
      row.dataset['class'] = String(digit);
      const label = document.createElement('span');
      label.className = 'bar-label';
      label.textContent = String(digit);
      const track = document.createElement('span');
      track.className = 'bar-track';
      const fill = document.createElement('span');
      fill.className = 'bar-fill';
      track.append(fill);
      const value = document.createElement('span');
      value.className = 'bar-value';
      row.append(label, track, value);
      container.append(row);
      this.bars.push({ row, fill, value });
    }
    this.show(null);
  }

  /** Shows probabilities [10], or empty bars for null (nothing drawn, or no model yet). */
  show(probabilities: Float32Array | null): void {
    const best = probabilities === null ? -1 : probabilities.indexOf(Math.max(...probabilities));
    this.bars.forEach(({ row, fill, value }, digit) => {
      const p = probabilities?.[digit];
      row.dataset['p'] = p === undefined ? '' : String(p);
      row.classList.toggle('best', digit === best);
      fill.style.width = `${100 * (p ?? 0)}%`;
      value.textContent = p === undefined ? '' : `${(100 * p).toFixed(1)}%`;
    });
    this.prediction.textContent = best < 0 ? '–' : String(best);
    this.prediction.dataset['class'] = best < 0 ? '' : String(best);
    this.container.dataset['ready'] = String(best >= 0);
  }
}
