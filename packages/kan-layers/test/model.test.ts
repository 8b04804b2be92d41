import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { FastKANLayer, KANLinear, kan, kanLayers, regularizationLoss, sampleCurves } from '@kanjs/kan-layers';
import { bsplineValues, relativeError, silu } from '@kanjs/testing';
import { efficientKanRegularization, smoothSamples, useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

describe('kan()', () => {
  it('builds a Sequential of KANLinear layers with efficient-kan parameter counts', () => {
    const model = kan({ layers: [784, 64, 10] });
    const layers = kanLayers(model);
    expect(layers.map((l) => l.constructor)).toEqual([KANLinear, KANLinear]);
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
    // base in·out + spline in·K·out + scaler in·out, K = 8 (G = 5, k = 3); grid in·12 is not trained.
    const trainable = (n: number, m: number) => n * m * (1 + 8 + 1);
    expect(model.trainableWeights.reduce((s, w) => s + w.shape.reduce((a, b) => a! * b!, 1)!, 0)).toBe(trainable(784, 64) + trainable(64, 10));
    expect(model.countParams()).toBe(trainable(784, 64) + trainable(64, 10) + 784 * 12 + 64 * 12);
    model.dispose();
  });

  it('builds FastKAN layers with fast-kan parameter counts', () => {
    const model = kan({ layers: [784, 64, 10], layer: 'fastkan' });
    expect(kanLayers(model).map((l) => l.constructor)).toEqual([FastKANLayer, FastKANLayer]);
    // LayerNorm 2·in + spline in·K·out + base in·out + out; centres K are not trained.
    const trainable = (n: number, m: number) => 2 * n + n * 8 * m + n * m + m;
    expect(model.trainableWeights.reduce((s, w) => s + w.shape.reduce((a, b) => a! * b!, 1)!, 0)).toBe(trainable(784, 64) + trainable(64, 10));
    model.dispose();
  });

  it('passes the basis and layer options to every layer and seeds each layer differently', () => {
    const model = kan({ layers: [3, 4, 2], layer: 'kan-linear', basis: { name: 'bspline', gridSize: 8, splineOrder: 2 }, scaleNoise: 0.2, seed: 7 });
    const [a, b] = kanLayers(model) as [KANLinear, KANLinear];
    expect(a.basis.config).toMatchObject({ gridSize: 8, splineOrder: 2 });
    expect(b.scaleNoise).toBe(0.2);
    expect([a.seed, b.seed]).toEqual([7, 8]);
    const again = kan({ layers: [3, 4, 2], layer: 'kan-linear', basis: { name: 'bspline', gridSize: 8, splineOrder: 2 }, scaleNoise: 0.2, seed: 7 });
    expect(weightsOf(kanLayers(again)[0]!)).toEqual(weightsOf(a));
    tf.dispose([model, again] as never);
  });

  it('rejects bad widths and unknown layer kinds', () => {
    expect(() => kan({ layers: [784] })).toThrow('kan: layers must list at least two widths (input to output), each an integer ≥ 1 or, after the input, a pair [nSum, nMult] of integers ≥ 0 with nSum + nMult ≥ 1, got [784].');
    expect(() => kan({ layers: [4, 0] })).toThrow(/got \[4,0\]/);
    expect(() => kan({ layers: [4, 2], layer: 'mlp' as never })).toThrow('kan: unknown layer "mlp"; expected one of kan-linear, fastkan.');
  });
});

describe('training', () => {
  for (const layer of ['kan-linear', 'fastkan'] as const) {
    it(`learns a smooth 2-D function and leaks no tensors (${layer}, model.fit and optimizer.minimize)`, async () => {
      const { x, y } = smoothSamples(11, 256);
      const model = kan({ layers: [2, 5, 1], layer, seed: 3 });
      model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
      const first = (await model.fit(x, y, { epochs: 1, batchSize: 64, verbose: 0 })).history['loss']![0] as number;
      // 10 steps of model.fit: 4 batches an epoch, counted after the first epoch (which creates Adam's slots).
      const before = tf.memory().numTensors;
      const history = await model.fit(x, y, { epochs: 3, batchSize: 64, verbose: 0, shuffle: false });
      expect(tf.memory().numTensors).toBe(before);
      const last = history.history['loss']!.at(-1) as number;
      expect(last).toBeLessThan(first);

      const optimizer = tf.train.adam(0.01);
      const step = () => optimizer.minimize(() => tf.add(tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor), tf.mul(1e-4, regularizationLoss(model))) as tf.Scalar);
      step();
      const start = tf.memory().numTensors;
      for (let i = 0; i < 10; i++) step();
      expect(tf.memory().numTensors).toBe(start);
      optimizer.dispose();
      tf.dispose([x, y]);
      model.dispose();
    });
  }

  it('fits the function well with a few hundred steps', async () => {
    const n = 512;
    const { x, y, ys } = smoothSamples(12, n);
    const model = kan({ layers: [2, 5, 1], seed: 4 });
    model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
    const history = await model.fit(x, y, { epochs: 60, batchSize: 64, verbose: 0 });
    const variance = ys.reduce((s, v) => s + v * v, 0) / n - (ys.reduce((s, v) => s + v, 0) / n) ** 2;
    expect(history.history['loss']!.at(-1) as number).toBeLessThan(0.02 * variance);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('regularizationLoss (efficient-kan)', () => {
  it('is Σ l1 + entropy of l1 / Σ l1 over layers, with l1 the mean |Ws| over K', () => {
    const model = kan({ layers: [3, 2, 2], seed: 2 });
    let expected = 0;
    for (const layer of kanLayers(model)) expected += efficientKanRegularization(layer, 0.5, 2);
    const loss = regularizationLoss(model, 0.5, 2);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 4);
    const grads = tf.variableGrads(() => regularizationLoss(model));
    expect(Object.values(grads.grads).every((g) => g.dataSync().every(Number.isFinite))).toBe(true);
    tf.dispose([loss, grads.value, ...Object.values(grads.grads)]);
    model.dispose();
  });
});

describe('sampleCurves', () => {
  it('samples φ_{o,i}(x) = Σₖ Bₖ(x)·Ws[i,k,o]·s[i,o] (+ SiLU(x)·Wb[i,o]) on a range', () => {
    const model = kan({ layers: [2, 3], seed: 5 });
    const layer = kanLayers(model)[0] as KANLinear;
    const w = weightsOf(layer);
    for (const includeBase of [false, true]) {
      const curves = sampleCurves(layer, { points: 11, range: [-1, 1], includeBase });
      expect(curves.x.length).toBe(11);
      expect(curves.values.length).toBe(2 * 3 * 11);
      for (const [i, o] of [[0, 0], [1, 2]] as const) {
        const expected = [...curves.x].map((v) => {
          const b = bsplineValues(v, w['grid']!.subarray(i * 12, (i + 1) * 12), 3);
          let s = 0;
          for (let k = 0; k < 8; k++) s += b[k]! * w['spline_weight']![(i * 8 + k) * 3 + o]!;
          s *= w['spline_scaler']![i * 3 + o]!;
          return includeBase ? s + silu(v) * w['base_weight']![i * 3 + o]! : s;
        });
        expect(relativeError(curves.curve(i, o), expected)).toBeLessThanOrEqual(1e-5);
      }
    }
    model.dispose();
  });

  it('uses the basis domain by default and refuses the base branch on a LayerNorm FastKAN', () => {
    const model = kan({ layers: [4, 2], layer: 'fastkan', seed: 1 });
    const layer = kanLayers(model)[0]!;
    const curves = sampleCurves(layer, { points: 5 });
    expect([...curves.x]).toEqual([-2, -1, 0, 1, 2]);
    expect(() => sampleCurves(layer, { includeBase: true })).toThrow(/includeBase is not available for a FastKANLayer with LayerNorm/);
    expect(() => sampleCurves(layer, { points: 1 })).toThrow('sampleCurves: points must be an integer ≥ 2, got 1.');
    model.dispose();
  });
});

describe('one copy of tfjs', () => {
  it('shares tfjs-core between this package, tfjs-layers and the tests', () => {
    const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [2] })] });
    const out = model.predict(tf.zeros([1, 2]));
    expect(out).toBeInstanceOf(tf.Tensor);
    const kanOut = kan({ layers: [2, 1] }).predict(tf.zeros([1, 2]));
    expect(kanOut).toBeInstanceOf(tf.Tensor);
    tf.dispose([out as tf.Tensor, kanOut as tf.Tensor]);
  });
});
