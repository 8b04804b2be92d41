import * as tfl from '@tensorflow/tfjs-layers';
import type { BasisConfig } from '@kanjs/basis-core';
import { FastKANLayer, type FastKANLayerArgs } from './layers/fastkan-layer.js';
import { KANLinear, type KANLinearArgs } from './layers/kan-linear.js';
import { KANLayerBase } from './layers/kan-layer-base.js';
import { KANNodes } from './layers/kan-nodes.js';

type Shared<T> = Omit<T, 'units' | 'inputShape' | 'batchInputShape' | 'name' | 'seed' | 'basis'>;

/** Options of `kan()`: the widths, the layer kind and basis, and any option of that layer kind. */
export type KANModelOptions = {
  /**
   * Widths from input to output, e.g. [784, 64, 10]: two layers. A hidden or output width may be pykan's
   * [nSum, nMult], and the layer before it then has nSum + nMult·multArity outputs, followed by a KANNodes layer
   * that passes the first nSum through and multiplies each following group of multArity ([2, [5, 2], 1]).
   */
  readonly layers: readonly (number | readonly [number, number])[];
  /** Subnodes per multiplication node (pykan's mult_arity). Default 2. */
  readonly multArity?: number;
  /** The basis of every layer; defaults to the layer kind's (bspline for kan-linear, gaussian for fastkan). */
  readonly basis?: string | BasisConfig;
  /** Seeds the initialisation (layer i gets seed + i). */
  readonly seed?: number;
  /** A name prefix for the layers. */
  readonly name?: string;
  /**
   * An activation after the last layer: 'linear' (default) keeps the logits (train them with a loss that takes
   * logits, e.g. `softmaxCrossEntropy`); 'softmax' or 'sigmoid' gives probabilities for tfjs's named losses.
   */
  readonly outputActivation?: (typeof OUTPUT_ACTIVATIONS)[number];
} & (
  | ({ readonly layer?: 'kan-linear' } & Shared<KANLinearArgs>)
  | ({ readonly layer: 'fastkan' } & Shared<FastKANLayerArgs>)
);

/** The layer kinds `kan()` builds. */
export const LAYER_KINDS = ['kan-linear', 'fastkan'] as const;

/** The output activations `kan()` can end with. */
export const OUTPUT_ACTIVATIONS = ['linear', 'softmax', 'sigmoid'] as const;

/** Builds a KAN as a `tf.Sequential`, e.g. `kan({ layers: [784, 64, 10], layer: 'fastkan' })`. */
export function kan(options: KANModelOptions): tfl.Sequential {
  const { layers: widths, layer: kind = 'kan-linear', basis, seed, name, outputActivation = 'linear', multArity = 2, ...layerOptions } = options;
  const nodes = Array.isArray(widths) && widths.length >= 2 ? widths.map(nodeWidth) : null;
  if (nodes === null || nodes.some((w) => w === null) || nodes[0]!.nMult > 0) {
    throw new Error(`kan: layers must list at least two widths (input to output), each an integer ≥ 1 or, after the input, a pair [nSum, nMult] of integers ≥ 0 with nSum + nMult ≥ 1, got ${JSON.stringify(widths)}.`);
  }
  if (!Number.isInteger(multArity) || multArity < 1) throw new Error(`kan: multArity must be an integer ≥ 1, got ${String(multArity)}.`);
  if (!(LAYER_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`kan: unknown layer "${String(kind)}"; expected one of ${LAYER_KINDS.join(', ')}.`);
  }
  if (!(OUTPUT_ACTIVATIONS as readonly string[]).includes(outputActivation)) {
    throw new Error(`kan: unknown outputActivation "${String(outputActivation)}"; expected one of ${OUTPUT_ACTIVATIONS.join(', ')}.`);
  }
  const model = tfl.sequential();
  for (let i = 0; i + 1 < widths.length; i++) {
    const { nSum, nMult } = nodes[i + 1]!;
    const args = {
      ...layerOptions,
      units: nSum + nMult * multArity,
      ...(basis === undefined ? {} : { basis }),
      ...(seed === undefined ? {} : { seed: seed + i }),
      ...(name === undefined ? {} : { name: `${name}_${i}` }),
      ...(i === 0 ? { inputShape: [nodes[0]!.nSum] } : {}),
    };
    model.add(kind === 'fastkan' ? new FastKANLayer(args) : new KANLinear(args));
    if (nMult > 0) model.add(new KANNodes({ nSum, nMult, multArity, ...(name === undefined ? {} : { name: `${name}_${i}_nodes` }) }));
  }
  if (outputActivation !== 'linear') {
    model.add(tfl.layers.activation({ activation: outputActivation, ...(name === undefined ? {} : { name: `${name}_${outputActivation}` }) }));
  }
  return model;
}

/** A width of `kan()`'s layers as { nSum, nMult }: n is { n, 0 }; null when it is neither n ≥ 1 nor a valid pair. */
function nodeWidth(width: unknown): { nSum: number; nMult: number } | null {
  if (Number.isInteger(width) && (width as number) >= 1) return { nSum: width as number, nMult: 0 };
  if (!Array.isArray(width) || width.length !== 2 || !width.every((n) => Number.isInteger(n) && n >= 0)) return null;
  const [nSum, nMult] = width as [number, number];
  return nSum + nMult >= 1 ? { nSum, nMult } : null;
}

/** The KAN layers of a model, in order. */
export function kanLayers(model: tfl.LayersModel): KANLayerBase[] {
  return model.layers.filter((layer): layer is KANLayerBase => layer instanceof KANLayerBase);
}

/** Per KAN layer of a model (as `kanLayers` lists them), the KANNodes layer right after it, or null. */
export function kanNodes(model: tfl.LayersModel): (KANNodes | null)[] {
  const layers = model.layers;
  return layers.flatMap((layer, n) => {
    if (!(layer instanceof KANLayerBase)) return [];
    const next = layers[n + 1];
    return [next instanceof KANNodes ? next : null];
  });
}
