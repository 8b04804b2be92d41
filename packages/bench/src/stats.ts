// Statistics of timing samples: quantiles, the five-number summary, and the interleaving order.
import type { TimeSummary } from './types.js';

/**
 * The q-quantile of values (0 ≤ q ≤ 1) by linear interpolation between order statistics, as numpy's default
 * (`method='linear'`): position q·(n − 1) in the sorted values.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile: no values.');
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile: q must be in [0, 1], got ${q}.`);
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}

/** The median of values. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median, quartiles, extremes and mean of samples. */
export function summarize(samples: readonly number[]): TimeSummary {
  if (samples.length === 0) throw new Error('summarize: no samples.');
  return {
    median: quantile(samples, 0.5),
    p25: quantile(samples, 0.25),
    p75: quantile(samples, 0.75),
    min: Math.min(...samples),
    max: Math.max(...samples),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

/**
 * The order in which contenders run: repeat by repeat, every contender once per repeat (round-robin), the
 * starting contender rotating by one each repeat so that no contender always runs first or right after the
 * same neighbour's cache state. Returns [repeat, contender] pairs.
 */
export function interleavedOrder(contenders: number, repeats: number): [repeat: number, contender: number][] {
  const order: [number, number][] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (let i = 0; i < contenders; i++) order.push([repeat, (repeat + i) % contenders]);
  }
  return order;
}

/** Quartiles of the per-repeat ratios a[r] / b[r] of two contenders timed in the same interleaved run. */
export function pairedRatioSpread(contender: readonly number[], baseline: readonly number[]): { median: number; p25: number; p75: number } {
  const n = Math.min(contender.length, baseline.length);
  if (n === 0) throw new Error('pairedRatioSpread: no samples.');
  const ratios = Array.from({ length: n }, (_, r) => contender[r]! / baseline[r]!);
  return { median: quantile(ratios, 0.5), p25: quantile(ratios, 0.25), p75: quantile(ratios, 0.75) };
}
