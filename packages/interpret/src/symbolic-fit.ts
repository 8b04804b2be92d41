import { SYMBOLIC_LIB, type SymbolicFunction } from '@kanjs/kan-layers';

/** Options of `fitAffine`; defaults are pykan's `fit_params`. */
export interface FitOptions {
  /** The range a is searched in first. Default [−10, 10]. */
  readonly aRange?: readonly [number, number];
  /** The range b is searched in first. Default [−10, 10]. */
  readonly bRange?: readonly [number, number];
  /** Grid points along a and along b. Default 101. */
  readonly gridNumber?: number;
  /** Zoom-in rounds. Default 3. */
  readonly iterations?: number;
}

/** The fitted c·f(a·x + b) + d and its R². */
export interface AffineFit {
  readonly affine: [number, number, number, number];
  readonly r2: number;
}

/** Samples per bin of the generic grid search: above this many samples they are averaged into bins (see fitAffine). */
const BINS = 64;

/**
 * pykan's `fit_params`: fits y ≈ c·f(a·x + b) + d on samples (x, y). a and b come from a grid search of
 * `gridNumber`² points over aRange × bRange maximising
 *
 *     R²(a, b) = cov(p, y)² / (var(p)·var(y) + 1e-4),   p = f(a·x + b)   (sums, not means; NaN counts as 0)
 *
 * zoomed `iterations` times onto the best cell's neighbours (onto the edge cell when the best is on the border);
 * c and d then come from least squares, and R² is the value at the chosen (a, b).
 *
 * The search is exact and fast where f separates: xⁿ (n ≤ 5, from the moments of x), sin and cos (a
 * sum-of-angles over b), exp (b only scales). Any other f is searched on the samples sorted by x and averaged
 * into 64 equal-count bins (when there are more), which moves R² by far less than the grid step; the
 * reported R², c and d use every sample.
 */
export function fitAffine(x: Float64Array, y: Float64Array, fn: SymbolicFunction, options: FitOptions = {}): AffineFit {
  if (x.length !== y.length || x.length === 0) throw new Error(`fitAffine: expected x and y of one length ≥ 1, got ${x.length} and ${y.length}.`);
  const gridNumber = options.gridNumber ?? 101;
  const iterations = options.iterations ?? 3;
  if (!Number.isInteger(gridNumber) || gridNumber < 3) throw new Error(`fitAffine: gridNumber must be an integer ≥ 3, got ${gridNumber}.`);
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`fitAffine: iterations must be an integer ≥ 1, got ${iterations}.`);
  let aRange: [number, number] = [...(options.aRange ?? [-10, 10])];
  let bRange: [number, number] = [...(options.bRange ?? [-10, 10])];
  const samples = centred(x, y);
  const sweep = sweeper(fn, samples);
  const r2 = new Float64Array(gridNumber * gridNumber);
  let a = 0;
  let b = 0;
  for (let round = 0; round < iterations; round++) {
    const as = linspace(aRange, gridNumber);
    const bs = linspace(bRange, gridNumber);
    sweep(as, bs, r2);
    let best = 0;
    for (let n = 1; n < r2.length; n++) if (r2[n]! > r2[best]!) best = n;
    const ai = Math.floor(best / gridNumber);
    const bi = best % gridNumber;
    a = as[ai]!;
    b = bs[bi]!;
    const last = gridNumber - 1;
    if (ai === 0 || ai === last || bi === 0 || bi === last) {
      if (ai === 0) aRange = [as[0]!, as[1]!];
      if (ai === last) aRange = [as[last - 1]!, as[last]!];
      if (bi === 0) bRange = [bs[0]!, bs[1]!];
      if (bi === last) bRange = [bs[last - 1]!, bs[last]!];
    } else {
      aRange = [as[ai - 1]!, as[ai + 1]!];
      bRange = [bs[bi - 1]!, bs[bi + 1]!];
    }
  }
  return { affine: [a, b, ...linearFit(fn, samples, a, b)], r2: r2At(fn, samples, a, b) };
}

