// What the CLI prints: progress bars while an epoch runs, a line per epoch, and the final comparison table.
import cliProgress from 'cli-progress';
import type { BatchProgress } from '../train/trainer.js';

/** A progress bar for one epoch (silent when quiet or when stderr is not a terminal and CI is set). */
export function epochBar(label: string, quiet: boolean): { update(p: BatchProgress): void; stop(): void } {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {value}/{total} batches | loss {loss} | acc {acc} | {speed} ex/s | eta {eta_formatted}`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = { loss: p.loss.toFixed(4), acc: (100 * p.accuracy).toFixed(2) + '%', speed: Math.round(p.examplesPerSecond) };
      if (!started) {
        bar.start(p.batches, p.batch, payload);
        started = true;
      } else {
        bar.update(p.batch, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** A plain-text table with right-aligned numeric columns. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
