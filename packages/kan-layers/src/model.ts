import * as tfl from '@tensorflow/tfjs-layers';
import type { BasisConfig } from '@kanjs/basis-core';
import { FastKANLayer, type FastKANLayerArgs } from './layers/fastkan-layer.js';
import { KANLinear, type KANLinearArgs } from './layers/kan-linear.js';
import { KANLayerBase } from './layers/kan-layer-base.js';

type Shared<T> = Omit<T, 'units' | 'inputShape' | 'batchInputShape' | 'name' | 'seed' | 'basis'>;

/** Options of `kan()`: the widths, the layer kind and basis, and any option of that layer kind. */
export type KANModelOptions = {
  /** Widths from input to output, e.g. [784, 64, 10]: two layers. */
  readonly layers: readonly number[];
  /** The basis of every layer; defaults to the layer kind's (bspline for kan-linear, gaussian for fastkan). */
  readonly basis?: string | BasisConfig;
  /** Seeds the initialisation (layer i gets seed + i). */
  readonly seed?: number;
  /** A name prefix for the layers. */
  readonly name?: string;
} & (
  | ({ readonly layer?: 'kan-linear' } & Shared<KANLinearArgs>)
  | ({ readonly layer: 'fastkan' } & Shared<FastKANLayerArgs>)
);

/** The layer kinds `kan()` builds. */
export const LAYER_KINDS = ['kan-linear', 'fastkan'] as const;

/** Builds a KAN as a `tf.Sequential`, e.g. `kan({ layers: [784, 64, 10], layer: 'fastkan' })`. */
export function kan(options: KANModelOptions): tfl.Sequential {
  const { layers: widths, layer: kind = 'kan-linear', basis, seed, name, ...layerOptions } = options;
  if (!Array.isArray(widths) || widths.length < 2 || !widths.every((w) => Number.isInteger(w) && w >= 1)) {
    throw new Error(`kan: layers must list at least two widths ≥ 1 (input to output), got ${JSON.stringify(widths)}.`);
  }
  if (!(LAYER_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`kan: unknown layer "${String(kind)}"; expected one of ${LAYER_KINDS.join(', ')}.`);
  }
  const model = tfl.sequential();
  for (let i = 0; i + 1 < widths.length; i++) {
    const args = {
      ...layerOptions,
      units: widths[i + 1]!,
      ...(basis === undefined ? {} : { basis }),
      ...(seed === undefined ? {} : { seed: seed + i }),
      ...(name === undefined ? {} : { name: `${name}_${i}` }),
      ...(i === 0 ? { inputShape: [widths[0]!] } : {}),
    };
    model.add(kind === 'fastkan' ? new FastKANLayer(args) : new KANLinear(args));
  }
  return model;
}

/** The KAN layers of a model, in order. */
export function kanLayers(model: tfl.LayersModel): KANLayerBase[] {
  return model.layers.filter((layer): layer is KANLayerBase => layer instanceof KANLayerBase);
}
