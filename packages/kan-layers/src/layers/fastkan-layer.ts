import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { baseLinear } from '../op/base-linear.js';
import { basisLinear } from '../op/basis-linear.js';
import { fusedFastKANLayer, useFusedFastKANLayer } from '../op/fastkan-layer.js';
import { layerNorm } from '../op/layer-norm.js';
import { kaimingUniform, subSeed } from './init.js';
import { KANLayerBase, type KANLayerArgs } from './kan-layer-base.js';

/** Options of FastKANLayer; defaults are fast-kan's. */
export interface FastKANLayerArgs extends KANLayerArgs {
  /** Normalise the input before the basis. Default true; needs more than one input feature. */
  readonly useLayerNorm?: boolean;
  /** Add the base branch SiLU(x)·Wbᵀ + bb. Default true. */
  readonly useBaseUpdate?: boolean;
  /** Standard deviation of the initial spline weights. Default 0.1. */
  readonly splineWeightInitScale?: number;
  /** LayerNorm's ε. Default 1e-5. */
  readonly layerNormEpsilon?: number;
}

/**
 * fast-kan's FastKANLayer, over any basis (Gaussian RBFs by default):
 *
 *     u = LayerNorm(x)
 *     y = flatten(φ(u)) · Wsᵀ + SiLU(x) · Wbᵀ + bb
 *
 * The base branch sees the raw x. Weights (tfjs layout; PyTorch's noted): `layernorm_gamma`, `layernorm_beta`
 * [in]; the basis state, e.g. `grid` [K] (PyTorch `rbf.grid`); `spline_weight` [in·K, out] (PyTorch
 * `spline_linear.weight` [out, in·K]); `base_kernel` [in, out] (PyTorch `base_linear.weight` [out, in]);
 * `base_bias` [out].
 *
 * Input [batch, ..., in] → output [batch, ..., units], on the last axis.
 */
export class FastKANLayer extends KANLayerBase {
  static readonly className = 'FastKANLayer';
  readonly useLayerNorm: boolean;
  readonly useBaseUpdate: boolean;
  readonly splineWeightInitScale: number;
  readonly layerNormEpsilon: number;
  private gamma: tfl.LayerVariable | null = null;
  private beta: tfl.LayerVariable | null = null;
  private splineWeight: tfl.LayerVariable | null = null;
  private baseWeight: tfl.LayerVariable | null = null;
  private baseBias: tfl.LayerVariable | null = null;

  constructor(args: FastKANLayerArgs) {
    super(args, 'gaussian');
    this.useLayerNorm = args.useLayerNorm ?? true;
    this.useBaseUpdate = args.useBaseUpdate ?? true;
    this.splineWeightInitScale = args.splineWeightInitScale ?? 0.1;
    this.layerNormEpsilon = args.layerNormEpsilon ?? 1e-5;
    if (!(this.layerNormEpsilon > 0)) throw new Error(`FastKANLayer: layerNormEpsilon must be > 0, got ${this.layerNormEpsilon}.`);
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const inFeatures = this.buildBasis(inputShape);
    if (this.useLayerNorm && inFeatures < 2) {
      throw new Error('FastKANLayer: LayerNorm needs more than one input feature, got 1; set useLayerNorm: false.');
    }
    const { units } = this;
    const size = this.basis.size;
    if (this.useLayerNorm) {
      this.gamma = this.addWeight('layernorm_gamma', [inFeatures], 'float32', tfl.initializers.ones());
      this.beta = this.addWeight('layernorm_beta', [inFeatures], 'float32', tfl.initializers.zeros());
    }
    this.splineWeight = this.addWeight('spline_weight', [inFeatures * size, units], 'float32',
      tfl.initializers.randomNormal({ mean: 0, stddev: this.splineWeightInitScale, ...seedArg(subSeed(this.seed, 0)) }));
    if (this.useBaseUpdate) {
      // nn.Linear's default: kaiming_uniform(a=√5) for the weight, U(±1/√in) for the bias.
      const zeros = tfl.initializers.zeros();
      this.baseWeight = this.addWeight('base_kernel', [inFeatures, units], 'float32', zeros);
      this.baseBias = this.addWeight('base_bias', [units], 'float32', zeros);
      const bound = 1 / Math.sqrt(inFeatures);
      tf.tidy(() => {
        this.baseWeight!.write(kaimingUniform([inFeatures, units], inFeatures, Math.sqrt(5), subSeed(this.seed, 1)));
        this.baseBias!.write(tf.randomUniform([units], -bound, bound, 'float32', subSeed(this.seed, 2)));
      });
    }
    this.buildEdges();
    this.built = true;
  }

