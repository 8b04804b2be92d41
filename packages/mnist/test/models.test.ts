// The models kanjs-mnist trains: deeper KANs ([784, 256, 256, 10]), the conv front end on 28×28×1 and 32×32×3
// images, the MLP baseline's parameter matching, a leak-free training step, and a save/load round trip.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@kanjs/kan-layers';
import '@kanjs/basis-gaussian';
import '@kanjs/basis-bspline';
import { featureCount, type Dataset, type ImageShape } from '../src/data/dataset.js';
import { convOutputFeatures } from '../src/train/conv.js';
import { buildModel, layerWidths, matchedWidths, modelName, trainableParams, type ModelSpec } from '../src/train/models.js';
import { PAPER_RECIPE, recipeOptimizer, trainEpoch } from '../src/train/trainer.js';

await tf.setBackend('cpu');

const CIFAR: ImageShape = [32, 32, 3];

function images(count: number, shape: ImageShape, seed: number): Dataset {
  const features = featureCount(shape);
  const data = Uint8Array.from({ length: count * features }, (_, n) => (n * 131 + seed * 17) % 256);
  return { images: data, labels: Uint8Array.from({ length: count }, (_, n) => (n * 7 + seed) % 10), count, shape };
}

function logits(model: tfl.LayersModel, data: Dataset): tf.Tensor {
  const features = featureCount(data.shape!);
  return tf.tidy(() => model.predict(tf.tensor2d(Float32Array.from(data.images, (v) => v / 127.5 - 1), [data.count, features])) as tf.Tensor);
}

describe('kanjs-mnist models', () => {
  it('builds deeper KANs and an MLP of the same depth with a matched parameter count', () => {
    for (const kind of ['fastkan', 'kan-linear'] as const) {
      const model = buildModel({ kind, hidden: [256, 256], seed: 1 });
      expect(layerWidths(model)).toEqual([784, 256, 256, 10]);
      const mlp = buildModel({ kind: 'mlp', hidden: [256, 256], seed: 1, matchParams: trainableParams(model) });
      expect(layerWidths(mlp).length).toBe(4);
      // Within one width step of the KAN: the widths are whole numbers.
      const [, a, b] = layerWidths(mlp) as [number, number, number];
      expect(Math.abs(trainableParams(mlp) - trainableParams(model))).toBeLessThan(784 + a + b + 10 + 2 * 256);
      model.dispose();
      mlp.dispose();
    }
    // One hidden layer: the closed form that the CLI has always used.
    expect(matchedWidths(784, [64], 459_114)).toEqual([Math.round((459_114 - 10) / (784 + 11))]);
    expect(layerWidths(buildModel({ kind: 'fastkan', hidden: 64, seed: 1 }))).toEqual([784, 64, 10]);
    expect(layerWidths(buildModel({ kind: 'mlp', hidden: 64, seed: 1 }))).toEqual([784, 64, 10]);
  });

  it('puts the conv front end before the KAN, for 28×28×1 and 32×32×3 images', () => {
    expect(convOutputFeatures([28, 28, 1])).toBe(800);
    expect(convOutputFeatures(CIFAR)).toBe(1152);
    expect(() => convOutputFeatures([8, 8, 1])).toThrow('--conv: images of 8×8 are too small for two 3×3 convolutions with 2×2 pooling; expected at least 10×10.');
    for (const [shape, flat] of [[[28, 28, 1], 800], [CIFAR, 1152]] as const) {
      for (const kind of ['fastkan', 'kan-linear', 'mlp'] as const) {
        const spec: ModelSpec = { kind, hidden: [32, 16], seed: 3, conv: true, input: shape };
        const model = buildModel(spec);
        expect(modelName(spec)).toBe(kind === 'mlp' ? 'conv-mlp' : `conv-${kind}-${kind === 'fastkan' ? 'gaussian' : 'bspline'}`);
        expect(model.inputs[0]!.shape).toEqual([null, featureCount(shape)]);
        expect(model.layers.map((l) => l.getClassName()).slice(0, 6)).toEqual(['Reshape', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten']);
        expect(layerWidths(model)).toEqual([flat, 32, 16, 10]);
        const y = logits(model, images(3, shape, 1));
        expect(y.shape).toEqual([3, 10]);
        expect([...y.dataSync()].every(Number.isFinite)).toBe(true);
        y.dispose();
        model.dispose();
      }
    }
  });

  it('trains the conv KAN on CIFAR-shaped data without leaking tensors', async () => {
    const data = images(16, CIFAR, 2);
    const model = buildModel({ kind: 'fastkan', hidden: 8, seed: 1, conv: true, input: CIFAR });
    const config = { ...PAPER_RECIPE, epochs: 2, batchSize: 8 };
    const optimizer = recipeOptimizer(config);
    const before = model.trainableWeights.map((w) => w.read().dataSync().slice());
    await trainEpoch(model, optimizer, data, config, 0);
    const tensors = tf.memory().numTensors;
    const first = await trainEpoch(model, optimizer, data, config, 1);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Number.isFinite(first.loss)).toBe(true);
    // Every weight moved, the convolutions' included: the gradient reaches the front end.
    model.trainableWeights.forEach((w, i) => expect([...w.read().dataSync()].some((v, j) => v !== before[i]![j]), w.name).toBe(true));
    optimizer.dispose();
    model.dispose();
  });

  it('saves and loads a conv KAN and a deeper KAN with the same outputs', async () => {
    for (const spec of [{ kind: 'kan-linear', hidden: 8, seed: 4, conv: true, input: [28, 28, 1] }, { kind: 'fastkan', hidden: [16, 8], seed: 4 }] as const satisfies readonly ModelSpec[]) {
      const model = buildModel(spec);
      let artifacts: tf.io.ModelArtifacts | undefined;
      await model.save(tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }));
      const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts!));
      const data = images(2, [28, 28, 1], 5);
      const [a, b] = [logits(model, data), logits(loaded, data)];
      expect([...b.dataSync()]).toEqual([...a.dataSync()]);
      tf.dispose([a, b]);
      model.dispose();
      loaded.dispose();
    }
  });
});
