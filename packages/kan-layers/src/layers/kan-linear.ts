import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, trainableStateNames, type Basis, type BasisAdaptation, type BasisStateValues } from '@kanjs/basis-core';
import { baseLinear } from '../op/base-linear.js';
import { basisLinear } from '../op/basis-linear.js';
import { kaimingUniform, onCpu, subSeed } from './init.js';
import { KANLayerBase, type KANLayerArgs } from './kan-layer-base.js';
import { basisValues, edgeCurves, fitCoefficients } from './refit.js';

/** How many `whileLoadingWeights` calls are running. */
let loadingWeights = 0;

/**
 * Runs `build`, which creates and builds layers, with KANLinear's initial least-squares fit skipped, for a
 * loader that writes every weight right after (as tf.loadLayersModel's fast weight initialisation does).
 */
export function whileLoadingWeights<T>(build: () => T): T {
  loadingWeights += 1;
  try {
    return build();
  } finally {
    loadingWeights -= 1;
  }
}

/** Options of KANLinear; defaults are efficient-kan's. */
export interface KANLinearArgs extends KANLayerArgs {
  /** Scale of the initial spline noise. Default 0.1. */
  readonly scaleNoise?: number;
  /** Scale of the base weight's initialisation. Default 1. */
  readonly scaleBase?: number;
  /** Scale of the spline weight's (or scaler's) initialisation. Default 1. */
  readonly scaleSpline?: number;
  /** Whether each edge has a trainable spline scaler s[o, i]. Default true. */
  readonly standaloneScaleSpline?: boolean;
}

/**
 * A KAN layer with efficient-kan semantics, over any basis (B-spline by default):
 *
 *     y = SiLU(x) · Wbᵀ + flatten(B(x)) · flatten(Ws ⊙ s)ᵀ
 *
 * Weights (tfjs layout; PyTorch's is the transpose noted): `base_weight` [in, out] (PyTorch [out, in]),
 * `spline_weight` [in, K, out] (PyTorch [out, in, K]), `spline_scaler` [in, out] (PyTorch [out, in]), and
 * the basis state, e.g. `grid` [in, G+2k+1].
 *
 * Input [batch, ..., in] → output [batch, ..., units], on the last axis.
 */
export class KANLinear extends KANLayerBase {
  static readonly className = 'KANLinear';
  readonly scaleNoise: number;
  readonly scaleBase: number;
  readonly scaleSpline: number;
  readonly standaloneScaleSpline: boolean;
  private baseWeight: tfl.LayerVariable | null = null;
  private splineWeight: tfl.LayerVariable | null = null;
  private splineScaler: tfl.LayerVariable | null = null;
  private weightsFollowBuild = false;

