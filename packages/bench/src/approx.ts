// The FastKAN paper's approximation experiment, in float64 (no tfjs):
//  1. Fit each cubic B-spline basis function with Gaussian RBFs through a linear map (least squares), for a
//     sweep of the Gaussian width h relative to the grid spacing (the paper's Figure 1): max and mean error,
//     and the best h.
//  2. Fit 1-D functions, smooth (sin), kinked (|x|) and discontinuous (a step), with each basis at the same
//     number of functions K, and compare the errors.
import { leastSquares } from '@kanjs/basis-core';

/** Options of the approximation experiment. */
export interface ApproxOptions {
  /** G of the B-spline grid in the spline fit. Default 5 (efficient-kan's default, K = 8). */
  readonly gridSize?: number;
  /** k, the B-spline degree. Default 3 (cubic). */
  readonly splineOrder?: number;
  /** [a, b], the interval fitted. Default [-1, 1]. */
  readonly gridRange?: readonly [number, number];
  /** Sample points in [a, b]. Default 1001. */
  readonly points?: number;
  /** The Gaussian widths to try, as h / grid spacing. Default 0.2 to 3 in steps of 0.05. */
  readonly hRatios?: readonly number[];
  /** Grid sizes G of the function comparison (K = G + 3 functions for each basis). Default [4, 8, 16]. */
  readonly gridSizes?: readonly number[];
}

export interface ApproxPoint {
  /** h / grid spacing. */
  readonly hRatio: number;
  readonly h: number;
  /** max over points and basis functions of |Gaussian fit − B-spline|. */
  readonly maxError: number;
  /** mean of |Gaussian fit − B-spline| over points and basis functions. */
  readonly meanError: number;
}

export interface FunctionFit {
  readonly function: string;
  readonly kind: 'smooth' | 'kinked' | 'discontinuous';
  readonly basis: 'bspline' | 'gaussian';
  /** G for the B-splines; the Gaussians have the same K. */
  readonly gridSize: number;
  /** K, the number of basis functions. */
  readonly size: number;
  /** On test points between the fitting points. */
  readonly maxError: number;
  readonly meanError: number;
  readonly rmsError: number;
}

export interface ApproxResult {
  readonly splineFit: {
    readonly description: string;
    readonly gridSize: number;
    readonly splineOrder: number;
    readonly gridRange: readonly [number, number];
    /** The grid spacing s = (b − a) / G. */
    readonly spacing: number;
    /** K, the B-spline basis functions fitted, and as many Gaussians. */
    readonly size: number;
    /** The Gaussian centres: the centres of the B-splines' supports. */
    readonly centres: readonly number[];
    readonly points: number;
    readonly sweep: readonly ApproxPoint[];
    /** The h with the smallest max error. */
    readonly best: ApproxPoint;
    /** The h with the smallest mean error. */
    readonly bestByMean: ApproxPoint;
  };
  readonly functionFit: {
    readonly description: string;
    readonly points: number;
    readonly testPoints: number;
    readonly functions: readonly { readonly name: string; readonly kind: FunctionFit['kind']; readonly expression: string }[];
    readonly results: readonly FunctionFit[];
  };
}

/** Uniform knots of a B-spline basis: tⱼ = a + (j − k)·s for j = 0 … G + 2k, s = (b − a) / G. */
export function uniformKnots(gridSize: number, splineOrder: number, range: readonly [number, number]): Float64Array {
  const spacing = (range[1] - range[0]) / gridSize;
  return Float64Array.from({ length: gridSize + 2 * splineOrder + 1 }, (_, j) => range[0] + (j - splineOrder) * spacing);
}

/** The K = (knots − 1 − k) B-spline values of order k at x (Cox–de Boor; order 0 is [tⱼ ≤ x < tⱼ₊₁]). */
export function bsplineValues(x: number, knots: Float64Array, splineOrder: number): Float64Array {
  let values = Float64Array.from({ length: knots.length - 1 }, (_, j) => (knots[j]! <= x && x < knots[j + 1]! ? 1 : 0));
  for (let p = 1; p <= splineOrder; p++) {
    const next = new Float64Array(values.length - 1);
    for (let j = 0; j < next.length; j++) {
      const left = (x - knots[j]!) / (knots[j + p]! - knots[j]!);
      const right = (knots[j + p + 1]! - x) / (knots[j + p + 1]! - knots[j + 1]!);
      next[j] = left * values[j]! + right * values[j + 1]!;
    }
    values = next;
  }
  return values;
}

