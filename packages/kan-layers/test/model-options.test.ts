import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { FastKANLayer, KANLinear, fastKAN, kan, kanLayers, kanLinear } from '@kanjs/kan-layers';
import { rng, uniform } from '@kanjs/testing';
import { useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

describe('layer factories', () => {
  it('kanLinear(args) and fastKAN(args) build the classes with the same options and weights', () => {
    const first = { units: 4, seed: 1, inputShape: [3], scaleNoise: 0.2, name: 'first' };
    const second = { units: 2, seed: 2, useLayerNorm: false, name: 'second' };
    const model = tfl.sequential({ layers: [kanLinear(first), fastKAN(second)] });
    const [a, b] = model.layers as [KANLinear, FastKANLayer];
    expect([a, b].map((layer) => layer.constructor)).toEqual([KANLinear, FastKANLayer]);
    const twins = tfl.sequential({ layers: [new KANLinear(first), new FastKANLayer(second)] });
    expect(model.layers.map((layer) => layer.getConfig())).toEqual(twins.layers.map((layer) => layer.getConfig()));
    expect(kanLayers(model).map(weightsOf)).toEqual(kanLayers(twins).map(weightsOf));
    model.dispose();
    twins.dispose();
  });
});

describe('kan({ outputActivation })', () => {
  const x = () => tf.tensor2d(Float32Array.from(uniform(rng(1), 5 * 3)), [5, 3]);

  it("'linear' (the default) returns the logits; 'softmax' and 'sigmoid' apply that function to them", () => {
    const options = { layers: [3, 4, 3], layer: 'fastkan', seed: 4 } as const;
    const logitsModel = kan(options);
    const linear = kan({ ...options, outputActivation: 'linear' });
    expect(linear.layers.length).toBe(2);
    const input = x();
    const outputs = (model: tfl.Sequential) => tf.tidy(() => (model.predict(input) as tf.Tensor).arraySync() as number[][]);
    const logits = outputs(logitsModel);
    const softmax = kan({ ...options, outputActivation: 'softmax' });
    const sigmoid = kan({ ...options, outputActivation: 'sigmoid' });
    expect(kanLayers(softmax).length).toBe(2);
    const [probabilities, squashed] = [outputs(softmax), outputs(sigmoid)];
    logits.forEach((row, b) => {
      const total = row.reduce((s, z) => s + Math.exp(z), 0);
      row.forEach((z, o) => {
        expect(probabilities[b]![o]).toBeCloseTo(Math.exp(z) / total, 6);
        expect(squashed[b]![o]).toBeCloseTo(1 / (1 + Math.exp(-z)), 6);
      });
    });
    tf.dispose(input);
    [logitsModel, linear, softmax, sigmoid].forEach((model) => model.dispose());
  });

  it('refuses an unknown output activation', () => {
    expect(() => kan({ layers: [3, 2], outputActivation: 'relu' as never })).toThrow(
      'kan: unknown outputActivation "relu"; expected one of linear, softmax, sigmoid.',
    );
  });
});
