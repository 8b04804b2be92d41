/** The loss at a point and its gradient there (a new array, or one the objective reuses between calls). */
export type Objective = (x: Float64Array) => { loss: number; gradient: Float64Array };

/** Options of `LBFGS`; defaults are PyTorch's (pykan's `fit` sets historySize 10, the tolerances 1e-32, line search on). */
export interface LBFGSOptions {
  /** The step length tried first by each iteration (the very first one is scaled by 1/‖g‖₁). Default 1. */
  readonly learningRate?: number;
  /** Iterations per `step`. Default 20. */
  readonly maxIterations?: number;
  /** Objective evaluations per `step`. Default 1.25·maxIterations. */
  readonly maxEvaluations?: number;
  /** Stop when max |gradient| is at most this. Default 1e-7. */
  readonly toleranceGrad?: number;
  /** Stop when the loss, the step or the directional derivative changes by less than this. Default 1e-9. */
  readonly toleranceChange?: number;
  /** Curvature pairs with yᵀs at most this are not stored. Default 1e-32. */
  readonly toleranceYs?: number;
  /** Curvature pairs kept. Default 100. */
  readonly historySize?: number;
  /** 'strongWolfe' (default) or 'none' (a fixed step of learningRate). */
  readonly lineSearch?: 'strongWolfe' | 'none';
}

/**
 * PyTorch's (and pykan's) L-BFGS on a flat parameter vector in plain Float64Arrays: the two-loop recursion over
 * the last `historySize` curvature pairs, and the strong-Wolfe line search of minFunc (cubic interpolation,
 * bracketing then zoom, c1 = 1e-4, c2 = 0.9, at most 25 evaluations). Like torch.optim.LBFGS it keeps its history
 * from one `step` to the next.
 */
export class LBFGS {
  private readonly learningRate: number;
  private readonly maxIterations: number;
  private readonly maxEvaluations: number;
  private readonly toleranceGrad: number;
  private readonly toleranceChange: number;
  private readonly toleranceYs: number;
  private readonly historySize: number;
  private readonly lineSearch: 'strongWolfe' | 'none';
  private iterations = 0;
  /** Total objective evaluations over every step. */
  evaluations = 0;
  private direction: Float64Array | null = null;
  private stepLength = 0;
  private readonly steps: Float64Array[] = []; // s = t·d
  private readonly gradientChanges: Float64Array[] = []; // y = g₊ − g
  private readonly rho: number[] = [];
  private hessianDiagonal = 1;
  private previousGradient: Float64Array | null = null;

  constructor(private readonly objective: Objective, options: LBFGSOptions = {}) {
    this.learningRate = positive('learningRate', options.learningRate ?? 1);
    this.maxIterations = integer('maxIterations', options.maxIterations ?? 20);
    this.maxEvaluations = integer('maxEvaluations', options.maxEvaluations ?? Math.floor((this.maxIterations * 5) / 4));
    this.toleranceGrad = options.toleranceGrad ?? 1e-7;
    this.toleranceChange = options.toleranceChange ?? 1e-9;
    this.toleranceYs = options.toleranceYs ?? 1e-32;
    this.historySize = integer('historySize', options.historySize ?? 100);
    this.lineSearch = options.lineSearch ?? 'strongWolfe';
    if (this.lineSearch !== 'strongWolfe' && this.lineSearch !== 'none') {
      throw new Error(`LBFGS: lineSearch must be 'strongWolfe' or 'none', got ${String(this.lineSearch)}.`);
    }
  }

