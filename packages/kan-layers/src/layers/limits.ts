import { formatBytes } from '@kanjs/basis-core';

/** The most spline weights (in · out · K) one KAN layer may have: 2^28, 1 GiB of float32. */
export const MAX_SPLINE_WEIGHTS = 2 ** 28;

/**
 * Refuses a layer whose spline weights [in, K, out] would take more than {@link MAX_SPLINE_WEIGHTS}, before
 * anything is allocated; the error names the memory the layer would take.
 */
export function checkLayerSize(owner: string, inFeatures: number, units: number, size: number): void {
  const weights = inFeatures * units * size;
  if (weights > MAX_SPLINE_WEIGHTS) {
    throw new Error(
      `${owner}: ${inFeatures} inputs × ${units} units × K ${size} = ${weights.toPrecision(3)} spline weights would take ` +
        `${formatBytes(4 * weights)} of float32; the limit is 2^28 (${formatBytes(4 * MAX_SPLINE_WEIGHTS)}).`,
    );
  }
}
