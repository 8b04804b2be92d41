import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';

/** Options of KANNodes. */
export interface KANNodesArgs extends LayerArgs {
  /** Addition nodes: the first nSum subnodes pass through. */
  readonly nSum: number;
  /** Multiplication nodes, each the product of its group of consecutive subnodes. Default 0. */
  readonly nMult?: number;
  /** Subnodes per multiplication node: one number for all, or one per node (pykan's mult_arity). Default 2. */
  readonly multArity?: number | readonly number[];
  /** Whether the scales and biases train (pykan's affine_trainable). Default false. */
  readonly affineTrainable?: boolean;
}

/**
 * pykan's nodes after a KAN layer. Input [batch, nSum + Σ arity] (the layer's subnodes) → output
 * [batch, nSum + nMult]:
 *
 *     s = subnode_scale ⊙ x + subnode_bias                      (over the subnodes)
 *     n = [s[:, :nSum], Π of each mult node's consecutive subnodes]
 *     y = node_scale ⊙ n + node_bias                            (over the nodes)
 */
export class KANNodes extends tfl.layers.Layer {
  static readonly className = 'KANNodes';
  readonly nSum: number;
  readonly nMult: number;
  readonly multArity: number | readonly number[];
  readonly affineTrainable: boolean;
  /** Subnodes per multiplication node. */
  readonly arities: readonly number[];
  private weights_: Record<'subnode_scale' | 'subnode_bias' | 'node_scale' | 'node_bias', tfl.LayerVariable> | null = null;

  constructor(args: KANNodesArgs) {
    super(args);
    const count = (name: string, value: unknown, min: number): number => {
      if (!Number.isInteger(value) || (value as number) < min) throw new Error(`KANNodes: ${name} must be an integer ≥ ${min}, got ${String(value)}.`);
      return value as number;
    };
    this.nSum = count('nSum', args.nSum, 0);
    this.nMult = count('nMult', args.nMult ?? 0, 0);
    this.multArity = args.multArity ?? 2;
    const arities = typeof this.multArity === 'number' ? new Array<number>(this.nMult).fill(this.multArity) : [...this.multArity];
    if (arities.length !== this.nMult) throw new Error(`KANNodes: multArity lists ${arities.length} arities, expected one per mult node (${this.nMult}).`);
    arities.forEach((arity) => count('each multArity', arity, 1));
    if (this.nSum + this.nMult < 1) throw new Error('KANNodes: expected at least one node (nSum + nMult ≥ 1), got 0.');
    this.arities = arities;
    this.affineTrainable = args.affineTrainable ?? false;
  }

  /** Subnodes in: nSum + Σ arity. */
  get subnodes(): number {
    return this.nSum + this.arities.reduce((sum, arity) => sum + arity, 0);
  }

  /** Nodes out: nSum + nMult. */
  get nodes(): number {
    return this.nSum + this.nMult;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as (number | null)[];
    if (shape.length !== 2 || shape[1] !== this.subnodes) {
      throw new Error(`KANNodes: expected an input [batch, ${this.subnodes}] (nSum + Σ multArity subnodes), got [${shape.map(String).join(', ')}].`);
    }
    const add = (name: string, size: number, initializer: ReturnType<typeof tfl.initializers.ones>) =>
      this.addWeight(name, [size], 'float32', initializer, undefined, this.affineTrainable);
    const ones = tfl.initializers.ones();
    const zeros = tfl.initializers.zeros();
    this.weights_ = {
      subnode_scale: add('subnode_scale', this.subnodes, ones),
      subnode_bias: add('subnode_bias', this.subnodes, zeros),
      node_scale: add('node_scale', this.nodes, ones),
      node_bias: add('node_bias', this.nodes, zeros),
    };
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor2D {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      if (x.rank !== 2 || x.shape[1] !== this.subnodes) {
        throw new Error(`KANNodes: expected an input [batch, ${this.subnodes}], got [${x.shape.join(', ')}].`);
      }
      const w = this.nodeWeights();
      const subnodes = tf.add(tf.mul(x, w.subnode_scale.read()), w.subnode_bias.read()) as tf.Tensor2D; // [batch, subnodes]
      return tf.add(tf.mul(this.combine(subnodes), w.node_scale.read()), w.node_bias.read()) as tf.Tensor2D; // [batch, nodes]
    });
  }

  /** The sum nodes as they are, then each mult node's product: [batch, subnodes] → [batch, nodes]. */
  private combine(subnodes: tf.Tensor2D): tf.Tensor2D {
    if (this.nMult === 0) return subnodes;
    const batch = subnodes.shape[0];
    const parts: tf.Tensor2D[] = [tf.slice(subnodes, [0, 0], [batch, this.nSum])];
    const homogeneous = this.arities.every((arity) => arity === this.arities[0]);
    // Products as repeated multiplies (tf.prod's gradient needs tfjs's chained ops, which tfjs-core alone lacks).
    const product = (factors: tf.Tensor[]) => factors.reduce((a, b) => tf.mul(a, b));
    if (homogeneous) {
      const arity = this.arities[0]!;
      const groups = tf.reshape(tf.slice(subnodes, [0, this.nSum], [batch, this.nMult * arity]), [batch, this.nMult, arity]);
      parts.push(product(tf.unstack(groups, 2)) as tf.Tensor2D); // [batch, nMult]
    } else {
      let start = this.nSum;
      for (const arity of this.arities) {
        parts.push(product(tf.split(tf.slice(subnodes, [0, start], [batch, arity]), arity, 1)) as tf.Tensor2D); // [batch, 1]
        start += arity;
      }
    }
    return tf.concat(parts, 1);
  }

  private nodeWeights(): NonNullable<KANNodes['weights_']> {
    if (this.weights_ === null) throw new Error(`KANNodes ${this.name}: the layer is not built yet; call it on an input first.`);
    return this.weights_;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as (number | null)[];
    return [shape[0] ?? null, this.nodes];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      nSum: this.nSum,
      nMult: this.nMult,
      multArity: typeof this.multArity === 'number' ? this.multArity : [...this.multArity],
      affineTrainable: this.affineTrainable,
    };
  }
}
tf.serialization.registerClass(KANNodes);
