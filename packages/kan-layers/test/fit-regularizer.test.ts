import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FastKANLayer, KANLinear, activationRegularization, kan, kanLayers, splineRegularization, type KANRegularizer,
} from '@kanjs/kan-layers';
import { relativeError, rng, uniform } from '@kanjs/testing';
import { efficientKanRegularization, pykanRegularization, useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

const [BATCH, WIDTHS] = [16, [3, 4, 2]] as const;

/** The regulariser of a whole model on the batch x, from the float64 references, layer by layer. */
function referencePenalty(model: tfl.Sequential, x: tf.Tensor2D, regularizer: Required<KANRegularizer>): number {
  let total = 0;
  let h: tf.Tensor = x;
  for (const layer of kanLayers(model)) {
    if (regularizer.kind === 'efficient-kan') {
      total += efficientKanRegularization(layer, regularizer.l1, regularizer.entropy);
    } else {
      const edges = layer.edgeActivations(h);
      total += pykanRegularization(h.dataSync() as Float32Array, edges.dataSync() as Float32Array, h.shape[0]!, layer.inFeatures, layer.units, regularizer.l1, regularizer.entropy);
      edges.dispose();
    }
    const next = layer.apply(h) as tf.Tensor;
    if (h !== x) h.dispose();
    h = next;
  }
  if (h !== x) h.dispose();
  return total;
}

/** A model and its twin with the same weights, one of them with the regulariser on every layer. */
function twins(layer: 'kan-linear' | 'fastkan', regularizer: KANRegularizer): [plain: tfl.Sequential, regularized: tfl.Sequential] {
  const plain = kan({ layers: WIDTHS, layer, seed: 3 });
  const regularized = kan({ layers: WIDTHS, layer, seed: 3, regularizer });
  expect(kanLayers(regularized).map(weightsOf)).toEqual(kanLayers(plain).map(weightsOf));
  return [plain, regularized];
}

function batch(seed: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const random = rng(seed);
  return {
    x: tf.tensor2d(Float32Array.from(uniform(random, BATCH * WIDTHS[0], -0.9, 0.9)), [BATCH, WIDTHS[0]]),
    y: tf.tensor2d(Float32Array.from(uniform(random, BATCH * WIDTHS[2])), [BATCH, WIDTHS[2]]),
  };
}

/** The loss `fit` reports for one step over the whole batch, with a learning rate of `lr`. */
async function oneStep(model: tfl.Sequential, x: tf.Tensor2D, y: tf.Tensor2D, lr: number): Promise<number> {
  model.compile({ optimizer: tf.train.sgd(lr), loss: 'meanSquaredError' });
  const history = await model.fit(x, y, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0 });
  return history.history['loss']![0] as number;
}

const CASES = [
  { layer: 'kan-linear', regularizer: { kind: 'efficient-kan', l1: 0.7, entropy: 0.3 } },
  { layer: 'kan-linear', regularizer: { kind: 'pykan', l1: 0.5, entropy: 0.2 } },
  { layer: 'fastkan', regularizer: { kind: 'efficient-kan', l1: 0.4, entropy: 0.6 } },
  { layer: 'fastkan', regularizer: { kind: 'pykan', l1: 0.3, entropy: 0.8 } },
] as const;