/** The samples with y centred: ȳ and Σ(y − ȳ)² kept. */
interface Samples {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** y − ȳ */
  readonly yc: Float64Array;
  readonly yMean: number;
  readonly syy: number;
}

function centred(x: Float64Array, y: Float64Array): Samples {
  let yMean = 0;
  for (let s = 0; s < y.length; s++) yMean += y[s]!;
  yMean /= y.length;
  const yc = new Float64Array(y.length);
  let syy = 0;
  for (let s = 0; s < y.length; s++) {
    yc[s] = y[s]! - yMean;
    syy += yc[s]! ** 2;
  }
  return { x, y, yc, yMean, syy };
}

/** R² from the sums of one grid point: count N, Σp, Σp², Σp·(y − ȳ). */
function r2Of(count: number, sp: number, spp: number, spy: number, syy: number): number {
  const r2 = (spy * spy) / ((spp - (sp * sp) / count) * syy + 1e-4);
  return Number.isFinite(r2) ? r2 : 0;
}

/** Fills r2[ai·|bs| + bi] with R²(as[ai], bs[bi]). */
type Sweep = (as: Float64Array, bs: Float64Array, r2: Float64Array) => void;

function sweeper(fn: SymbolicFunction, samples: Samples): Sweep {
  if (fn === SYMBOLIC_LIB['sin'] || fn === SYMBOLIC_LIB['cos']) return trigSweep(samples, fn === SYMBOLIC_LIB['cos']);
  if (fn === SYMBOLIC_LIB['exp']) return expSweep(samples);
  for (let n = 1; n <= 5; n++) if (fn === SYMBOLIC_LIB[n === 1 ? 'x' : `x^${n}`]) return powerSweep(samples, n);
  if (fn === SYMBOLIC_LIB['0']) return (_as, _bs, r2) => r2.fill(0);
  return genericSweep(fn.js, samples);
}

/** sin(ax + b) = sin(ax)·cos b + cos(ax)·sin b (cos: cos(ax)·cos b − sin(ax)·sin b): O(N) per a, O(1) per b. */
function trigSweep(samples: Samples, cosine: boolean): Sweep {
  const { x, yc, syy } = samples;
  const count = x.length;
  return (as, bs, r2) => {
    const cb = bs.map(Math.cos);
    const sb = bs.map(Math.sin);
    as.forEach((a, ai) => {
      let s = 0, c = 0, ss = 0, sc = 0, cc = 0, ys = 0, yc2 = 0;
      for (let k = 0; k < count; k++) {
        const sv = Math.sin(a * x[k]!);
        const cv = Math.cos(a * x[k]!);
        s += sv; c += cv; ss += sv * sv; sc += sv * cv; cc += cv * cv; ys += yc[k]! * sv; yc2 += yc[k]! * cv;
      }
      bs.forEach((_, bi) => {
        // p = u·sin(ax) + v·cos(ax)
        const u = cosine ? -sb[bi]! : cb[bi]!;
        const v = cosine ? cb[bi]! : sb[bi]!;
        r2[ai * bs.length + bi] = r2Of(count, u * s + v * c, u * u * ss + 2 * u * v * sc + v * v * cc, u * ys + v * yc2, syy);
      });
    });
  };
}

/** exp(ax + b) = e^b·exp(ax): O(N) per a, O(1) per b. */
function expSweep(samples: Samples): Sweep {
  const { x, yc, syy } = samples;
  const count = x.length;
  return (as, bs, r2) => {
    as.forEach((a, ai) => {
      let e = 0, ee = 0, ye = 0;
      for (let k = 0; k < count; k++) {
        const v = Math.exp(a * x[k]!);
        e += v; ee += v * v; ye += yc[k]! * v;
      }
      bs.forEach((b, bi) => {
        const g = Math.exp(b);
        r2[ai * bs.length + bi] = r2Of(count, g * e, g * g * ee, g * ye, syy);
      });
    });
  };
}

