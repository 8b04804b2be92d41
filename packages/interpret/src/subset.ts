import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createBasis, type BasisConfig } from '@kanjs/basis-core';
import { FastKANLayer, KANNodes, type KANLayerBase } from '@kanjs/kan-layers';
import { subnodesOf, type Stage } from './stages.js';

/** Which axis of a weight runs over the layer's inputs ('in'), its outputs ('out'), or neither (null). */
type Axes = readonly ('in' | 'out' | null)[];

const EDGE_AXES: Readonly<Record<string, Axes>> = {
  base_weight: ['in', 'out'],
  base_kernel: ['in', 'out'],
  spline_scaler: ['in', 'out'],
  edge_mask: ['in', 'out'],
  symbolic_mask: ['in', 'out'],
  symbolic_affine: ['in', 'out', null],
  spline_weight: ['in', null, 'out'], // [in, K, out]; FastKAN's [in·K, out] is viewed so
  layernorm_gamma: ['in'],
  layernorm_beta: ['in'],
  base_bias: ['out'],
};

/**
 * A new model with only some nodes of `stages`: `keep[l]` lists the nodes kept of node layer l (l = 0 the
 * inputs, l = L the outputs). Each layer is rebuilt from its config with the smaller widths, and every weight is
 * copied with the removed inputs and outputs cut out: per-input basis state (B-spline knots), base and spline
 * weights, scalers, masks and symbolic edges, FastKAN's LayerNorm and bias, KANNodes' scales and biases.
 */
export function subsetModel(stages: readonly Stage[], keep: readonly (readonly number[])[]): tfl.Sequential {
  const model = tfl.sequential();
  const copies: [tfl.layers.Layer, tfl.layers.Layer, (name: string, values: Float32Array, shape: number[]) => Float32Array][] = [];
  stages.forEach((stage, l) => {
    const inputs = keep[l]!;
    const nodes = keep[l + 1]!;
    if (inputs.length === 0 || nodes.length === 0) {
      throw new Error(`prune: every node of layer ${inputs.length === 0 ? l : l + 1} would be removed; lower the threshold.`);
    }
    const outputs = nodes.flatMap((j) => subnodesOf(stage, j));
    const { layer } = stage;
    const config = layer.getConfig() as Record<string, unknown>;
    delete config['name'];
    delete config['batchInputShape'];
    delete config['inputShape'];
    const symbolic = config['symbolic'] as string[][] | undefined;
    const args: Record<string, unknown> = { ...config, units: outputs.length, ...(l === 0 ? { inputShape: [inputs.length] } : {}) };
    if (symbolic !== undefined) args['symbolic'] = inputs.map((i) => outputs.map((o) => symbolic[i]![o]!));
    const Layer = layer.constructor as new (args: Record<string, unknown>) => KANLayerBase;
    const rebuilt = new Layer(args);
    model.add(rebuilt);
    const perInput = perInputState(layer, inputs.length);
    copies.push([layer, rebuilt, (name, values, shape) => {
      const axes = EDGE_AXES[name] ?? (perInput.has(name) ? ['in', ...shape.slice(1).map(() => null)] : perInput.has(`shared:${name}`) ? shape.map(() => null) : undefined);
      if (axes === undefined) throw new Error(`prune: no rule to cut weight "${name}" of layer "${layer.name}" (${layer.getClassName()}).`);
      const view = name === 'spline_weight' && layer instanceof FastKANLayer ? [layer.inFeatures, layer.basis.size, layer.units] : shape;
      return slice(values, view, axes.map((axis) => (axis === 'in' ? inputs : axis === 'out' ? outputs : null)));
    }]);
    if (stage.nodes !== null) {
      const { nSum } = stage.nodes;
      const sums = nodes.filter((j) => j < nSum);
      const mults = nodes.filter((j) => j >= nSum);
      const nodeConfig = stage.nodes.getConfig() as Record<string, unknown>;
      delete nodeConfig['name'];
      const rebuiltNodes = new KANNodes({
        ...nodeConfig,
        nSum: sums.length,
        nMult: mults.length,
        multArity: mults.map((j) => stage.nodes!.arities[j - nSum]!),
      } as ConstructorParameters<typeof KANNodes>[0]);
      model.add(rebuiltNodes);
      copies.push([stage.nodes, rebuiltNodes, (name, values) => slice(values, [values.length], [name.startsWith('subnode_') ? outputs : nodes])]);
    }
  });
  for (const [from, to, cut] of copies) {
    const source = new Map(from.weights.map((w) => [shortName(w), w]));
    const tensors = to.weights.map((w) => {
      const original = source.get(shortName(w));
      if (original === undefined) throw new Error(`prune: layer "${from.name}" has no weight "${shortName(w)}" to copy.`);
      return tf.tensor(cut(shortName(w), original.read().dataSync() as Float32Array, original.shape as number[]), w.shape as number[]);
    });
    to.setWeights(tensors);
    tf.dispose(tensors);
  }
  return model;
}

/** The basis state names of a layer: per input (cut along axis 0) by name, shared ones as `shared:<name>`. */
function perInputState(layer: KANLayerBase, inFeatures: number): Set<string> {
  const specs = layer.basis.stateSpecs;
  const smaller = createBasis(layer.basis.config as BasisConfig, inFeatures).stateSpecs;
  return new Set(specs.map((spec, n) => {
    const same = spec.shape.length === smaller[n]!.shape.length && spec.shape.every((d, k) => d === smaller[n]!.shape[k]);
    return same ? `shared:${spec.name}` : spec.name;
  }));
}

function shortName(weight: tfl.LayerVariable): string {
  return weight.originalName.split('/').pop()!;
}

/** Row-major values of `shape` restricted to the kept indices of each axis (null = every index). */
function slice(values: Float32Array, shape: readonly number[], keep: readonly (readonly number[] | null)[]): Float32Array {
  const axes = shape.map((size, k) => keep[k] ?? Array.from({ length: size }, (_, n) => n));
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((p, d) => p * d, 1));
  const out = new Float32Array(axes.reduce((p, a) => p * a.length, 1));
  let n = 0;
  const walk = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      out[n++] = values[offset]!;
      return;
    }
    for (const index of axes[axis]!) walk(axis + 1, offset + index * strides[axis]!);
  };
  walk(0, 0);
  return out;
}
