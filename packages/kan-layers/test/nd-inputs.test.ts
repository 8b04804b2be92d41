import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { FastKANLayer, KANLinear, fastKAN, kanLinear, type KANLayerBase } from '@kanjs/kan-layers';
import { rng, uniform } from '@kanjs/testing';
import { release, useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

const [IN, UNITS] = [3, 2];
const LEAD = [2, 4, 5] as const; // [batch, ..., IN]: 40 rows

function input(seed: number, shape: readonly number[]): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from(uniform(rng(seed), size, -0.9, 0.9)), [...shape]);
}

const LAYERS: [string, () => KANLayerBase][] = [
  ['KANLinear', () => new KANLinear({ units: UNITS, seed: 1 })],
  ['FastKANLayer', () => new FastKANLayer({ units: UNITS, seed: 1 })],
];

describe('KAN layers on inputs of rank > 2 (the last axis, as tf.layers.dense)', () => {
  for (const [name, make] of LAYERS) {
    it(`${name}: [2, 4, 5, in] → [2, 4, 5, units], row by row the 2-D result; gradients likewise`, () => {
      const layer = make();
      const x = input(2, [...LEAD, IN]);
      const rows = tf.reshape(x, [-1, IN]);
      const y = layer.apply(x) as tf.Tensor;
      expect(y.shape).toEqual([...LEAD, UNITS]);
      const flat = layer.apply(rows) as tf.Tensor;
      expect(y.dataSync()).toEqual(flat.dataSync());
      expect(layer.computeOutputShape([null, 4, 5, IN])).toEqual([null, 4, 5, UNITS]);
      // d/dx Σ y ⊙ r on the N-D input is the 2-D gradient, reshaped.
      const r = input(3, [...LEAD, UNITS]);
      const grad = (t: tf.Tensor, weights: tf.Tensor) => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(layer.apply(v) as tf.Tensor, weights)))(t);
      const [dx, dRows] = tf.tidy(() => [grad(x, r), grad(rows, tf.reshape(r, [-1, UNITS]))]);
      expect(dx!.shape).toEqual(x.shape);
      expect(dx!.dataSync()).toEqual(dRows!.dataSync());
      const edges = layer.edgeActivations(x);
      expect(edges.shape).toEqual([40, IN, UNITS]);
      expect(edges.dataSync()).toEqual(tf.tidy(() => layer.edgeActivations(rows).dataSync()));
      tf.dispose([x, rows, y, flat, r, dx!, dRows!, edges]);
      release(layer);
    });
  }

  it('a model on [batch, 5, in] inputs trains exactly as the same model on the rows [batch·5, in]', async () => {
    const random = rng(4);
    const x = input(5, [8, 5, IN]);
    const y = tf.tensor3d(Float32Array.from(uniform(random, 8 * 5 * UNITS)), [8, 5, UNITS]);
    const build = (inputShape: number[]) => tfl.sequential({ layers: [kanLinear({ units: 4, seed: 2, inputShape }), fastKAN({ units: UNITS, seed: 3 })] });
    const sequenceModel = build([5, IN]);
    const rowModel = build([IN]);
    expect(sequenceModel.outputs[0]!.shape).toEqual([null, 5, UNITS]);
    for (const model of [sequenceModel, rowModel]) model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const rows = tf.reshape(x, [40, IN]);
    const rowTargets = tf.reshape(y, [40, UNITS]);
    const [sequenceLoss, rowLoss] = [
      (await sequenceModel.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 })).history['loss'],
      (await rowModel.fit(rows, rowTargets, { epochs: 2, batchSize: 40, shuffle: false, verbose: 0 })).history['loss'],
    ];
    (sequenceLoss as number[]).forEach((loss, n) => expect(loss).toBeCloseTo(rowLoss![n] as number, 6));
    sequenceModel.layers.forEach((layer, n) => {
      const [a, b] = [weightsOf(layer as KANLayerBase), weightsOf(rowModel.layers[n] as KANLayerBase)];
      for (const key of Object.keys(b)) for (let i = 0; i < b[key]!.length; i++) expect(a[key]![i]).toBeCloseTo(b[key]![i]!, 6);
    });
    tf.dispose([x, y, rows, rowTargets]);
    sequenceModel.dispose();
    rowModel.dispose();
  });

  it('updates the grid from an N-D batch as from its rows', () => {
    const [a, b] = [new KANLinear({ units: UNITS, seed: 1 }), new KANLinear({ units: UNITS, seed: 1 })];
    const x = input(6, [...LEAD, IN]);
    const rows = tf.reshape(x, [-1, IN]);
    a.apply(rows);
    b.apply(rows);
    const before = tf.memory().numTensors;
    a.updateGrid(x);
    expect(tf.memory().numTensors).toBe(before);
    b.updateGrid(rows);
    expect(weightsOf(a)).toEqual(weightsOf(b));
    tf.dispose([x, rows]);
    release(a);
    release(b);
  });

  it('refuses inputs of rank 1 and the wrong width with one clear error', () => {
    const layer = new KANLinear({ units: UNITS, seed: 1 });
    expect(() => layer.build([5])).toThrow('KANLinear: expected an input [batch, ..., features] of rank ≥ 2 with known features, got shape [5].');
    layer.build([null, 4, IN]);
    expect(() => tf.tidy(() => void layer.apply(tf.zeros([IN])))).toThrow(`KANLinear: expected an input [batch, ..., ${IN}] of rank ≥ 2, got shape [${IN}].`);
    expect(() => tf.tidy(() => void layer.apply(tf.zeros([2, 4, IN + 1])))).toThrow(`KANLinear: input has ${IN + 1} features, layer expects ${IN}.`);
    release(layer);
  });
});
