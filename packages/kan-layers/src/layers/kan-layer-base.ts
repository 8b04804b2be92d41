import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import type { Kwargs } from '@tensorflow/tfjs-layers/dist/types.js';
import { createBasis, type Basis, type BasisConfig, type BasisState, type BasisStateValues } from '@kanjs/basis-core';
import { baseActivation, type BaseActivation } from './activations.js';

type LayerVariable = tfl.LayerVariable;
type Shape = (number | null)[];

/** Options shared by every KAN layer. */
export interface KANLayerArgs extends LayerArgs {
  /** Output features. */
  readonly units: number;
  /** The basis: a registered name or `{ name, ...options }`. */
  readonly basis?: string | BasisConfig;
  /** The base branch's activation. Default `silu`. */
  readonly baseActivation?: BaseActivation;
  /** Makes the initialisation deterministic. */
  readonly seed?: number;
}

/**
 * What KANLinear and FastKANLayer share: the basis and its state weights (non-trainable, saved with the
 * model), input checks, the base activation and the config.
 */
export abstract class KANLayerBase extends tfl.layers.Layer {
  readonly units: number;
  readonly seed: number | undefined;
  readonly baseActivationName: BaseActivation;
  /** The base branch's activation. */
  readonly activation: (x: tf.Tensor) => tf.Tensor;
  private basisConfig: BasisConfig;
  private basis_: Basis | null = null;
  private stateWeights: Record<string, LayerVariable> = {};

  protected constructor(args: KANLayerArgs, defaultBasis: string) {
    super(args);
    const owner = (this.constructor as { className?: string }).className ?? 'KAN layer';
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw new Error(`${owner}: units must be an integer ≥ 1, got ${String(args.units)}.`);
    }
    this.units = args.units;
    this.seed = args.seed;
    this.basisConfig = typeof args.basis === 'string' ? { name: args.basis } : (args.basis ?? { name: defaultBasis });
    this.baseActivationName = args.baseActivation ?? 'silu';
    this.activation = baseActivation(owner, this.baseActivationName);
  }

  /** The layer's basis; exists once the layer is built. */
  get basis(): Basis {
    if (this.basis_ === null) throw new Error(`${this.getClassName()} ${this.name}: the layer is not built yet; call it on an input first.`);
    return this.basis_;
  }

  /** Input features; exists once the layer is built. */
  get inFeatures(): number {
    return this.basis.inFeatures;
  }

  /** Checks the input shape, creates the basis and its state weights; returns the number of input features. */
  protected buildBasis(inputShape: tfl.Shape | tfl.Shape[]): number {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const inFeatures = shape[shape.length - 1];
    if (shape.length !== 2 || inFeatures === null || inFeatures === undefined) {
      throw new Error(`${this.getClassName()}: expected a 2-D input [batch, features], got shape [${shape.map(String).join(', ')}].`);
    }
    const basis = createBasis(this.basisConfig, inFeatures);
    this.basis_ = basis;
    this.basisConfig = basis.config;
    for (const spec of basis.stateSpecs) {
      const weight = this.addWeight(spec.name, [...spec.shape], 'float32', tfl.initializers.zeros(), undefined, false);
      tf.tidy(() => {
        weight.write(tf.tensor(spec.initial(), [...spec.shape]));
      });
      this.stateWeights[spec.name] = weight;
    }
    return inFeatures;
  }

  /** The input as a 2-D tensor of the right width, or one clear error. */
  protected input2d(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor2D {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (x === undefined || Array.isArray(inputs) && inputs.length !== 1) {
      throw new Error(`${this.getClassName()}: expected one input tensor, got ${Array.isArray(inputs) ? inputs.length : 0}.`);
    }
    if (x.rank !== 2) {
      throw new Error(`${this.getClassName()}: expected a 2-D input [batch, ${this.inFeatures}], got shape [${x.shape.join(', ')}].`);
    }
    if (x.shape[1] !== this.inFeatures) {
      throw new Error(`${this.getClassName()}: input has ${x.shape[1]} features, layer expects ${this.inFeatures}.`);
    }
    return x as tf.Tensor2D;
  }

  /** The basis state tensors, as `evaluate` and `basisLinear` take them. */
  basisState(): BasisState {
    return Object.fromEntries(Object.entries(this.stateWeights).map(([name, weight]) => [name, weight.read()]));
  }

  /** The basis state values, row-major. */
  basisStateValues(): BasisStateValues {
    return Object.fromEntries(Object.entries(this.stateWeights).map(([name, weight]) => [name, weight.read().dataSync() as Float32Array]));
  }

  /** Overwrites the basis state, e.g. after a grid update. */
  protected writeBasisState(values: BasisStateValues): void {
    for (const [name, weight] of Object.entries(this.stateWeights)) {
      const data = values[name];
      if (data === undefined) throw new Error(`${this.getClassName()}: new basis state lacks "${name}".`);
      tf.tidy(() => {
        weight.write(tf.tensor(data, weight.shape as number[]));
      });
    }
  }

  /** The spline coefficients as [in, K, out], unscaled (what efficient-kan's regularisation reads). */
  abstract splineCoefficients(): tf.Tensor3D;

  /** The spline coefficients with any scaling applied, as [in, K, out]: y_spline = flatten(B(u)) · reshape(this). */
  abstract effectiveSplineCoefficients(): tf.Tensor3D;

  /** The base-branch kernel [in, out], or null when the layer has no base branch. */
  abstract baseKernel(): tf.Tensor2D | null;

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return [shape[0] ?? null, this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      ...super.getConfig(),
      units: this.units,
      basis: this.basisConfig as unknown as tf.serialization.ConfigDictValue,
      baseActivation: this.baseActivationName,
    };
    if (this.seed !== undefined) config['seed'] = this.seed;
    return config;
  }

  abstract override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor;
}