  constructor(args: KANLinearArgs) {
    super(args, 'bspline');
    this.scaleNoise = args.scaleNoise ?? 0.1;
    this.scaleBase = args.scaleBase ?? 1;
    this.scaleSpline = args.scaleSpline ?? 1;
    for (const [field, value] of [['scaleNoise', this.scaleNoise], ['scaleBase', this.scaleBase], ['scaleSpline', this.scaleSpline]] as const) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new Error(`KANLinear: ${field} must be a finite number ≥ 0, got ${describe(value)}.`);
      }
    }
    this.standaloneScaleSpline = args.standaloneScaleSpline ?? true;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const inFeatures = this.buildBasis(inputShape);
    const size = this.basis.size;
    const zeros = tfl.initializers.zeros();
    this.baseWeight = this.addWeight('base_weight', [inFeatures, this.units], 'float32', zeros);
    this.splineWeight = this.addWeight('spline_weight', [inFeatures, size, this.units], 'float32', zeros);
    if (this.standaloneScaleSpline) {
      this.splineScaler = this.addWeight('spline_scaler', [inFeatures, this.units], 'float32', zeros);
    }
    this.initialize();
    this.buildEdges();
    this.built = true;
  }

  /** tf.loadLayersModel sets this before the build when it writes every weight right after. */
  override setFastWeightInitDuringBuild(value: boolean): void {
    super.setFastWeightInitDuringBuild(value);
    this.weightsFollowBuild = value;
  }

  /**
   * efficient-kan's `reset_parameters`, in tfjs layout. Skipped when every weight is written right after the
   * build (tf.loadLayersModel's fast weight initialisation, or `whileLoadingWeights`): the fit costs about K³ per input.
   */
  private initialize(): void {
    if (this.weightsFollowBuild || loadingWeights > 0) return;
    const { inFeatures, units, basis } = this;
    const sqrt5 = Math.sqrt(5);
    // Spline curves start as small noise at evenly spaced points across the basis's domain, fitted by least
    // squares. The fit reads values back, so it runs where that is synchronous.
    const fitted = onCpu(() => {
      const { count, divisor } = noiseSampling(basis);
      const points = noisePoints(basis.domain, count, inFeatures);
      const noise = tf.tidy(() =>
        tf.mul(tf.randomUniform([count, inFeatures, units], -0.5, 0.5, 'float32', subSeed(this.seed, 1)), this.scaleNoise / divisor),
      );
      const target = Float64Array.from(noise.dataSync());
      noise.dispose();
      const state = Object.fromEntries(basis.stateSpecs.map((spec) => [spec.name, spec.initial()]));
      const values = basisValues(basis, state, points, count);
      return Float32Array.from(fitCoefficients(values, target, count, inFeatures, basis.size, units));
    });
    const scale = this.standaloneScaleSpline ? 1 : this.scaleSpline;
    tf.tidy(() => {
      this.baseWeight!.write(kaimingUniform([inFeatures, units], inFeatures, sqrt5 * this.scaleBase, subSeed(this.seed, 0)));
      this.splineWeight!.write(tf.mul(tf.tensor3d(fitted, [inFeatures, basis.size, units]), scale));
      this.splineScaler?.write(kaimingUniform([inFeatures, units], inFeatures, sqrt5 * this.scaleSpline, subSeed(this.seed, 2)));
    });
  }

  protected override forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const base = baseLinear(x, this.maskedKernel(this.baseKernel()), this.baseActivationName); // [batch, out]
      const coefficients = this.maskedCoefficients(this.effectiveSplineCoefficients()); // [in, K, out]
      const weight = tf.reshape(coefficients, [this.inFeatures * this.basis.size, this.units]) as tf.Tensor2D;
      return this.withSymbolic(tf.add(base, basisLinear(x, weight, this.basis, this.basisState())), x);
    });
  }

  protected override basisInput(x: tf.Tensor2D): tf.Tensor2D {
    return x;
  }

  override baseKernel(): tf.Tensor2D {
    return this.weightOf(this.baseWeight).read() as tf.Tensor2D;
  }

  override splineCoefficients(): tf.Tensor3D {
    return this.weightOf(this.splineWeight).read() as tf.Tensor3D;
  }

  /** Ws ⊙ s, [in, K, out]: efficient-kan's `scaled_spline_weight`. */
  override effectiveSplineCoefficients(): tf.Tensor3D {
    const weight = this.splineCoefficients();
    if (this.splineScaler === null) return weight;
    return tf.tidy(() => tf.mul(weight, tf.expandDims(this.splineScaler!.read(), 1)));
  }

  /**
   * efficient-kan's `update_grid`: new knots from the batch x [batch, in] or [..., in] (quantiles blended with a
   * uniform grid), then a least-squares refit so that the layer keeps its function on the batch. Unlike efficient-kan,
   * the fitted *scaled* coefficients are divided by the scaler before being stored, so it is applied once.
   */
  updateGrid(x: tf.Tensor, margin = 0.01): void {
    const { batch, samples } = tf.tidy(() => {
      const input = this.input2d(x); // [batch, in], leading axes flattened
      return { batch: input.shape[0], samples: input.dataSync() as Float32Array };
    });
    const adaptation = this.adaptation('updateGrid');
    const state = adaptation.updateState(samples, batch, this.basisStateValues(), { margin });
    this.refit(state, samples, batch);
    this.writeBasisState(state);
  }

  /**
   * pykan's `refine`: a new layer on a finer grid (`gridSize`) whose function matches this one's inside the
   * grid, with the same base weights, scalers, edge masks and symbolic edges. The layer is built for the same input width.
   */
  extendGrid(gridSize: number): KANLinear {
    const adaptation = this.adaptation('extendGrid');
    const extended = adaptation.extend({ gridSize }, this.basisStateValues());
    const config = { ...this.getConfig(), basis: extended.basis.config } as unknown as KANLinearArgs;
    const layer = new KANLinear({ ...config, name: `${this.name}_g${gridSize}` });
    layer.build([null, this.inFeatures]);
    const fitted = this.fitScaled(extended.basis, extended.state, extended.samples, extended.sampleCount);
    layer.writeBasisState(extended.state);
    tf.tidy(() => {
      layer.baseWeight!.write(this.baseKernel());
      if (this.splineScaler !== null) layer.splineScaler!.write(this.splineScaler.read());
      layer.splineWeight!.write(tf.tensor3d(fitted, [this.inFeatures, extended.basis.size, this.units]));
    });
    if (this.hasEdges) {
      for (let i = 0; i < this.inFeatures; i++) {
        for (let o = 0; o < this.units; o++) {
          const symbolic = this.symbolicEdge(i, o);
          if (symbolic !== null) layer.fixSymbolic(i, o, symbolic.name, symbolic.affine);
        }
      }
      layer.setEdgeMasks(this.edgeMask());
    }
    return layer;
  }

  /** The basis's adaptation hooks for `method`, or one clear error: none, or trainable state that a refit would not keep. */
  private adaptation(method: string): BasisAdaptation {
    const { adaptation, name } = this.basis;
    if (adaptation === undefined) throw new Error(`${this.getClassName()}.${method}: the ${name} basis has no grid adaptation.`);
    const trainable = trainableStateNames(this.basis);
    if (trainable.length > 0) {
      throw new Error(`${this.getClassName()}.${method}: the ${name} basis has trainable state (${trainable.join(', ')}), which grid adaptation cannot refit; train it instead.`);
    }
    return adaptation;
  }

  /** Refits this layer's spline weights in place for a new state of the same basis. */
  private refit(state: BasisStateValues, samples: Float32Array, count: number): void {
    const fitted = this.fitScaled(this.basis, state, samples, count);
    tf.tidy(() => {
      this.splineWeight!.write(tf.tensor3d(fitted, [this.inFeatures, this.basis.size, this.units]));
    });
  }

  /**
   * Unscaled spline weights [in, K', out] for `basis` with `state` whose curves match this layer's current
   * (scaled) curves at the samples [count, in].
   */
  private fitScaled(basis: Basis, state: BasisStateValues, samples: Float32Array, count: number): Float32Array {
    const { inFeatures, units } = this;
    const oldValues = basisValues(this.basis, this.basisStateValues(), samples, count);
    const scaled = tf.tidy(() => this.effectiveSplineCoefficients().dataSync());
    const target = edgeCurves(oldValues, scaled, count, inFeatures, this.basis.size, units);
    const newValues = basisValues(basis, state, samples, count);
    const fitted = fitCoefficients(newValues, target, count, inFeatures, basis.size, units);
    const weights = new Float32Array(fitted.length);
    const scaler = this.splineScaler === null ? null : (this.splineScaler.read().dataSync() as Float32Array);
    for (let i = 0; i < inFeatures; i++) {
      for (let k = 0; k < basis.size; k++) {
        for (let o = 0; o < units; o++) {
          const n = (i * basis.size + k) * units + o;
          const s = scaler === null ? 1 : scaler[i * units + o]!;
          // A zero scaler makes the edge's spline 0 whatever the weight; keep the weight at 0 then.
          weights[n] = s === 0 ? 0 : fitted[n]! / s;
        }
      }
    }
    return weights;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      scaleNoise: this.scaleNoise,
      scaleBase: this.scaleBase,
      scaleSpline: this.scaleSpline,
      standaloneScaleSpline: this.standaloneScaleSpline,
    };
  }
}
tf.serialization.registerClass(KANLinear);

/**
 * Where the initial noise is fitted. Grid bases (those with grid adaptation: B-splines) follow efficient-kan:
 * noise of amplitude scaleNoise/G at the G+1 interior knots, fitted with the minimum-norm solution. Any other
 * basis gets noise of amplitude scaleNoise/K at 2K+1 points, an over-determined fit that stays well posed
 * whatever the basis (a minimum-norm fit through fewer points than functions can blow up, e.g. for Fourier).
 */
function noiseSampling(basis: Basis): { count: number; divisor: number } {
  const gridSize = basis.config['gridSize'];
  if (basis.adaptation !== undefined && typeof gridSize === 'number') return { count: gridSize + 1, divisor: gridSize };
  return { count: 2 * basis.size + 1, divisor: basis.size };
}

/** `count` evenly spaced points over the domain (in float32, as the knots are), for every input: [count, in]. */
function noisePoints([low, high]: readonly [number, number], count: number, inFeatures: number): Float32Array {
  const step = (high - low) / (count - 1);
  const points = new Float32Array(count * inFeatures);
  for (let j = 0; j < count; j++) points.fill(j * step + low, j * inFeatures, (j + 1) * inFeatures);
  return points;
}
