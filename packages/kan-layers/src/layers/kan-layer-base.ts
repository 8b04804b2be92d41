import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import type { Kwargs } from '@tensorflow/tfjs-layers/dist/types.js';
import { createBasis, type Basis, type BasisConfig, type BasisState, type BasisStateValues } from '@kanjs/basis-core';
import { baseActivation, type BaseActivation } from './activations.js';
import { checkLayerSize } from './limits.js';
import { LayerEdges, type SymbolicAffine } from './edges.js';
import { activationRegularization, regularizerOption, splineRegularization, type KANRegularizer } from './regularizer.js';

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
  /** Build the per-edge masks and symbolic branch (what `enableEdges` adds); set in saved configs. */
  readonly edges?: boolean;
  /** The symbolic function names [in][out] ('0' = none), with `edges`. */
  readonly symbolic?: string[][];
  /** A regularisation that `model.fit` adds to the loss, e.g. `{ kind: 'pykan', l1: 1e-3, entropy: 2e-3 }`. */
  readonly regularizer?: KANRegularizer;
}

/**
 * What KANLinear and FastKANLayer share: the basis and its state weights (saved with the model; trainable where
 * the basis's state spec says so, else fixed), input checks, the base activation and the config.
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
  private edgesRequested: boolean;
  private symbolicNames: string[][] | undefined;
  private edges_: LayerEdges | null = null;
  private buildingEdges = false;
  /** The `regularizer` option with its defaults, or null. */
  readonly regularizer: Required<KANRegularizer> | null;
  /** pykan penalties of training calls that `model.fit` has not collected yet. */
  private pendingPenalties: tf.Scalar[] = [];

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
    this.edgesRequested = args.edges ?? false;
    this.symbolicNames = args.symbolic;
    this.regularizer = regularizerOption(owner, args.regularizer);
    if (this.regularizer !== null) this.addLoss(() => this.regularizationPenalty());
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
    if (shape.length < 2 || inFeatures === null || inFeatures === undefined) {
      throw new Error(`${this.getClassName()}: expected an input [batch, ..., features] of rank ≥ 2 with known features, got shape [${shape.map(String).join(', ')}].`);
    }
    const basis = createBasis(this.basisConfig, inFeatures);
    checkLayerSize(this.getClassName(), inFeatures, this.units, basis.size);
    this.basis_ = basis;
    this.basisConfig = basis.config;
    for (const spec of basis.stateSpecs) {
      const weight = this.addWeight(spec.name, [...spec.shape], 'float32', tfl.initializers.zeros(), undefined, spec.trainable === true);
      tf.tidy(() => {
        weight.write(tf.tensor(spec.initial(), [...spec.shape]));
      });
      this.stateWeights[spec.name] = weight;
    }
    return inFeatures;
  }

  /** The input [..., in] as a 2-D tensor [rows, in] (leading axes flattened), or one clear error. */
  protected input2d(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor2D {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (x === undefined || Array.isArray(inputs) && inputs.length !== 1) {
      throw new Error(`${this.getClassName()}: expected one input tensor, got ${Array.isArray(inputs) ? inputs.length : 0}.`);
    }
    if (x.rank < 2) {
      throw new Error(`${this.getClassName()}: expected an input [batch, ..., ${this.inFeatures}] of rank ≥ 2, got shape [${x.shape.join(', ')}].`);
    }
    const features = x.shape[x.rank - 1]!;
    if (features !== this.inFeatures) {
      throw new Error(`${this.getClassName()}: input has ${features} features, layer expects ${this.inFeatures}.`);
    }
    return x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [x.size / features, features]);
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

  /** A weight that exists, or one clear error. */
  protected weightOf(weight: LayerVariable | null): LayerVariable {
    if (weight === null) throw new Error(`${this.getClassName()} ${this.name}: this weight does not exist (not built, or switched off by an option).`);
    return weight;
  }

  /** Rebuilds the edge weights of a layer whose config has `edges: true`; subclasses call it at the end of build. */
  protected buildEdges(): void {
    if (!this.edgesRequested) return;
    this.buildingEdges = true;
    try {
      this.enableEdges();
    } finally {
      this.buildingEdges = false;
    }
  }

  /**
   * Adds the per-edge weights (idempotent): `edge_mask` [in, out] (ones, non-trainable), `symbolic_mask` [in, out]
   * (zeros, non-trainable) and `symbolic_affine` [in, out, 4] (a, b, c, d; trainable). A model compiled before
   * this call trains the new affine only once it is compiled again.
   */
  enableEdges(): void {
    if (this.edges_ !== null) return;
    const inFeatures = this.inFeatures;
    this.edges_ = new LayerEdges(`${this.getClassName()} ${this.name}`, inFeatures, this.units, (name, shape, initial, trainable) => {
      // build() runs in the layer's name scope, which prefixes the variable names; a later call does it here.
      const scoped = this.buildingEdges ? name : `${this.name}/${name}`;
      const weight = this.addWeight(scoped, shape, 'float32', tfl.initializers.zeros(), undefined, trainable);
      weight.write(initial);
      initial.dispose();
      return weight;
    }, this.symbolicNames);
    this.edgesRequested = true;
    this.symbolicNames = undefined;
  }

  /** Whether the layer has its per-edge weights (`enableEdges`). */
  get hasEdges(): boolean {
    return this.edges_ !== null;
  }

  /** The numeric edge mask [in·out], row-major [i][o]; all ones when edges are not enabled. */
  edgeMask(): Float32Array {
    return this.edges_ === null ? new Float32Array(this.inFeatures * this.units).fill(1) : this.edges_.maskValues();
  }

  /** Sets the numeric mask of edge (i, o), enabling edges first. */
  setEdgeMask(i: number, o: number, value: 0 | 1): void {
    this.edgesEnabled().setMask(i, o, value);
  }

  /** Sets the whole numeric mask [in·out], row-major [i][o], enabling edges first. */
  setEdgeMasks(mask: Float32Array): void {
    this.edgesEnabled().setMasks(mask);
  }

  /** pykan's fix_symbolic: edge (i, o) becomes c·f(a·x + b) + d with f = `name`; its numeric part is masked off. */
  fixSymbolic(i: number, o: number, name: string, affine: readonly [number, number, number, number]): void {
    this.edgesEnabled().fix(i, o, name, affine);
  }

  /** Makes edge (i, o) numeric again. */
  unfixSymbolic(i: number, o: number): void {
    this.edgesEnabled().unfix(i, o);
  }

  /** The symbolic function and affine (a, b, c, d) of edge (i, o), or null when it is not symbolic. */
  symbolicEdge(i: number, o: number): { name: string; affine: SymbolicAffine } | null {
    return this.edges_ === null ? null : this.edges_.edge(i, o);
  }

  /** The symbolic function names [in][out] ('0' = none). */
  symbolicFunctionNames(): string[][] {
    return this.edges_ === null ? Array.from({ length: this.inFeatures }, () => new Array<string>(this.units).fill('0')) : this.edges_.functionNames();
  }

  /** What the basis sees: the input itself, or (FastKAN with LayerNorm) its normalisation. [batch, in] → [batch, in] */
  protected abstract basisInput(x: tf.Tensor2D): tf.Tensor2D;

  /** A kernel [in, out] with the edge mask applied (itself when edges are not enabled). */
  protected maskedKernel(kernel: tf.Tensor2D): tf.Tensor2D {
    return this.edges_ === null ? kernel : this.edges_.maskKernel(kernel);
  }

  /** Coefficients [in, K, out] with the edge mask applied (themselves when edges are not enabled). */
  protected maskedCoefficients(coefficients: tf.Tensor3D): tf.Tensor3D {
    return this.edges_ === null ? coefficients : this.edges_.maskCoefficients(coefficients);
  }

  /** y plus the symbolic edges' sum for the input x [batch, in]; y itself when edges are not enabled. */
  protected withSymbolic(y: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor2D {
    return this.edges_ === null ? y : tf.add(y, this.edges_.symbolicOutput(x));
  }

  /**
   * The per-edge outputs [batch, in, out] (masks applied, symbolic edges included) for x [batch, in]: their sum
   * over `in` is the layer's output minus any bias (FastKAN's base bias). pykan's `spline_postacts`.
   */
  edgeActivations(inputs: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => {
      const x = this.input2d(inputs);
      const edges = this.numericEdgeActivations(x);
      return (this.edges_ === null ? edges : tf.add(edges, this.edges_.symbolicActivations(x))) as tf.Tensor3D;
    });
  }

  /** The per-edge outputs of the basis and base branches [batch, in, out] (masks applied, symbolic edges left out). */
  private numericEdgeActivations(x: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => {
      const values = tf.transpose(this.basis.evaluate(this.basisInput(x), this.basisState()), [1, 0, 2]); // [in, batch, K]
      const coefficients = this.maskedCoefficients(this.effectiveSplineCoefficients()); // [in, K, out]
      let edges: tf.Tensor = tf.transpose(tf.matMul(values, coefficients), [1, 0, 2]); // [batch, in, out]
      const kernel = this.baseKernel();
      if (kernel !== null) edges = tf.add(edges, tf.mul(tf.expandDims(this.activation(x), 2), this.maskedKernel(kernel)));
      return edges as tf.Tensor3D;
    });
  }

  private edgesEnabled(): LayerEdges {
    this.enableEdges();
    return this.edges_!;
  }

  /** The spline coefficients as [in, K, out], unscaled (what efficient-kan's regularisation reads). */
  abstract splineCoefficients(): tf.Tensor3D;

  /** The spline coefficients with any scaling applied, as [in, K, out]: y_spline = flatten(B(u)) · reshape(this). */
  abstract effectiveSplineCoefficients(): tf.Tensor3D;

  /** The base-branch kernel [in, out], or null when the layer has no base branch. */
  abstract baseKernel(): tf.Tensor2D | null;

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return [...shape.slice(0, -1), this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      ...super.getConfig(),
      units: this.units,
      basis: this.basisConfig as unknown as tf.serialization.ConfigDictValue,
      baseActivation: this.baseActivationName,
    };
    if (this.seed !== undefined) config['seed'] = this.seed;
    if (this.regularizer !== null) config['regularizer'] = { ...this.regularizer };
    if (this.edges_ !== null) {
      config['edges'] = true;
      config['symbolic'] = this.edges_.functionNames();
    } else if (this.edgesRequested) {
      config['edges'] = true;
      if (this.symbolicNames !== undefined) config['symbolic'] = this.symbolicNames;
    }
    return config;
  }

  /** The layer on a 2-D input: [batch, in] → [batch, units]. */
  protected abstract forward(x: tf.Tensor2D): tf.Tensor2D;

  /**
   * [..., in] → [..., units], on the last axis as tf.layers.dense does. A training call of a layer with a pykan
   * regularizer also computes its penalty on the batch, which `model.fit` collects through the layer's losses.
   */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const penalize = kwargs?.['training'] === true && this.regularizer?.kind === 'pykan';
    const [y, penalty] = tf.tidy(() => {
      const x = this.input2d(inputs); // [rows, in]
      const input = Array.isArray(inputs) ? inputs[0]! : inputs;
      const y = input.rank === 2 ? this.forward(x) : tf.reshape(this.forward(x), [...input.shape.slice(0, -1), this.units]);
      if (!penalize) return [y];
      const { l1, entropy } = this.regularizer!;
      return [y, activationRegularization(x, this.numericEdgeActivations(x), l1, entropy)];
    });
    if (penalty !== undefined) this.pendingPenalties = [...this.pendingPenalties.filter((p) => !p.isDisposed), penalty as tf.Scalar];
    return y!;
  }

  /**
   * What the layer adds to the training loss (registered with addLoss): efficient-kan's from the spline weights,
   * or the sum of the pykan penalties of the training calls since the last collection (0 when none).
   */
  private regularizationPenalty(): tf.Scalar {
    const { kind, l1, entropy } = this.regularizer!;
    if (kind === 'efficient-kan') return tf.tidy(() => splineRegularization(this.splineCoefficients(), l1, entropy));
    const pending = this.pendingPenalties.filter((p) => !p.isDisposed);
    this.pendingPenalties = [];
    return pending.length === 0 ? tf.scalar(0) : (pending.reduce((a, b) => tf.add(a, b)) as tf.Scalar);
  }
}