/** (ax + b)ⁿ = Σₖ C(n,k)·aᵏ·bⁿ⁻ᵏ·xᵏ: the sums come from the moments Σxᵏ (k ≤ 2n) and Σxᵏ(y − ȳ) (k ≤ n). */
function powerSweep(samples: Samples, n: number): Sweep {
  const { x, yc, syy } = samples;
  const count = x.length;
  // Moments of x about its mean μ (better conditioned), with ax + b = a·(x − μ) + (aμ + b).
  let mu = 0;
  for (let k = 0; k < count; k++) mu += x[k]!;
  mu /= count;
  const moments = new Float64Array(2 * n + 1);
  const yMoments = new Float64Array(n + 1);
  for (let s = 0; s < count; s++) {
    const t = x[s]! - mu;
    let power = 1;
    for (let k = 0; k <= 2 * n; k++) {
      moments[k]! += power;
      if (k <= n) yMoments[k]! += power * yc[s]!;
      power *= t;
    }
  }
  const binomial = Array.from({ length: n + 1 }, (_, k) => choose(n, k));
  const coefficient = new Float64Array(n + 1);
  const powers = new Float64Array(n + 1); // aᵏ, by repeated products (cheaper than **)
  const shifts = new Float64Array(n + 1);
  return (as, bs, r2) => {
    as.forEach((a, ai) => {
      powers[0] = 1;
      for (let k = 1; k <= n; k++) powers[k] = powers[k - 1]! * a;
      bs.forEach((b, bi) => {
        const shift = a * mu + b;
        shifts[0] = 1;
        for (let k = 1; k <= n; k++) shifts[k] = shifts[k - 1]! * shift;
        for (let k = 0; k <= n; k++) coefficient[k] = binomial[k]! * powers[k]! * shifts[n - k]!;
        let sp = 0, spp = 0, spy = 0;
        for (let k = 0; k <= n; k++) {
          sp += coefficient[k]! * moments[k]!;
          spy += coefficient[k]! * yMoments[k]!;
          for (let l = 0; l <= n; l++) spp += coefficient[k]! * coefficient[l]! * moments[k + l]!;
        }
        r2[ai * bs.length + bi] = r2Of(count, sp, spp, spy, syy);
      });
    });
  };
}

/** Math functions the generic sweep calls directly (a switch on this code), so that the engine inlines them. */
const INLINED: ReadonlyMap<(x: number) => number, number> = new Map([Math.log, Math.sqrt, Math.tanh, Math.abs, Math.tan, Math.sign, Math.asin, Math.acos, Math.atan, Math.atanh].map((f, code) => [f, code + 1]));

/** f(z), with f given by its INLINED code (0: call f). */
function applyInlined(code: number, f: (x: number) => number, z: number): number {
  switch (code) {
    case 1: return Math.log(z);
    case 2: return Math.sqrt(z);
    case 3: return Math.tanh(z);
    case 4: return Math.abs(z);
    case 5: return Math.tan(z);
    case 6: return Math.sign(z);
    case 7: return Math.asin(z);
    case 8: return Math.acos(z);
    case 9: return Math.atan(z);
    case 10: return Math.atanh(z);
    default: return f(z);
  }
}

