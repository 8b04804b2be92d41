// Knot vectors of the B-spline basis, per input: G+2k+1 knots, k of them beyond each end of the grid range.

/** The number of knots per input for grid size G and spline order k: G + 2k + 1. */
export function knotCount(gridSize: number, splineOrder: number): number {
  return gridSize + 2 * splineOrder + 1;
}

/** Uniform knots tⱼ = a + (j − k)·h, h = (b − a)/G, repeated for every input: [inFeatures, G+2k+1] row-major. */
export function uniformKnots(inFeatures: number, gridSize: number, splineOrder: number, [a, b]: readonly [number, number]): Float32Array {
  const count = knotCount(gridSize, splineOrder);
  const h = (b - a) / gridSize;
  const row = Float32Array.from({ length: count }, (_, j) => (j - splineOrder) * h + a);
  const knots = new Float32Array(inFeatures * count);
  for (let i = 0; i < inFeatures; i++) knots.set(row, i * count);
  return knots;
}

/**
 * Index `idx` of `torch.linspace(0, end, steps, dtype=int64)`, computed as PyTorch does (in double, from
 * whichever end is nearer, then truncated), so that quantile knots match efficient-kan's exactly.
 */
export function torchIntLinspace(end: number, steps: number, idx: number): number {
  if (steps === 1) return 0;
  const step = end / (steps - 1);
  const value = idx < Math.floor(steps / 2) ? step * idx : end - step * (steps - idx - 1);
  return Math.trunc(value);
}

/**
 * efficient-kan's `update_grid` knots for one input: G+1 quantiles of the sorted samples blended with a
 * uniform grid over [min − margin, max + margin] by `gridEps`, then k more knots each side at the uniform step.
 */
export function adaptiveKnots(sorted: Float64Array, gridSize: number, splineOrder: number, gridEps: number, margin: number): Float64Array {
  const n = sorted.length;
  const lo = sorted[0]!;
  const hi = sorted[n - 1]!;
  const step = (hi - lo + 2 * margin) / gridSize;
  const knots = new Float64Array(knotCount(gridSize, splineOrder));
  for (let j = 0; j <= gridSize; j++) {
    const adaptive = sorted[torchIntLinspace(n - 1, gridSize + 1, j)]!;
    const uniform = j * step + lo - margin;
    knots[splineOrder + j] = gridEps * uniform + (1 - gridEps) * adaptive;
  }
  const first = knots[splineOrder]!;
  const last = knots[splineOrder + gridSize]!;
  for (let j = 1; j <= splineOrder; j++) {
    knots[splineOrder - j] = first - j * step;
    knots[splineOrder + gridSize + j] = last + j * step;
  }
  return knots;
}

/**
 * pykan's `refine` knots for one input: the old interior knots, interpolated piecewise-linearly at G'+1
 * evenly spaced fractional positions (so a G' that is a multiple of G keeps every old knot), then k more knots
 * each side at the mean interior spacing.
 */
export function refinedKnots(interior: ArrayLike<number>, newGridSize: number, splineOrder: number): Float64Array {
  const oldGridSize = interior.length - 1;
  const knots = new Float64Array(knotCount(newGridSize, splineOrder));
  for (let j = 0; j <= newGridSize; j++) {
    const position = (j * oldGridSize) / newGridSize;
    const cell = Math.min(Math.floor(position), oldGridSize - 1);
    const frac = position - cell;
    knots[splineOrder + j] = frac === 0 ? interior[cell]! : (1 - frac) * interior[cell]! + frac * interior[cell + 1]!;
  }
  const first = knots[splineOrder]!;
  const last = knots[splineOrder + newGridSize]!;
  const step = (last - first) / newGridSize;
  for (let j = 1; j <= splineOrder; j++) {
    knots[splineOrder - j] = first - j * step;
    knots[splineOrder + newGridSize + j] = last + j * step;
  }
  return knots;
}