describe('regularizer option inside model.fit', () => {
  for (const { layer, regularizer } of CASES) {
    it(`${layer} with the ${regularizer.kind} regulariser: fit's loss grows by exactly the regulariser on a fixed batch`, async () => {
      const [plain, regularized] = twins(layer, regularizer);
      const { x, y } = batch(1);
      const expected = referencePenalty(regularized, x, regularizer);
      expect(expected).toBeGreaterThan(0.05);
      const difference = (await oneStep(regularized, x, y, 0)) - (await oneStep(plain, x, y, 0));
      expect(Math.abs(difference - expected)).toBeLessThanOrEqual(2e-6 * Math.max(1, expected));
      tf.dispose([x, y]);
      plain.dispose();
      regularized.dispose();
    });

    it(`${layer} with the ${regularizer.kind} regulariser: its gradient flows through fit (a step moves the weights by −lr·∇)`, async () => {
      const [plain, regularized] = twins(layer, regularizer);
      const { x, y } = batch(2);
      // The regulariser's gradient alone, on the same batch and weights, from the exported per-layer functions.
      const { l1, entropy } = regularizer;
      const variables = regularized.trainableWeights.map((w) => w.read() as tf.Variable);
      const { grads } = tf.variableGrads(() => {
        let total: tf.Tensor = tf.scalar(0);
        let h: tf.Tensor = x;
        for (const kanLayer of kanLayers(regularized)) {
          const penalty = regularizer.kind === 'pykan'
            ? activationRegularization(h as tf.Tensor2D, kanLayer.edgeActivations(h), l1, entropy)
            : splineRegularization(kanLayer.splineCoefficients(), l1, entropy);
          total = tf.add(total, penalty);
          h = kanLayer.apply(h) as tf.Tensor;
        }
        return total as tf.Scalar;
      }, variables);
      const lr = 0.05;
      await oneStep(regularized, x, y, lr);
      await oneStep(plain, x, y, lr);
      // One SGD step: w_regularized − w_plain = −lr · ∇penalty (0 for weights the regulariser does not read).
      plain.trainableWeights.forEach((w, n) => {
        const twin = regularized.trainableWeights[n]!;
        const gradient = grads[(twin.read() as tf.Variable).name]?.dataSync() ?? new Float32Array(twin.read().size);
        const step = tf.tidy(() => tf.sub(twin.read(), w.read()).dataSync());
        expect(relativeError(step, gradient.map((g) => -lr * g)), twin.originalName).toBeLessThanOrEqual(1e-3);
      });
      const splineGradient = grads[(regularized.trainableWeights.find((w) => w.originalName.endsWith('spline_weight'))!.read() as tf.Variable).name]!;
      expect(tf.tidy(() => tf.max(tf.abs(splineGradient)).dataSync()[0]!)).toBeGreaterThan(1e-3);
      tf.dispose([x, y, ...Object.values(grads)]);
      plain.dispose();
      regularized.dispose();
    });
  }

  it('leaves no tensors behind across training steps and predictions', async () => {
    const model = kan({ layers: WIDTHS, layer: 'kan-linear', seed: 3, regularizer: { kind: 'pykan', l1: 0.5, entropy: 0.2 } });
    const { x, y } = batch(3);
    model.compile({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError' });
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 }); // the optimizer creates its slots
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    tf.tidy(() => {
      model.predict(x);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('adds nothing outside a training call, and sums the penalties of the training calls since the last collection', () => {
    const layer = new KANLinear({ units: 2, seed: 1, regularizer: { kind: 'pykan', l1: 1, entropy: 1 } });
    const { x } = batch(4);
    tf.tidy(() => {
      layer.apply(x);
      expect(layer.calculateLosses()[0]!.dataSync()[0]).toBe(0);
      const expected = tf.tidy(() => {
        const edges = layer.edgeActivations(x);
        return pykanRegularization(x.dataSync() as Float32Array, edges.dataSync() as Float32Array, BATCH, 3, 2, 1, 1);
      });
      layer.apply(x, { training: true });
      expect(layer.calculateLosses()[0]!.dataSync()[0]).toBeCloseTo(expected, 5);
      expect(layer.calculateLosses()[0]!.dataSync()[0]).toBe(0);
      layer.apply(x, { training: true });
      layer.apply(x, { training: true }); // a layer called twice in one step (shared) counts twice
      expect(layer.calculateLosses()[0]!.dataSync()[0]).toBeCloseTo(2 * expected, 5);
    });
    x.dispose();
  });

  it('is saved in the layer config and restored with it', () => {
    const regularizer = { kind: 'pykan', l1: 0.25, entropy: 2 } as const;
    const layer = new FastKANLayer({ units: 2, seed: 1, regularizer });
    expect(layer.getConfig()['regularizer']).toEqual(regularizer);
    const restored = tfl.layers.Layer.fromConfig(FastKANLayer, layer.getConfig()) as FastKANLayer;
    expect(restored.regularizer).toEqual(regularizer);
    expect(new KANLinear({ units: 1, regularizer: { l1: 1 } }).regularizer).toEqual({ kind: 'efficient-kan', l1: 1, entropy: 0 });
    expect(new KANLinear({ units: 1 }).getConfig()['regularizer']).toBeUndefined();
  });

  it('refuses a bad option with one clear error', () => {
    expect(() => new KANLinear({ units: 1, regularizer: { kind: 'lasso' as never } })).toThrow(
      'KANLinear: regularizer.kind must be one of efficient-kan, pykan, got "lasso".',
    );
    expect(() => new FastKANLayer({ units: 1, regularizer: { l1: -1 } })).toThrow('FastKANLayer: regularizer.l1 must be a finite number ≥ 0, got -1.');
    expect(() => new KANLinear({ units: 1, regularizer: 0.1 as never })).toThrow('KANLinear: regularizer must be an object { kind, l1, entropy }, got 0.1.');
  });
});
