// The approximation experiment: real properties of B-splines and Gaussian fits, in float64.
import { describe, expect, it } from 'vitest';
import { bsplineValues, fitFunction, fitSplinesWithGaussians, gaussianValues, runApprox, uniformKnots } from '@kanjs/bench';

const range = [-1, 1] as const;
const points = (n: number) => Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));

describe('the float64 bases', () => {
  it('cubic B-splines form a partition of unity on [a, b] and vanish outside the knots', () => {
    const knots = uniformKnots(5, 3, range);
    expect(knots).toHaveLength(5 + 2 * 3 + 1);
    for (const x of points(97).slice(0, -1)) {
      const values = bsplineValues(x, knots, 3);
      expect(values).toHaveLength(8);
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(bsplineValues(2.5, knots, 3).every((v) => v === 0)).toBe(true);
  });

  it('a Gaussian is 1 at its centre and e⁻¹ one width away', () => {
    const [at, away] = gaussianValues(0.3, [0.3, 0.8], 0.5);
    expect(at).toBe(1);
    expect(away).toBeCloseTo(Math.exp(-1), 14);
  });
});

describe('B-splines fitted by Gaussians (Figure 1)', () => {
  const fit = (hRatio: number) => fitSplinesWithGaussians({ gridSize: 5, splineOrder: 3, gridRange: range, points: 401, h: hRatio * 0.4 });

  it('fits well for h near the grid spacing', () => {
    const near = fit(1);
    expect(near.maxError).toBeLessThan(0.01);
    expect(near.meanError).toBeLessThan(0.003);
  });

  it('fits badly with narrow Gaussians, and worse again when they are much wider', () => {
    expect(fit(0.2).maxError).toBeGreaterThan(50 * fit(1).maxError);
    expect(fit(3).maxError).toBeGreaterThan(3 * fit(1).maxError);
  });

  it('finds the best h between half and twice the spacing', () => {
    const result = runApprox({ points: 401, hRatios: [0.25, 0.5, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2, 3], gridSizes: [8] });
    const { best, bestByMean, sweep } = result.splineFit;
    expect(best.hRatio).toBeGreaterThanOrEqual(0.5);
    expect(best.hRatio).toBeLessThanOrEqual(2);
    expect(best.maxError).toBe(Math.min(...sweep.map((p) => p.maxError)));
    expect(bestByMean.meanError).toBe(Math.min(...sweep.map((p) => p.meanError)));
    expect(result.splineFit.size).toBe(8);
    expect(result.splineFit.centres[0]).toBeCloseTo(-1.4, 12);
  });
});

describe('1-D function fits', () => {
  const fitPoints = points(801);
  const test = points(800).map((x) => x + 1 / 800).slice(0, -1);
  const spline = (g: number) => {
    const knots = uniformKnots(g, 3, range);
    return (x: number) => bsplineValues(x, knots, 3);
  };
  const gaussian = (k: number) => {
    const centres = points(k);
    return (x: number) => gaussianValues(x, centres, 2 / (k - 1));
  };

  it('B-splines reproduce constants and cubics exactly; Gaussians do not', () => {
    expect(fitFunction(() => 1, spline(8), fitPoints, test).maxError).toBeLessThan(1e-10);
    expect(fitFunction((x) => x ** 3 - x / 2, spline(8), fitPoints, test).maxError).toBeLessThan(1e-10);
    expect(fitFunction(() => 1, gaussian(11), fitPoints, test).maxError).toBeGreaterThan(1e-4);
  });

  it('B-splines with a knot at 0 fit |x| better than as many Gaussians, increasingly so with more functions', () => {
    const ratio = (g: number) => fitFunction(Math.abs, gaussian(g + 3), fitPoints, test).rmsError / fitFunction(Math.abs, spline(g), fitPoints, test).rmsError;
    expect(ratio(8)).toBeGreaterThan(1.5);
    expect(ratio(16)).toBeGreaterThan(ratio(8));
  });

  it('both errors fall as K grows for a smooth function, B-splines much faster', () => {
    const sin = (x: number) => Math.sin(Math.PI * x);
    const b = [4, 8, 16].map((g) => fitFunction(sin, spline(g), fitPoints, test).rmsError);
    const gs = [7, 11, 19].map((k) => fitFunction(sin, gaussian(k), fitPoints, test).rmsError);
    expect(b[1]!).toBeLessThan(b[0]! / 10);
    expect(b[2]!).toBeLessThan(b[1]! / 10);
    expect(gs[2]!).toBeLessThan(gs[0]!);
    expect(b[2]!).toBeLessThan(gs[2]! / 10);
  });

  it('neither basis fits a jump: the max error stays near the jump size, the rms error falls slowly', () => {
    const step = (x: number) => (x < 0 ? -1 : 1);
    for (const basis of [spline(16), gaussian(19)]) {
      const fit = fitFunction(step, basis, fitPoints, test);
      expect(fit.maxError).toBeGreaterThan(0.5);
      expect(fit.rmsError).toBeGreaterThan(0.05);
    }
  });

  it('runApprox reports every function × size × basis', () => {
    const result = runApprox({ points: 201, hRatios: [1], gridSizes: [4, 8] });
    expect(result.functionFit.results).toHaveLength(3 * 2 * 2);
    expect(result.functionFit.functions.map((f) => f.kind)).toEqual(['smooth', 'kinked', 'discontinuous']);
  });
});
