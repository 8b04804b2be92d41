import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';

/** A JSON value: what a basis config may hold, so that it round-trips through `JSON.stringify`. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A basis config: the registered name plus the basis's options, e.g. `{ name: 'bspline', gridSize: 5 }`. */
export interface BasisConfig {
  readonly name: string;
  readonly [option: string]: JsonValue;
}

/**
 * A tensor that a basis needs, such as knots or centres. The layer owns it as a weight, saves it with the model
 * and passes it back to `evaluate`. Fixed by default; a trainable one (learned centres, rational coefficients)
 * is a trainable weight that the optimizer updates from the gradient autodiff gives through `evaluate`.
 * Per layer, per input or per group is the shape: e.g. [K], [in, K] or [groups, K].
 */
export interface BasisStateSpec {
  /** The weight's name inside the layer, e.g. `grid`. */
  readonly name: string;
  readonly shape: readonly number[];
  /** Initial values, row-major, `shape` elements. */
  initial(): Float32Array;
  /**
   * Whether the layer trains it. Default false. The fused kernels give no gradient for state, so `basisLinear`
   * runs the generic path (`evaluate` + `matMul`) for a basis with trainable state, and grid updates refuse it.
   */
  readonly trainable?: boolean;
}

/** State tensors by name, as declared by `Basis.stateSpecs`. */
export type BasisState = Readonly<Record<string, Tensor>>;

/** State values by name, row-major, as read from or written to the layer's weights. */
export type BasisStateValues = Readonly<Record<string, Float32Array>>;

/**
 * Fused-kernel snippets: device functions that compute, for one scalar input x of input feature `feature`, the
 * K basis values, and separately their derivatives dBₖ/dx. Each GPU backend instantiates its one fused
 * basis-linear kernel template with them. A basis without snippets still runs everywhere, through `evaluate`.
 *
 * The template provides `KAN_K` (the basis size), every entry of `constants` (an integer as an integer
 * literal, anything else as a float literal), and the state: the state tensors concatenated, row-major and in
 * `stateSpecs` order, as one float array.
 */
export interface BasisKernelSnippets {
  /**
   * WGSL source defining
   * `fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>)` and
   * `fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>)`; it reads the state
   * through `kan_state(index: u32) -> f32`, which the template defines. Constants are `const NAME = literal;`.
   */
  readonly wgsl?: string;
  /**
   * CUDA C source defining
   * `__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values)` and
   * `__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs)`.
   * Constants are `#define NAME literal` (floats with an `f` suffix).
   */
  readonly cuda?: string;
  /** Named constants the snippets use, e.g. `{ KAN_ORDER: 3, KAN_KNOTS: 12 }`. */
  readonly constants?: Readonly<Record<string, number>>;
}

/** The radial profiles that the CPU backends' fused kernels know: φ(z), z = (x − cⱼ)/h. */
export type RadialCpuProfile = 'gaussian' | 'rswaf';

/** The wavelets that the CPU backends' fused kernels know: ψ(u), u = (x − tⱼ)/sᵢ. */
export type WaveletCpuProfile = 'mexican-hat';

/**
 * A basis's form for the CPU backends (wasm, cpu): one of the kinds their fused basis-linear kernels compute,
 * with its parameters, so that they can compute the K values of one scalar and their derivatives dBₖ/dx
 * without `evaluate`. The state tensors are read as by the snippets. A basis without one runs `evaluate` there.
 *
 * - `radial`: φⱼ(x) = φ((x − cⱼ)/h), `gaussian` exp(−z²) or `rswaf` 1 − tanh²z; the centres cⱼ are the first
 *   state tensor, [K], shared by all inputs; h is `width`.
 * - `bspline`: the K = G + k B-splines of order k (`order`) on input i's knots, state at i·`knots` + j
 *   (`knots` = G + 2k + 1 per input, nondecreasing); 0 outside [t₀, t_last).
 * - `recurrence`: P₀..P_{K−1} of t = tanh x by a three-term recurrence, P₀ = 1, P₁ = a₁t + b₁,
 *   Pₙ = (aₙt + bₙ)·Pₙ₋₁ − cₙ·Pₙ₋₂ (Chebyshev, Legendre, Jacobi); `a`, `b`, `c` have K entries, index n for
 *   Pₙ (index 0 unused). No state.
 * - `fourier`: cos(kx) for k = 1..K/2, then sin(kx) for k = 1..K/2 (K even). No state.
 * - `wavelet`: φⱼ(x) = `amplitude`·ψ((x − tⱼ)/sᵢ), `mexican-hat` ψ(u) = (1 − u²)·exp(−u²/2); the translations
 *   tⱼ are the first state tensor, [K], shared by all inputs, and the scales sᵢ the second, [in], one per input.
 */
export type BasisCpuForm =
  | { readonly kind: 'radial'; readonly profile: RadialCpuProfile; readonly width: number }
  | { readonly kind: 'bspline'; readonly order: number; readonly knots: number }
  | { readonly kind: 'recurrence'; readonly a: readonly number[]; readonly b: readonly number[]; readonly c: readonly number[] }
  | { readonly kind: 'fourier' }
  | { readonly kind: 'wavelet'; readonly profile: WaveletCpuProfile; readonly amplitude: number };

/** The result of a grid extension: a larger basis of the same kind, and its state. */
export interface ExtendedBasis {
  readonly basis: Basis;
  readonly state: BasisStateValues;
  /** Points, [count, inFeatures] row-major, at which the layer refits its coefficients to keep its function. */
  readonly samples: Float32Array;
  readonly sampleCount: number;
}

/**
 * Adaptation hooks for bases whose state follows the data. Both return new state values only; the layer
 * refits its coefficients by least squares so that its function is kept.
 */
export interface BasisAdaptation {
  /** New state fitted to a batch x: [batch, inFeatures] row-major (e.g. quantile knots). */
  updateState(x: Float32Array, batch: number, state: BasisStateValues, options?: Readonly<Record<string, number>>): BasisStateValues;
  /** A basis of the same kind on a finer grid (pykan's `refine`), with the state derived from the current one. */
  extend(options: Readonly<Record<string, number>>, state: BasisStateValues): ExtendedBasis;
}

/** One basis for one layer: K functions per input feature. */
export interface Basis {
  /** The registered name, e.g. `bspline`. */
  readonly name: string;
  /** The number of input features it was created for. */
  readonly inFeatures: number;
  /** K, the number of basis functions per input. */
  readonly size: number;
  /** The interval the basis is laid out on (grid range, first to last centre): for initialisation and plots. */
  readonly domain: readonly [number, number];
  /** The whole config with defaults filled in; `createBasis(config, inFeatures)` rebuilds this basis. */
  readonly config: BasisConfig;
  /** The tensors it needs: fixed ones (knots, centres) and any trainable ones (`BasisStateSpec.trainable`). */
  readonly stateSpecs: readonly BasisStateSpec[];
  /** Reference math from tfjs ops: x [batch, in] → values [batch, in, K]. Autodiff differentiates it. */
  evaluate(x: Tensor2D, state: BasisState): Tensor3D;
  /** Optional fused-kernel snippets for the GPU backends. */
  readonly kernels?: BasisKernelSnippets;
  /** Optional form for the fused kernels of the CPU backends (wasm, cpu). */
  readonly cpu?: BasisCpuForm;
  /** Optional adaptation hooks (grid update and grid extension). */
  readonly adaptation?: BasisAdaptation;
}

/** Builds a basis from its options (everything in the config but `name`) for a given number of inputs. */
export type BasisFactory = (options: Readonly<Record<string, JsonValue>>, inFeatures: number) => Basis;