/** Any f: evaluated at every grid point on the samples, binned by x into at most BINS weighted points. */
function genericSweep(f: (x: number) => number, samples: Samples): Sweep {
  const { xs, weights, ys } = bins(samples);
  const size = xs.length;
  const count = samples.x.length;
  const { syy } = samples;
  const code = INLINED.get(f) ?? 0;
  // log and sqrt give NaN (log: −∞ at 0) where a·x + b < 0 (≤ 0), hence R² = 0: checked at the extreme x.
  const lowest = code === 1 ? 0 : code === 2 ? -Number.MIN_VALUE : -Infinity;
  let xMin = Infinity, xMax = -Infinity;
  for (const v of xs) {
    xMin = Math.min(xMin, v);
    xMax = Math.max(xMax, v);
  }
  return (as, bs, r2) => {
    as.forEach((a, ai) => {
      bs.forEach((b, bi) => {
        if (Math.min(a * xMin + b, a * xMax + b) <= lowest) {
          r2[ai * bs.length + bi] = 0;
          return;
        }
        let sp = 0, spp = 0, spy = 0;
        for (let k = 0; k < size; k++) {
          const p = applyInlined(code, f, a * xs[k]! + b);
          sp += weights[k]! * p;
          spp += weights[k]! * p * p;
          spy += ys[k]! * p;
        }
        r2[ai * bs.length + bi] = r2Of(count, sp, spp, spy, syy);
      });
    });
  };
}

/** Equal-count bins of the samples sorted by x: mean x, count, and Σ(y − ȳ) per bin. */
function bins(samples: Samples): { xs: Float64Array; weights: Float64Array; ys: Float64Array } {
  const { x, yc } = samples;
  const count = x.length;
  if (count <= BINS) return { xs: x, weights: new Float64Array(count).fill(1), ys: yc };
  const order = Array.from({ length: count }, (_, s) => s).sort((p, q) => x[p]! - x[q]!);
  const xs = new Float64Array(BINS);
  const weights = new Float64Array(BINS);
  const ys = new Float64Array(BINS);
  order.forEach((s, rank) => {
    const k = Math.floor((rank * BINS) / count);
    xs[k]! += x[s]!;
    weights[k]! += 1;
    ys[k]! += yc[s]!;
  });
  for (let k = 0; k < BINS; k++) xs[k]! /= weights[k]!;
  return { xs, weights, ys };
}

/** p = f(a·x + b) on every sample, with NaN as 0 and ±∞ as ±Number.MAX_VALUE (torch.nan_to_num). */
function features(fn: SymbolicFunction, samples: Samples, a: number, b: number): Float64Array {
  return samples.x.map((v) => {
    const p = fn.js(a * v + b);
    return Number.isNaN(p) ? 0 : p === Infinity ? Number.MAX_VALUE : p === -Infinity ? -Number.MAX_VALUE : p;
  });
}

/** R² at one (a, b) on every sample. */
function r2At(fn: SymbolicFunction, samples: Samples, a: number, b: number): number {
  const p = samples.x.map((v) => fn.js(a * v + b));
  let sp = 0, spp = 0, spy = 0;
  p.forEach((v, s) => {
    sp += v; spp += v * v; spy += v * samples.yc[s]!;
  });
  return r2Of(p.length, sp, spp, spy, samples.syy);
}

/** c and d by least squares of y on p = f(a·x + b) (sklearn's LinearRegression: c = 0 when p is constant). */
function linearFit(fn: SymbolicFunction, samples: Samples, a: number, b: number): [number, number] {
  const p = features(fn, samples, a, b);
  let mean = 0;
  for (const v of p) mean += v;
  mean /= p.length;
  let spp = 0, spy = 0;
  p.forEach((v, s) => {
    spp += (v - mean) ** 2;
    spy += (v - mean) * samples.yc[s]!;
  });
  const c = spp > 0 && Number.isFinite(spp) ? spy / spp : 0;
  return [c, samples.yMean - c * mean];
}

/** torch.linspace over a range. */
function linspace([low, high]: readonly [number, number], count: number): Float64Array {
  const step = (high - low) / (count - 1);
  return Float64Array.from({ length: count }, (_, k) => (k === count - 1 ? high : low + k * step));
}

function choose(n: number, k: number): number {
  let value = 1;
  for (let j = 1; j <= k; j++) value = (value * (n - k + j)) / j;
  return value;
}