  protected override forward(x: tf.Tensor2D): tf.Tensor2D {
    if (this.fusesWholeLayer()) {
      const weights = {
        gamma: this.gamma!.read() as tf.Tensor1D,
        beta: this.beta!.read() as tf.Tensor1D,
        spline: this.weightOf(this.splineWeight).read() as tf.Tensor2D,
        base: this.baseKernel()!,
        bias: this.baseBias!.read() as tf.Tensor1D,
      };
      return fusedFastKANLayer(x, weights, this.basis, this.basisState(), this.layerNormEpsilon);
    }
    return tf.tidy(() => {
      const spline = basisLinear(this.basisInput(x), this.maskedSplineWeight(), this.basis, this.basisState());
      if (!this.useBaseUpdate) return this.withSymbolic(spline, x);
      const base = tf.add(baseLinear(x, this.maskedKernel(this.baseKernel()!), this.baseActivationName), this.baseBias!.read());
      return this.withSymbolic(tf.add(spline, base), x);
    });
  }

  /**
   * Whether the layer runs as the backend's fused FastKAN kernels (one forward, one backward): the default layout
   * (LayerNorm, SiLU base branch, no per-edge weights) on a backend that fuses it.
   */
  private fusesWholeLayer(): boolean {
    return this.useLayerNorm && this.useBaseUpdate && this.baseActivationName === 'silu' && !this.hasEdges && useFusedFastKANLayer(this.basis);
  }

  /** LayerNorm over the features, biased variance: (x − mean)/√(var + ε)·γ + β. [batch, in] → [batch, in] */
  layerNorm(x: tf.Tensor2D): tf.Tensor2D {
    return layerNorm(x, this.gamma!.read() as tf.Tensor1D, this.beta!.read() as tf.Tensor1D, this.layerNormEpsilon);
  }

  /** The spline weight [in·K, out] with the edge mask applied. */
  private maskedSplineWeight(): tf.Tensor2D {
    const weight = this.weightOf(this.splineWeight).read() as tf.Tensor2D;
    if (!this.hasEdges) return weight;
    return tf.reshape(this.maskedCoefficients(this.splineCoefficients()), weight.shape);
  }

  /** LayerNorm(x) when the layer normalises, else x. The symbolic edges, like the base branch, see the raw x. */
  protected override basisInput(x: tf.Tensor2D): tf.Tensor2D {
    return this.useLayerNorm ? this.layerNorm(x) : x;
  }

  override baseKernel(): tf.Tensor2D | null {
    return this.baseWeight === null ? null : (this.baseWeight.read() as tf.Tensor2D);
  }

  override splineCoefficients(): tf.Tensor3D {
    return tf.reshape(this.weightOf(this.splineWeight).read(), [this.inFeatures, this.basis.size, this.units]);
  }

  override effectiveSplineCoefficients(): tf.Tensor3D {
    return this.splineCoefficients();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      useLayerNorm: this.useLayerNorm,
      useBaseUpdate: this.useBaseUpdate,
      splineWeightInitScale: this.splineWeightInitScale,
      layerNormEpsilon: this.layerNormEpsilon,
    };
  }
}
tf.serialization.registerClass(FastKANLayer);

function seedArg(seed: number | undefined): { seed?: number } {
  return seed === undefined ? {} : { seed };
}
