// Bases with trainable state in the layers: the state is a trainable weight that an optimizer step (and model.fit)
// updates, that saves and loads with the model, and that grid updates and PyTorch export refuse with one clear error.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@kanjs/basis-rational/register';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBasis, registerBasis, type BasisConfig } from '@kanjs/basis-core';
import { AdamW, KANLinear, kan, kanLayers, saveTorchKAN, softmaxCrossEntropy, type KANModelOptions } from '@kanjs/kan-layers';
import { expectStepsLowerLoss, rng, uniform } from '@kanjs/testing';
import { useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

/** The bspline basis with its knots marked trainable: a basis that has grid adaptation and trainable state. */
registerBasis('trainable-knots', (options, inFeatures) => {
  const bspline = createBasis({ ...options, name: 'bspline' } as BasisConfig, inFeatures);
  return { ...bspline, name: 'trainable-knots', config: { ...bspline.config, name: 'trainable-knots' }, stateSpecs: bspline.stateSpecs.map((spec) => ({ ...spec, trainable: true })) };
});

const LEARNABLE: readonly { readonly title: string; readonly options: KANModelOptions; readonly state: readonly string[] }[] = [
  {
    title: 'FastKAN with learnable Gaussian centres and widths',
    options: { layers: [4, 6, 4], layer: 'fastkan', basis: { name: 'gaussian', numCenters: 5, learnable: true }, seed: 1 },
    state: ['centres', 'log_widths'],
  },
  {
    title: 'KANLinear with group-rational P and Q (2 groups)',
    options: { layers: [4, 6, 4], layer: 'kan-linear', basis: { name: 'rational', learnable: true, groups: 2 }, seed: 2 },
    state: ['numerator', 'denominator'],
  },
];

function inputs(batch: number, seed: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(uniform(rng(seed), batch * 4, -1.5, 1.5)), [batch, 4]);
}

/** The named basis state of every KAN layer of the model, as float32 data. */
function stateOf(model: tfl.LayersModel, names: readonly string[]): Float32Array[] {
  return kanLayers(model).flatMap((layer) => names.map((name) => weightsOf(layer)[name]!.slice()));
}

const models: tfl.LayersModel[] = [];
afterAll(() => models.forEach((model) => model.dispose()));

for (const { title, options, state } of LEARNABLE) {
  describe(title, () => {
    it('makes the basis state trainable weights', () => {
      const model = kan(options);
      models.push(model);
      for (const layer of kanLayers(model)) {
        const short = (weights: tfl.LayerVariable[]) => weights.map((w) => w.originalName.split('/').pop()!);
        expect(short(layer.trainableWeights)).toEqual(expect.arrayContaining([...state]));
        expect(short(layer.nonTrainableWeights)).toEqual([]);
      }
    });

    it('trains the basis state: an AdamW step changes it, the loss decreases, and no tensor leaks', async () => {
      const model = kan(options);
      models.push(model);
      const before = stateOf(model, state);
      const x = inputs(16, 3);
      await expectStepsLowerLoss(new AdamW(0.02), (input) => model.apply(input, { training: true }) as tf.Tensor2D, softmaxCrossEntropy, x);
      const after = stateOf(model, state);
      after.forEach((values, n) => expect(values).not.toEqual(before[n]));
      x.dispose();
    });

    it('trains the basis state through model.fit', async () => {
      const model = kan(options);
      models.push(model);
      model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
      const before = stateOf(model, state);
      const x = inputs(16, 4);
      const y = tf.tensor2d(Float32Array.from(uniform(rng(5), 16 * 4, -1, 1)), [16, 4]);
      await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
      stateOf(model, state).forEach((values, n) => expect(values).not.toEqual(before[n]));
      tf.dispose([x, y]);
    });

    it('saves and loads the trained state with the model', async () => {
      const model = kan(options);
      models.push(model);
      const x = inputs(16, 6);
      await expectStepsLowerLoss(new AdamW(0.02), (input) => model.apply(input, { training: true }) as tf.Tensor2D, softmaxCrossEntropy, x);
      let saved: tf.io.ModelArtifacts | undefined;
      await model.save(tf.io.withSaveHandler(async (artifacts) => {
        saved = { ...artifacts, modelTopology: JSON.parse(JSON.stringify(artifacts.modelTopology)) as object };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }));
      const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved!));
      models.push(loaded);
      expect(stateOf(loaded, state)).toEqual(stateOf(model, state));
      kanLayers(loaded).forEach((layer, l) => {
        expect(layer.basis.config).toEqual(kanLayers(model)[l]!.basis.config);
        expect(layer.trainableWeights.map((w) => w.originalName.split('/').pop())).toEqual(expect.arrayContaining([...state]));
      });
      const predict = (m: tfl.LayersModel) => tf.tidy(() => (m.predict(x) as tf.Tensor).dataSync());
      expect(predict(loaded)).toEqual(predict(model));
      x.dispose();
    });

    it('refuses PyTorch export with one clear error', async () => {
      const model = kan(options);
      models.push(model);
      const layer = kanLayers(model)[0]!;
      await expect(saveTorchKAN(model)).rejects.toThrow(
        `saveTorchKAN: ${layer.name}'s ${layer.basis.name} basis has trainable state (${state.join(', ')}), which neither efficient-kan nor fast-kan has; only fixed bases export.`,
      );
    });
  });
}

describe('grid adaptation and trainable state', () => {
  it('refuses to update or extend the grid of a basis with trainable state, in one sentence', () => {
    const layer = new KANLinear({ units: 3, basis: { name: 'trainable-knots', gridSize: 4 } });
    layer.build([null, 2]);
    const x = tf.tensor2d([[0.1, -0.5], [0.7, 0.2], [-0.9, 0.4]]);
    const message = (method: string) => `KANLinear.${method}: the trainable-knots basis has trainable state (grid), which grid adaptation cannot refit; train it instead.`;
    expect(() => layer.updateGrid(x)).toThrow(message('updateGrid'));
    expect(() => layer.extendGrid(8)).toThrow(message('extendGrid'));
    x.dispose();
  });

  it('keeps updating the grid of a fixed bspline basis', () => {
    const layer = new KANLinear({ units: 3, basis: { name: 'bspline', gridSize: 4 } });
    layer.build([null, 2]);
    const x = tf.tensor2d(Float32Array.from(uniform(rng(9), 32 * 2, -0.9, 0.9).map((v) => v ** 3)), [32, 2]);
    const knots = layer.basisStateValues()['grid']!.slice();
    layer.updateGrid(x);
    expect(layer.basisStateValues()['grid']).not.toEqual(knots);
    x.dispose();
  });
});
