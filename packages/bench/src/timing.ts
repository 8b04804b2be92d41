// The timing loop: warm-up, then repeats in which every contender runs once (round-robin, rotating start).
import { interleavedOrder } from './stats.js';

/** Something to time: one iteration of an op. */
export interface Timed {
  /**
   * Runs one iteration. When `complete` is true it also waits for the work to finish on the device (it reads
   * a value of the result back); otherwise it only queues the work.
   */
  step(complete: boolean): Promise<void>;
  /** Every iteration must complete (a training step reads its loss back): `complete` is always true. */
  readonly alwaysComplete?: boolean;
}

export interface TimingOptions {
  /** Untimed iterations per contender before timing, round-robin. */
  readonly warmup: number;
  /** Timed samples per contender. */
  readonly repeats: number;
  /**
   * When > 0, a sample runs enough iterations (ending with one completion wait) to last about this long, as
   * judged from the fastest warm-up iteration; its time is divided by the count. 0: one iteration a sample.
   */
  readonly minSampleMs: number;
  /** The most iterations in one sample. Default 1000. */
  readonly maxInner?: number;
  /**
   * A time budget for the whole group, ms. When the first warm-up round shows that warm-up and repeats would
   * take longer, fewer rounds run: warm-up down to one round, repeats down to three. Default: none.
   */
  readonly budgetMs?: number;
  /** The clock, ms. Default performance.now. */
  readonly now?: () => number;
  /** Called after each warm-up iteration and each sample. */
  readonly onStep?: () => void;
}

export interface TimingResult {
  /** Warm-up rounds run (fewer than asked when the budget was short). */
  readonly warmup: number;
  /** Timed samples (fewer than asked when the budget was short). */
  readonly repeats: number;
  /** Iterations per sample. */
  readonly inner: number;
  /** ms per iteration, one per repeat, in repeat order. */
  readonly samplesMs: number[];
}

/** Times contenders interleaved: warm-up rounds, then `repeats` rounds, each contender once per round. */
export async function timeInterleaved(contenders: readonly Timed[], options: TimingOptions): Promise<TimingResult[]> {
  const now = options.now ?? (() => performance.now());
  const maxInner = options.maxInner ?? 1000;
  const fastest = contenders.map(() => Infinity);
  let warmup = options.warmup;
  let repeats = options.repeats;
  for (let round = 0; round < warmup; round++) {
    const roundStart = now();
    for (const [i, contender] of contenders.entries()) {
      const start = now();
      await contender.step(true);
      fastest[i] = Math.min(fastest[i]!, now() - start);
      options.onStep?.();
    }
    if (round === 0 && options.budgetMs !== undefined) {
      const rounds = Math.floor(options.budgetMs / Math.max(now() - roundStart, 1e-3));
      warmup = Math.min(warmup, Math.max(1, Math.floor(rounds / 5)));
      repeats = Math.min(repeats, Math.max(Math.min(3, repeats), rounds - warmup));
    }
  }
  const inner = fastest.map((ms) =>
    options.minSampleMs > 0 && Number.isFinite(ms) ? Math.max(1, Math.min(maxInner, Math.ceil(options.minSampleMs / Math.max(ms, 1e-3)))) : 1,
  );
  const samples: number[][] = contenders.map(() => []);
  for (const [, i] of interleavedOrder(contenders.length, repeats)) {
    const contender = contenders[i]!;
    const count = inner[i]!;
    const start = now();
    for (let n = 0; n < count; n++) await contender.step(contender.alwaysComplete === true || n === count - 1);
    samples[i]!.push((now() - start) / count);
    options.onStep?.();
  }
  return contenders.map((_, i) => ({ warmup, repeats, inner: inner[i]!, samplesMs: samples[i]! }));
}