  /** torch.optim.LBFGS.step: up to maxIterations iterations from x, which is updated in place. Returns the loss at the start. */
  step(x: Float64Array): number {
    let { loss, gradient } = this.evaluate(x);
    const initialLoss = loss;
    let evaluations = 1;
    if (maxAbs(gradient) <= this.toleranceGrad) return initialLoss;
    let g: Float64Array = Float64Array.from(gradient);
    for (let n = 1; n <= this.maxIterations; n++) {
      this.iterations += 1;
      const d = this.iterations === 1 ? negate(g) : this.searchDirection(g);
      this.direction = d;
      this.previousGradient = Float64Array.from(g);
      const previousLoss = loss;
      let t = this.iterations === 1 ? Math.min(1, 1 / sumAbs(g)) * this.learningRate : this.learningRate;
      const gtd = dot(g, d);
      if (gtd > -this.toleranceChange) break;
      let lineEvaluations: number;
      if (this.lineSearch === 'strongWolfe') {
        const found = this.strongWolfe(x, t, d, loss, g, gtd);
        ({ loss, t } = found);
        g = found.gradient;
        lineEvaluations = found.evaluations;
        axpy(t, d, x);
      } else {
        axpy(t, d, x);
        lineEvaluations = 0;
        if (n !== this.maxIterations) {
          ({ loss, gradient } = this.evaluate(x));
          g = Float64Array.from(gradient);
          lineEvaluations = 1;
        }
      }
      this.stepLength = t;
      evaluations += lineEvaluations;
      if (n === this.maxIterations || evaluations >= this.maxEvaluations) break;
      if (maxAbs(g) <= this.toleranceGrad) break;
      if (Math.abs(t) * maxAbs(d) <= this.toleranceChange) break;
      if (Math.abs(loss - previousLoss) < this.toleranceChange) break;
    }
    return initialLoss;
  }

  private evaluate(x: Float64Array): { loss: number; gradient: Float64Array } {
    this.evaluations += 1;
    return this.objective(x);
  }

  /** Stores the last curvature pair (when yᵀs > toleranceYs) and returns −H·g by the two-loop recursion. */
  private searchDirection(g: Float64Array): Float64Array {
    const y = new Float64Array(g.length);
    const s = new Float64Array(g.length);
    const previous = this.previousGradient!;
    const d = this.direction!;
    for (let k = 0; k < g.length; k++) {
      y[k] = g[k]! - previous[k]!;
      s[k] = d[k]! * this.stepLength;
    }
    const ys = dot(y, s);
    if (ys > this.toleranceYs) {
      if (this.steps.length === this.historySize) {
        this.steps.shift();
        this.gradientChanges.shift();
        this.rho.shift();
      }
      this.steps.push(s);
      this.gradientChanges.push(y);
      this.rho.push(1 / ys);
      this.hessianDiagonal = ys / dot(y, y);
    }
    const count = this.steps.length;
    const alpha = new Float64Array(count);
    const q = negate(g);
    for (let i = count - 1; i >= 0; i--) {
      alpha[i] = dot(this.steps[i]!, q) * this.rho[i]!;
      axpy(-alpha[i]!, this.gradientChanges[i]!, q);
    }
    for (let k = 0; k < q.length; k++) q[k]! *= this.hessianDiagonal;
    for (let i = 0; i < count; i++) {
      const beta = dot(this.gradientChanges[i]!, q) * this.rho[i]!;
      axpy(alpha[i]! - beta, this.steps[i]!, q);
    }
    return q;
  }

  /** The loss and gradient at x + t·d (x itself is left as it was). */
  private directional(x: Float64Array, t: number, d: Float64Array): { loss: number; gradient: Float64Array } {
    const trial = Float64Array.from(x);
    axpy(t, d, trial);
    const { loss, gradient } = this.evaluate(trial);
    return { loss, gradient: Float64Array.from(gradient) };
  }

