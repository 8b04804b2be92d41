// Statistics and the timing loop: quantiles as numpy computes them, the interleaving order, and what is timed.
import { describe, expect, it } from 'vitest';
import { interleavedOrder, median, pairedRatioSpread, quantile, summarize, timeInterleaved, type Timed } from '@kanjs/bench';

describe('quantile and summarize', () => {
  it('interpolate linearly between order statistics (numpy default)', () => {
    // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25]
    expect(quantile([4, 1, 3, 2], 0.25)).toBeCloseTo(1.75, 12);
    expect(median([4, 1, 3, 2])).toBeCloseTo(2.5, 12);
    expect(quantile([4, 1, 3, 2], 0.75)).toBeCloseTo(3.25, 12);
    expect(median([7, 1, 5])).toBe(5);
    expect(quantile([3], 0.9)).toBe(3);
  });

  it('summarize gives median, quartiles, extremes and mean, unaffected by one outlier in the median', () => {
    const s = summarize([10, 11, 12, 13, 1000]);
    expect(s).toEqual({ median: 12, p25: 11, p75: 13, min: 10, max: 1000, mean: 209.2 });
  });

  it('rejects empty input and q outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(/no values/);
    expect(() => quantile([1], 1.5)).toThrow(/q must be in \[0, 1\]/);
    expect(() => summarize([])).toThrow(/no samples/);
  });

  it('pairs per-repeat ratios', () => {
    const spread = pairedRatioSpread([2, 4, 6, 8], [1, 2, 3, 4]);
    expect(spread).toEqual({ median: 2, p25: 2, p75: 2 });
  });
});

describe('interleavedOrder', () => {
  it('runs every contender once per repeat, rotating the start', () => {
    expect(interleavedOrder(3, 3)).toEqual([
      [0, 0], [0, 1], [0, 2],
      [1, 1], [1, 2], [1, 0],
      [2, 2], [2, 0], [2, 1],
    ]);
  });

  it('never runs all repeats of one contender back to back', () => {
    const order = interleavedOrder(4, 10).map(([, c]) => c);
    for (let repeat = 0; repeat < 10; repeat++) {
      expect(new Set(order.slice(repeat * 4, repeat * 4 + 4)).size).toBe(4);
    }
    const firsts = new Set(Array.from({ length: 10 }, (_, r) => order[r * 4]));
    expect(firsts.size).toBe(4);
  });
});

describe('timeInterleaved', () => {
  /** A contender on a fake clock: each step advances the clock by its cost and logs itself. */
  function fake(name: string, cost: number, clock: { t: number }, log: string[], alwaysComplete = false): Timed {
    return {
      alwaysComplete,
      async step(complete) {
        clock.t += cost;
        log.push(`${name}${complete ? '!' : ''}`);
      },
    };
  }

  it('excludes warm-up, interleaves the repeats and times each sample', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    const steps: number[] = [];
    const results = await timeInterleaved([fake('a', 1, clock, log), fake('b', 3, clock, log)], {
      warmup: 2, repeats: 3, minSampleMs: 0, now: () => clock.t, onStep: () => steps.push(log.length),
    });
    // Warm-up rounds first (completed), then one sample per contender per repeat, starting contender rotating.
    expect(log).toEqual(['a!', 'b!', 'a!', 'b!', 'a!', 'b!', 'b!', 'a!', 'a!', 'b!']);
    expect(results).toEqual([{ warmup: 2, repeats: 3, inner: 1, samplesMs: [1, 1, 1] }, { warmup: 2, repeats: 3, inner: 1, samplesMs: [3, 3, 3] }]);
    expect(steps).toHaveLength(2 * 2 + 2 * 3);
  });

  it('calibrates iterations per sample from the fastest warm-up step, completing only the last', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    const results = await timeInterleaved([fake('a', 2, clock, log), fake('t', 5, clock, log, true)], {
      warmup: 1, repeats: 1, minSampleMs: 10, now: () => clock.t,
    });
    expect(results.map((r) => r.inner)).toEqual([5, 2]);
    expect(results[0]).toMatchObject({ warmup: 1, repeats: 1 });
    expect(results.map((r) => r.samplesMs)).toEqual([[2], [5]]);
    // a: four queued iterations and one that waits; t (a training step) waits every time.
    expect(log.slice(2)).toEqual(['a', 'a', 'a', 'a', 'a!', 't!', 't!']);
  });

  it('runs fewer rounds when the first warm-up round shows the group would overrun its budget', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    // One round costs 10 ms; a 60 ms budget allows 6 rounds: 1 warm-up (6 / 5), then 5 repeats.
    const results = await timeInterleaved([fake('a', 4, clock, log), fake('b', 6, clock, log)], {
      warmup: 5, repeats: 20, minSampleMs: 0, budgetMs: 60, now: () => clock.t,
    });
    expect(results.map((r) => [r.warmup, r.repeats, r.samplesMs.length])).toEqual([[1, 5, 5], [1, 5, 5]]);
    expect(log).toHaveLength(2 + 2 * 5);
    // Never fewer than three repeats, however slow.
    const slow = await timeInterleaved([fake('s', 100, clock, [])], { warmup: 3, repeats: 10, minSampleMs: 0, budgetMs: 50, now: () => clock.t });
    expect(slow[0]).toMatchObject({ warmup: 1, repeats: 3 });
  });
});