/** Gaussian RBF values exp(−((x − cⱼ)/h)²) at x. */
export function gaussianValues(x: number, centres: readonly number[], h: number): Float64Array {
  return Float64Array.from(centres, (c) => Math.exp(-(((x - c) / h) ** 2)));
}

/** n evenly spaced points from a to b, ends included. */
export function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
}

/** The design matrix [points, K] of a basis, row-major. */
function design(xs: readonly number[], basis: (x: number) => Float64Array): { matrix: Float64Array; cols: number } {
  const first = basis(xs[0]!);
  const cols = first.length;
  const matrix = new Float64Array(xs.length * cols);
  xs.forEach((x, r) => matrix.set(r === 0 ? first : basis(x), r * cols));
  return { matrix, cols };
}

/** matrix [rows, inner] · coefficients [inner, rhs], row-major. */
function multiply(matrix: Float64Array, coefficients: Float64Array, rows: number, inner: number, rhs: number): Float64Array {
  const out = new Float64Array(rows * rhs);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < inner; k++) {
      const a = matrix[r * inner + k]!;
      if (a === 0) continue;
      for (let j = 0; j < rhs; j++) out[r * rhs + j]! += a * coefficients[k * rhs + j]!;
    }
  }
  return out;
}

/**
 * Fits every B-spline basis function with Gaussians at the B-splines' centres and width h (least squares in
 * float64): B [points, K] ≈ Φ_h [points, K] · A. Returns the errors of the fit.
 */
export function fitSplinesWithGaussians(options: { gridSize: number; splineOrder: number; gridRange: readonly [number, number]; points: number; h: number }): {
  maxError: number;
  meanError: number;
} {
  const { gridSize, splineOrder, gridRange, points, h } = options;
  const knots = uniformKnots(gridSize, splineOrder, gridRange);
  const xs = linspace(gridRange[0], gridRange[1], points);
  const target = design(xs, (x) => bsplineValues(x, knots, splineOrder));
  const centres = splineCentres(knots, splineOrder);
  const features = design(xs, (x) => gaussianValues(x, centres, h));
  const map = leastSquares(features.matrix, target.matrix, points, features.cols, target.cols);
  const fitted = multiply(features.matrix, map, points, features.cols, target.cols);
  let maxError = 0;
  let sum = 0;
  for (let i = 0; i < fitted.length; i++) {
    const error = Math.abs(fitted[i]! - target.matrix[i]!);
    maxError = Math.max(maxError, error);
    sum += error;
  }
  return { maxError, meanError: sum / fitted.length };
}

/** The centre of each B-spline's support, (tⱼ + tⱼ₊ₖ₊₁) / 2. */
function splineCentres(knots: Float64Array, splineOrder: number): number[] {
  return Array.from({ length: knots.length - 1 - splineOrder }, (_, j) => (knots[j]! + knots[j + splineOrder + 1]!) / 2);
}

/** The test functions: smooth, kinked at 0, and a jump at 0. */
export const TEST_FUNCTIONS = [
  { name: 'sin', kind: 'smooth', expression: 'sin(πx)', f: (x: number) => Math.sin(Math.PI * x) },
  { name: 'abs', kind: 'kinked', expression: '|x|', f: (x: number) => Math.abs(x) },
  { name: 'step', kind: 'discontinuous', expression: 'sign(x) (−1 for x < 0, 1 for x ≥ 0)', f: (x: number) => (x < 0 ? -1 : 1) },
] as const;

/** Least-squares fit of f with a basis on the fitting points; errors on the test points. */
export function fitFunction(
  f: (x: number) => number,
  basis: (x: number) => Float64Array,
  fitPoints: readonly number[],
  testPoints: readonly number[],
): { maxError: number; meanError: number; rmsError: number } {
  const a = design(fitPoints, basis);
  const coefficients = leastSquares(a.matrix, Float64Array.from(fitPoints, f), fitPoints.length, a.cols, 1);
  const test = design(testPoints, basis);
  const fitted = multiply(test.matrix, coefficients, testPoints.length, test.cols, 1);
  let maxError = 0;
  let sum = 0;
  let squares = 0;
  testPoints.forEach((x, i) => {
    const error = Math.abs(fitted[i]! - f(x));
    maxError = Math.max(maxError, error);
    sum += error;
    squares += error * error;
  });
  return { maxError, meanError: sum / testPoints.length, rmsError: Math.sqrt(squares / testPoints.length) };
}

