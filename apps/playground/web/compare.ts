// How well a formula matches the data, on held-out samples: R², the largest absolute error, and the largest
// relative error |f̂ − f| / |f| (the interpret tutorial's measure).

/** The agreement of predictions with the data. */
export interface Agreement {
  readonly r2: number;
  readonly maxError: number;
  readonly maxRelativeError: number;
}

/** Compares `predicted` with `actual`, sample by sample. */
export function agreement(actual: readonly number[], predicted: readonly number[]): Agreement {
  if (actual.length === 0 || predicted.length !== actual.length) {
    throw new Error(`expected as many predictions as samples (at least one), got ${predicted.length} for ${actual.length}.`);
  }
  const mean = actual.reduce((sum, v) => sum + v, 0) / actual.length;
  let residual = 0;
  let total = 0;
  let maxError = 0;
  let maxRelativeError = 0;
  actual.forEach((truth, n) => {
    const error = Math.abs(predicted[n]! - truth);
    residual += error * error;
    total += (truth - mean) ** 2;
    maxError = Math.max(maxError, error);
    maxRelativeError = Math.max(maxRelativeError, error / Math.abs(truth));
  });
  return { r2: total === 0 ? NaN : 1 - residual / total, maxError, maxRelativeError };
}
