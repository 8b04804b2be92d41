import * as tfl from '@tensorflow/tfjs-layers';
import { fastKAN, kan, kanLinear } from '@kanjs/kan-layers';
import type { JsonValue } from '@kanjs/basis-core';
import { CLASSES, MNIST_SHAPE, featureCount, type ImageShape } from '../data/dataset.js';
import { convFrontEnd, convOutputFeatures } from './conv.js';

/** The model kinds the demo trains. */
export type ModelKind = 'fastkan' | 'kan-linear' | 'mlp';

/** What to build: a KAN [features, ...hidden, 10] of a layer kind and basis, or an MLP baseline, optionally after a conv front end. */
export interface ModelSpec {
  readonly kind: ModelKind;
  /** A registered basis name; default: the layer kind's (gaussian for fastkan, bspline for kan-linear). */
  readonly basis?: string;
  /** The basis's options (`--basis-options`); default: the basis's defaults. */
  readonly basisOptions?: Readonly<Record<string, JsonValue>>;
  /** The hidden widths: 64 is [784, 64, 10], [256, 256] is [784, 256, 256, 10]. */
  readonly hidden: number | readonly number[];
  readonly seed: number;
  /** For an MLP: the parameter count to match (its hidden widths are scaled together to reach it). */
  readonly matchParams?: number;
  /** Put the small convolutional front end (two 3×3 convolutions with pooling, see conv.ts) before the layers. */
  readonly conv?: boolean;
  /** The images' shape, channels last; default MNIST's [28, 28, 1]. */
  readonly input?: ImageShape;
}

/** A display and file name for a spec, e.g. `fastkan-gaussian`, `conv-mlp`. */
export function modelName(spec: ModelSpec): string {
  const name = spec.kind === 'mlp' ? 'mlp' : `${spec.kind}-${basisName(spec)}`;
  return spec.conv ? `conv-${name}` : name;
}

/** The basis a KAN spec uses: its own, or the layer kind's default (gaussian for fastkan, bspline for kan-linear). */
export function basisName(spec: ModelSpec): string {
  return spec.basis ?? (spec.kind === 'fastkan' ? 'gaussian' : 'bspline');
}

/** A spec's hidden widths as a list. */
export function hiddenWidths(spec: Pick<ModelSpec, 'hidden'>): number[] {
  return typeof spec.hidden === 'number' ? [spec.hidden] : [...spec.hidden];
}

/** Trainable parameters of a model. */
export function trainableParams(model: tfl.LayersModel): number {
  return model.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
}

/**
 * The widths of a model's fully connected part (KAN or dense layers), input to output: [784, 64, 10] for the
 * default KAN, [800, 64, 10] after the conv front end on MNIST.
 */
export function layerWidths(model: tfl.LayersModel): number[] {
  const widths: number[] = [];
  let previous = model.inputs[0]!.shape;
  for (const layer of model.layers) {
    const shape = layer.outputShape as (number | null)[];
    if (layer.trainableWeights.length > 0 && shape.length === 2) {
      if (widths.length === 0) widths.push(previous[1]!);
      widths.push(shape[1]!);
    }
    previous = shape;
  }
  return widths;
}

/** Parameters of an MLP with these widths, input to output (weights and biases). */
function mlpParams(widths: readonly number[]): number {
  let n = 0;
  for (let i = 0; i + 1 < widths.length; i++) n += (widths[i]! + 1) * widths[i + 1]!;
  return n;
}

/**
 * The hidden widths of an MLP [features, ...hidden·s, 10] whose parameter count is closest to `target`, with one
 * scale s for all widths (found by bisection); for one hidden layer this is round((target − 10) / (features + 11)).
 */
export function matchedWidths(features: number, hidden: readonly number[], target: number): number[] {
  const at = (s: number) => hidden.map((h) => Math.max(1, s * h));
  let low = 0;
  let high = 1;
  while (mlpParams([features, ...at(high), CLASSES]) < target && high < 1e9) high *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (mlpParams([features, ...at(mid), CLASSES]) < target) low = mid;
    else high = mid;
  }
  return at((low + high) / 2).map((w) => Math.max(1, Math.round(w)));
}

/** The fully connected layers of an MLP baseline [features, ...widths, 10], ReLU between them. */
function mlpLayers(features: number, widths: readonly number[], name: string, seed: number, first: boolean): tfl.layers.Layer[] {
  return [
    ...widths.map((units, i) => tfl.layers.dense({
      units, activation: 'relu', name: `${name}_${i}`, kernelInitializer: tfl.initializers.heUniform({ seed: seed + i }),
      ...(first && i === 0 ? { inputShape: [features] } : {}),
    })),
    tfl.layers.dense({ units: CLASSES, name: `${name}_${widths.length}`, kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + widths.length }) }),
  ];
}

/**
 * Builds the model of a spec. It takes flat images [batch, height·width·channels] (channels last) and outputs
 * logits [batch, 10]. Layer names are fixed, so optimizer state resumes.
 */
export function buildModel(spec: ModelSpec): tfl.Sequential {
  const name = modelName(spec).replace(/[^a-z0-9]/g, '_');
  const input = spec.input ?? MNIST_SHAPE;
  const hidden = hiddenWidths(spec);
  const front = spec.conv ? convFrontEnd(input, name, spec.seed) : [];
  const features = spec.conv ? convOutputFeatures(input) : featureCount(input);
  if (spec.kind === 'mlp') {
    const model = tfl.sequential({ name, layers: front });
    const frontParams = trainableParams(model);
    const target = spec.matchParams === undefined ? mlpParams([features, ...hidden, CLASSES]) : spec.matchParams - frontParams;
    for (const layer of mlpLayers(features, matchedWidths(features, hidden, target), name, spec.seed, !spec.conv)) model.add(layer);
    return model;
  }
  const basis = spec.basis === undefined && spec.basisOptions === undefined ? {} : { basis: { ...spec.basisOptions, name: basisName(spec) } };
  if (!spec.conv) return kan({ layers: [features, ...hidden, CLASSES], layer: spec.kind, ...basis, seed: spec.seed, name });
  // After the front end: the same layers, seeds and names as kan() gives [features, ...hidden, 10].
  const model = tfl.sequential({ name, layers: front });
  [...hidden, CLASSES].forEach((units, i) => {
    const args = { units, ...basis, seed: spec.seed + i, name: `${name}_${i}` };
    model.add(spec.kind === 'fastkan' ? fastKAN(args) : kanLinear(args));
  });
  return model;
}