/** The default h sweep, h / spacing from `from` to `to`. */
export function hRatioSweep(from = 0.2, to = 3, step = 0.05): number[] {
  const count = Math.round((to - from) / step) + 1;
  return Array.from({ length: count }, (_, i) => Math.round((from + i * step) * 1e6) / 1e6);
}

/** Runs both parts of the approximation experiment. */
export function runApprox(options: ApproxOptions = {}): ApproxResult {
  const gridSize = options.gridSize ?? 5;
  const splineOrder = options.splineOrder ?? 3;
  const gridRange = options.gridRange ?? [-1, 1];
  const points = options.points ?? 1001;
  const hRatios = options.hRatios ?? hRatioSweep();
  const spacing = (gridRange[1] - gridRange[0]) / gridSize;
  const knots = uniformKnots(gridSize, splineOrder, gridRange);
  const sweep = hRatios.map((hRatio) => ({ hRatio, h: hRatio * spacing, ...fitSplinesWithGaussians({ gridSize, splineOrder, gridRange, points, h: hRatio * spacing }) }));
  const best = sweep.reduce((a, b) => (b.maxError < a.maxError ? b : a));
  const bestByMean = sweep.reduce((a, b) => (b.meanError < a.meanError ? b : a));

  const fitPoints = linspace(gridRange[0], gridRange[1], 2 * points - 1);
  const step = (gridRange[1] - gridRange[0]) / (2 * points - 2);
  const testPoints = fitPoints.slice(0, -1).map((x) => x + step / 2);
  const results: FunctionFit[] = [];
  for (const fn of TEST_FUNCTIONS) {
    for (const g of options.gridSizes ?? [4, 8, 16]) {
      const splineKnots = uniformKnots(g, 3, gridRange);
      const size = g + 3;
      const centres = linspace(gridRange[0], gridRange[1], size);
      const h = (gridRange[1] - gridRange[0]) / (size - 1);
      const bases = {
        bspline: (x: number) => bsplineValues(x, splineKnots, 3),
        gaussian: (x: number) => gaussianValues(x, centres, h),
      };
      for (const basis of ['bspline', 'gaussian'] as const) {
        results.push({ function: fn.name, kind: fn.kind, basis, gridSize: g, size, ...fitFunction(fn.f, bases[basis], fitPoints, testPoints) });
      }
    }
  }

  return {
    splineFit: {
      description:
        `Each of the K = ${knots.length - 1 - splineOrder} B-splines of order ${splineOrder} on a uniform grid of ${gridSize} intervals over [${gridRange.join(', ')}] ` +
        'fitted by K Gaussians exp(−((x − c)/h)²) centred on the B-splines\' support centres, through one K×K linear map ' +
        `(least squares in float64 over ${points} points in [${gridRange.join(', ')}]); errors are absolute, over all points and basis functions.`,
      gridSize,
      splineOrder,
      gridRange: [gridRange[0], gridRange[1]],
      spacing,
      size: knots.length - 1 - splineOrder,
      centres: splineCentres(knots, splineOrder),
      points,
      sweep,
      best,
      bestByMean,
    },
    functionFit: {
      description:
        `Least-squares fits on [${gridRange.join(', ')}] with K functions of each basis: cubic B-splines on G uniform intervals (K = G + 3, ` +
        'a knot at 0 when G is even), and K Gaussians with centres linspace(a, b, K) and h = (b − a)/(K − 1) (FastKAN\'s rule). ' +
        `Fitted on ${fitPoints.length} points, errors on the ${testPoints.length} midpoints between them.`,
      points: fitPoints.length,
      testPoints: testPoints.length,
      functions: TEST_FUNCTIONS.map(({ name, kind, expression }) => ({ name, kind, expression })),
      results,
    },
  };
}
