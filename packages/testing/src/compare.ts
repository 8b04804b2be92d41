/**
 * Relative error of `actual` against `expected`: max |a − e| divided by max |e| (the error relative to the
 * reference's scale, which stays meaningful where single elements pass through zero).
 */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) {
    throw new Error(`relativeError: ${actual.length} values against ${expected.length} expected.`);
  }
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(a) !== Number.isNaN(e)) return Infinity;
    diff = Math.max(diff, Math.abs(a - e));
    scale = Math.max(scale, Math.abs(e));
  }
  return scale === 0 ? diff : diff / scale;
}

/**
 * Central finite differences in float64 of a scalar function with respect to every entry of `params`
 * (perturbed in place and restored).
 */
export function finiteDifferences(loss: () => number, params: Float64Array, step = 1e-6): Float64Array {
  const grad = new Float64Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const saved = params[i]!;
    params[i] = saved + step;
    const up = loss();
    params[i] = saved - step;
    const down = loss();
    params[i] = saved;
    grad[i] = (up - down) / (2 * step);
  }
  return grad;
}
