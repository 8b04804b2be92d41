import * as tfl from '@tensorflow/tfjs-layers';
import { kan } from '@kanjs/kan-layers';
import type { JsonValue } from '@kanjs/basis-core';
import { CLASSES, PIXELS } from '../data/dataset.js';

/** The model kinds the demo trains. */
export type ModelKind = 'fastkan' | 'kan-linear' | 'mlp';

/** What to build: a KAN [784, hidden, 10] of a layer kind and basis, or an MLP baseline. */
export interface ModelSpec {
  readonly kind: ModelKind;
  /** A registered basis name; default: the layer kind's (gaussian for fastkan, bspline for kan-linear). */
  readonly basis?: string;
  /** The basis's options (`--basis-options`); default: the basis's defaults. */
  readonly basisOptions?: Readonly<Record<string, JsonValue>>;
  readonly hidden: number;
  readonly seed: number;
  /** For an MLP: the parameter count to match. */
  readonly matchParams?: number;
}

/** A display and file name for a spec, e.g. `fastkan-gaussian`. */
export function modelName(spec: ModelSpec): string {
  if (spec.kind === 'mlp') return 'mlp';
  return `${spec.kind}-${basisName(spec)}`;
}

/** The basis a KAN spec uses: its own, or the layer kind's default (gaussian for fastkan, bspline for kan-linear). */
export function basisName(spec: ModelSpec): string {
  return spec.basis ?? (spec.kind === 'fastkan' ? 'gaussian' : 'bspline');
}

/** Trainable parameters of a model. */
export function trainableParams(model: tfl.LayersModel): number {
  return model.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
}

/** Builds the model of a spec; it outputs logits [batch, 10]. Layer names are fixed, so optimizer state resumes. */
export function buildModel(spec: ModelSpec): tfl.Sequential {
  const name = modelName(spec).replace(/[^a-z0-9]/g, '_');
  if (spec.kind === 'mlp') {
    // [784, h, 10] with ReLU has 795h + 10 parameters: pick h to match the KAN.
    const hidden = Math.max(1, Math.round(((spec.matchParams ?? 795 * spec.hidden + 10) - CLASSES) / (PIXELS + 1 + CLASSES)));
    return tfl.sequential({
      name,
      layers: [
        tfl.layers.dense({ units: hidden, activation: 'relu', inputShape: [PIXELS], name: `${name}_0`, kernelInitializer: tfl.initializers.heUniform({ seed: spec.seed }) }),
        tfl.layers.dense({ units: CLASSES, name: `${name}_1`, kernelInitializer: tfl.initializers.glorotUniform({ seed: spec.seed + 1 }) }),
      ],
    });
  }
  return kan({
    layers: [PIXELS, spec.hidden, CLASSES],
    layer: spec.kind,
    ...(spec.basis === undefined && spec.basisOptions === undefined ? {} : { basis: { ...spec.basisOptions, name: basisName(spec) } }),
    seed: spec.seed,
    name,
  });
}