  /** minFunc's strong-Wolfe line search along d from x (loss f, gradient g, g·d = gtd), as PyTorch ports it. */
  private strongWolfe(x: Float64Array, t: number, d: Float64Array, f: number, g: Float64Array, gtd: number): { loss: number; gradient: Float64Array; t: number; evaluations: number } {
    const c1 = 1e-4;
    const c2 = 0.9;
    const maxSearches = 25;
    const dNorm = maxAbs(d);
    let { loss: fNew, gradient: gNew } = this.directional(x, t, d);
    let evaluations = 1;
    let gtdNew = dot(gNew, d);
    let tPrev = 0;
    let fPrev = f;
    let gPrev = g;
    let gtdPrev = gtd;
    let done = false;
    let searches = 0;
    let bracket: number[] = [];
    let bracketF: number[] = [];
    let bracketG: Float64Array[] = [];
    let bracketGtd: number[] = [];
    while (searches < maxSearches) {
      if (fNew > f + c1 * t * gtd || (searches > 1 && fNew >= fPrev)) {
        [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
        break;
      }
      if (Math.abs(gtdNew) <= -c2 * gtd) {
        [bracket, bracketF, bracketG] = [[t], [fNew], [gNew]];
        done = true;
        break;
      }
      if (gtdNew >= 0) {
        [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
        break;
      }
      const minStep = t + 0.01 * (t - tPrev);
      const maxStep = t * 10;
      const previous = t;
      t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
      [tPrev, fPrev, gPrev, gtdPrev] = [previous, fNew, gNew, gtdNew];
      ({ loss: fNew, gradient: gNew } = this.directional(x, t, d));
      evaluations += 1;
      gtdNew = dot(gNew, d);
      searches += 1;
    }
    if (searches === maxSearches) [bracket, bracketF, bracketG, bracketGtd] = [[0, t], [f, fNew], [g, gNew], [gtd, gtdNew]];

    let insufficientProgress = false;
    let [low, high] = bracketF[0]! <= bracketF[bracketF.length - 1]! ? [0, 1] : [1, 0];
    while (!done && searches < maxSearches) {
      if (Math.abs(bracket[1]! - bracket[0]!) * dNorm < this.toleranceChange) break;
      t = cubicInterpolate(bracket[0]!, bracketF[0]!, bracketGtd[0]!, bracket[1]!, bracketF[1]!, bracketGtd[1]!);
      const top = Math.max(bracket[0]!, bracket[1]!);
      const bottom = Math.min(bracket[0]!, bracket[1]!);
      const eps = 0.1 * (top - bottom);
      if (Math.min(top - t, t - bottom) < eps) {
        if (insufficientProgress || t >= top || t <= bottom) {
          t = Math.abs(t - top) < Math.abs(t - bottom) ? top - eps : bottom + eps;
          insufficientProgress = false;
        } else {
          insufficientProgress = true;
        }
      } else {
        insufficientProgress = false;
      }
      ({ loss: fNew, gradient: gNew } = this.directional(x, t, d));
      evaluations += 1;
      gtdNew = dot(gNew, d);
      searches += 1;
      if (fNew > f + c1 * t * gtd || fNew >= bracketF[low]!) {
        [bracket[high], bracketF[high], bracketG[high], bracketGtd[high]] = [t, fNew, gNew, gtdNew];
        [low, high] = bracketF[0]! <= bracketF[1]! ? [0, 1] : [1, 0];
      } else {
        if (Math.abs(gtdNew) <= -c2 * gtd) {
          done = true;
        } else if (gtdNew * (bracket[high]! - bracket[low]!) >= 0) {
          [bracket[high], bracketF[high], bracketG[high], bracketGtd[high]] = [bracket[low]!, bracketF[low]!, bracketG[low]!, bracketGtd[low]!];
        }
        [bracket[low], bracketF[low], bracketG[low], bracketGtd[low]] = [t, fNew, gNew, gtdNew];
      }
    }
    const chosen = bracket.length === 1 ? 0 : low;
    return { loss: bracketF[chosen]!, gradient: bracketG[chosen]!, t: bracket[chosen]!, evaluations };
  }
}

/** The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to bounds (default: between them). */
function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (d2Square < 0) return (lo + hi) / 2;
  const d2 = Math.sqrt(d2Square);
  const minimum = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
  return Math.min(Math.max(minimum, lo), hi);
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!;
  return sum;
}

/** y += alpha·x */
function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let k = 0; k < x.length; k++) y[k]! += alpha * x[k]!;
}

function negate(a: Float64Array): Float64Array {
  return a.map((v) => -v);
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (const v of a) max = Math.max(max, Math.abs(v));
  return max;
}

function sumAbs(a: Float64Array): number {
  let sum = 0;
  for (const v of a) sum += Math.abs(v);
  return sum;
}

function positive(field: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`LBFGS: ${field} must be a finite number > 0, got ${String(value)}.`);
  return value;
}

function integer(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`LBFGS: ${field} must be an integer ≥ 1, got ${String(value)}.`);
  return value;
}
