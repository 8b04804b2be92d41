// Float64 references written straight from the definitions in DESIGN.md, scalar by scalar, sharing no code
// with the tfjs implementations they check. Layouts follow PyTorch: weights are [out, in, ...].

/** B-spline values of order k at x on one knot vector (Cox–de Boor): G+k values, all 0 outside [t₀, t_last). */
export function bsplineValues(x: number, knots: ArrayLike<number>, order: number): Float64Array {
  let values = new Float64Array(knots.length - 1);
  for (let j = 0; j < values.length; j++) values[j] = knots[j]! <= x && x < knots[j + 1]! ? 1 : 0;
  for (let p = 1; p <= order; p++) {
    const next = new Float64Array(values.length - 1);
    for (let j = 0; j < next.length; j++) {
      const dl = knots[j + p]! - knots[j]!;
      const dr = knots[j + p + 1]! - knots[j + 1]!;
      const left = dl === 0 ? 0 : ((x - knots[j]!) / dl) * values[j]!;
      const right = dr === 0 ? 0 : ((knots[j + p + 1]! - x) / dr) * values[j + 1]!;
      next[j] = left + right;
    }
    values = next;
  }
  return values;
}

/** Gaussian RBF values exp(−((x − cⱼ)/h)²). */
export function gaussianValues(x: number, centres: ArrayLike<number>, denominator: number): Float64Array {
  return Float64Array.from({ length: centres.length }, (_, j) => Math.exp(-(((x - centres[j]!) / denominator) ** 2)));
}

export const silu = (v: number): number => v / (1 + Math.exp(-v));

/** efficient-kan KANLinear parameters, PyTorch layout. */
export interface KanLinear64 {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly splineOrder: number;
  /** [in, G+2k+1] */
  readonly grid: Float64Array;
  /** [out, in] */
  readonly baseWeight: Float64Array;
  /** [out, in, K] */
  readonly splineWeight: Float64Array;
  /** [out, in], or null without the standalone scaler */
  readonly splineScaler: Float64Array | null;
}

/** y = SiLU(x)·Wbᵀ + flatten(B(x))·flatten(Ws ⊙ s)ᵀ for x [batch, in] → [batch, out]. */
export function kanLinearForward(layer: KanLinear64, x: ArrayLike<number>, batch: number): Float64Array {
  const { inFeatures: n, outFeatures: m, splineOrder: k, grid } = layer;
  const knots = grid.length / n;
  const size = knots - k - 1;
  const y = new Float64Array(batch * m);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < n; i++) {
      const xi = x[b * n + i]!;
      const basis = bsplineValues(xi, grid.subarray(i * knots, (i + 1) * knots), k);
      const base = silu(xi);
      for (let o = 0; o < m; o++) {
        let spline = 0;
        for (let c = 0; c < size; c++) spline += basis[c]! * layer.splineWeight[(o * n + i) * size + c]!;
        const scale = layer.splineScaler === null ? 1 : layer.splineScaler[o * n + i]!;
        y[b * m + o]! += base * layer.baseWeight[o * n + i]! + spline * scale;
      }
    }
  }
  return y;
}

/** fast-kan FastKANLayer parameters, PyTorch layout. */
export interface FastKan64 {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** [in] each, or null without LayerNorm */
  readonly layerNorm: { readonly weight: Float64Array; readonly bias: Float64Array; readonly eps: number } | null;
  /** [K] */
  readonly centres: Float64Array;
  readonly denominator: number;
  /** [out, in·K] */
  readonly splineWeight: Float64Array;
  /** [out, in] and [out], or null without the base update */
  readonly base: { readonly weight: Float64Array; readonly bias: Float64Array } | null;
}

/** u = LayerNorm(x); y = flatten(φ(u))·Wsᵀ + SiLU(x)·Wbᵀ + bb for x [batch, in] → [batch, out]. */
export function fastKanForward(layer: FastKan64, x: ArrayLike<number>, batch: number): Float64Array {
  const { inFeatures: n, outFeatures: m, centres } = layer;
  const size = centres.length;
  const y = new Float64Array(batch * m);
  const u = new Float64Array(n);
  for (let b = 0; b < batch; b++) {
    const row = Array.from({ length: n }, (_, i) => x[b * n + i]!);
    if (layer.layerNorm === null) {
      u.set(row);
    } else {
      const mean = row.reduce((s, v) => s + v, 0) / n;
      const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
      const inv = 1 / Math.sqrt(variance + layer.layerNorm.eps);
      for (let i = 0; i < n; i++) u[i] = (row[i]! - mean) * inv * layer.layerNorm.weight[i]! + layer.layerNorm.bias[i]!;
    }
    for (let i = 0; i < n; i++) {
      const phi = gaussianValues(u[i]!, centres, layer.denominator);
      for (let o = 0; o < m; o++) {
        let sum = 0;
        for (let c = 0; c < size; c++) sum += phi[c]! * layer.splineWeight[o * n * size + i * size + c]!;
        if (layer.base !== null) sum += silu(row[i]!) * layer.base.weight[o * n + i]!;
        y[b * m + o]! += sum;
      }
    }
    if (layer.base !== null) for (let o = 0; o < m; o++) y[b * m + o]! += layer.base.bias[o]!;
  }
  return y;
}

/** Chebyshev values T_d(tanh x), d = 0..degree, from T_d(t) = cos(d·acos t) (ChebyKAN). */
export function chebyshevValues(x: number, degree: number): Float64Array {
  const t = Math.tanh(x);
  return Float64Array.from({ length: degree + 1 }, (_, d) => Math.cos(d * Math.acos(t)));
}

/** Jacobi values P_d^(α,β)(tanh x), d = 0..degree, from the explicit sum Σₛ C(d+α, d−s)·C(d+β, s)·((t−1)/2)ˢ·((t+1)/2)^(d−s). */
export function jacobiValues(x: number, degree: number, alpha: number, beta: number): Float64Array {
  const t = Math.tanh(x);
  // The generalised binomial coefficient C(z, m) = Π_{i=1..m} (z − m + i)/i.
  const binomial = (z: number, m: number) => {
    let c = 1;
    for (let i = 1; i <= m; i++) c *= (z - m + i) / i;
    return c;
  };
  return Float64Array.from({ length: degree + 1 }, (_, d) => {
    let sum = 0;
    for (let s = 0; s <= d; s++) sum += binomial(d + alpha, d - s) * binomial(d + beta, s) * ((t - 1) / 2) ** s * ((t + 1) / 2) ** (d - s);
    return sum;
  });
}

/** Legendre values P_d(tanh x), d = 0..degree: Jacobi with α = β = 0. */
export function legendreValues(x: number, degree: number): Float64Array {
  return jacobiValues(x, degree, 0, 0);
}

/** Fourier values cos(kx) for k = 1..G, then sin(kx) for k = 1..G (FourierKAN). */
export function fourierValues(x: number, gridSize: number): Float64Array {
  const values = new Float64Array(2 * gridSize);
  for (let k = 1; k <= gridSize; k++) {
    values[k - 1] = Math.cos(k * x);
    values[gridSize + k - 1] = Math.sin(k * x);
  }
  return values;
}

/**
 * ReLU-KAN values Rᵢ(x) = [ReLU(eᵢ − x)·ReLU(x − sᵢ)]²·16/(eᵢ − sᵢ)⁴ with sᵢ = a + (i − k)h, eᵢ = sᵢ + (k + 1)h,
 * h = (b − a)/G, i = 0..G+k−1.
 */
export function reluKanValues(x: number, gridSize: number, order: number, [a, b]: readonly [number, number]): Float64Array {
  const h = (b - a) / gridSize;
  return Float64Array.from({ length: gridSize + order }, (_, i) => {
    const s = a + (i - order) * h;
    const e = s + (order + 1) * h;
    return (Math.max(0, e - x) * Math.max(0, x - s)) ** 2 * 16 / (e - s) ** 4;
  });
}

/** Reflectional-switch values 1 − tanh²((x − cⱼ)/h) (FasterKAN's RSWAF). */
export function rswafValues(x: number, centres: ArrayLike<number>, denominator: number): Float64Array {
  return Float64Array.from({ length: centres.length }, (_, j) => 1 - Math.tanh((x - centres[j]!) / denominator) ** 2);
}

/** Mexican-hat values ψ((x − tⱼ)/s), ψ(u) = (1 − u²)·exp(−u²/2), times 2/(√3·π^¼) when normalised. */
export function mexicanHatValues(x: number, translations: ArrayLike<number>, scale: number, normalize = false): Float64Array {
  const c = normalize ? 2 / (Math.sqrt(3) * Math.PI ** 0.25) : 1;
  return Float64Array.from({ length: translations.length }, (_, j) => {
    const u = (x - translations[j]!) / scale;
    return c * (1 - u * u) * Math.exp((-u * u) / 2);
  });
}

/** Rational values xᵐ/(1 + |Q(x)|), m = 0..M, with Q(x) = Σₙ bₙ·xⁿ over n = 1..N (b = [b₁, …, b_N]). */
export function rationalValues(x: number, numeratorDegree: number, denominator: ArrayLike<number>): Float64Array {
  let q = 0;
  for (let n = 1; n <= denominator.length; n++) q += denominator[n - 1]! * x ** n;
  return Float64Array.from({ length: numeratorDegree + 1 }, (_, m) => x ** m / (1 + Math.abs(q)));
}

/** KAT's safe Padé P(x)/(1 + |Q(x)|): P(x) = Σₘ aₘ·xᵐ (a₀..a_M), Q(x) = Σₙ bₙ·xⁿ (b₁..b_N). */
export function rationalFunctionValue(x: number, numerator: ArrayLike<number>, denominator: ArrayLike<number>): number {
  let p = 0;
  for (let m = 0; m < numerator.length; m++) p += numerator[m]! * x ** m;
  let q = 0;
  for (let n = 1; n <= denominator.length; n++) q += denominator[n - 1]! * x ** n;
  return p / (1 + Math.abs(q));
}
