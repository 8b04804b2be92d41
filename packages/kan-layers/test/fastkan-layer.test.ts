import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FastKANLayer } from '@kanjs/kan-layers';
import { fastKanForward, finiteDifferences, relativeError, rng, uniform } from '@kanjs/testing';
import { applyLayer, dot, fastKanReference, inputGradient, release, setWeights, useCpu, weightGradients, weightsOf } from './helpers.js';

beforeAll(useCpu);

interface Case {
  readonly numCenters: number;
  readonly useLayerNorm: boolean;
  readonly useBaseUpdate?: boolean;
}

/** A built FastKANLayer with random weights, LayerNorm affine parameters included. */
function randomLayer(inFeatures: number, units: number, c: Case, seed: number): FastKANLayer {
  const layer = new FastKANLayer({
    units,
    basis: { name: 'gaussian', numCenters: c.numCenters },
    useLayerNorm: c.useLayerNorm,
    useBaseUpdate: c.useBaseUpdate ?? true,
    seed,
  });
  layer.build([null, inFeatures]);
  const random = rng(seed);
  const w = weightsOf(layer);
  const values: Record<string, Float64Array> = {};
  for (const name of ['layernorm_gamma', 'layernorm_beta', 'spline_weight', 'base_kernel', 'base_bias']) {
    if (w[name] !== undefined) values[name] = uniform(random, w[name]!.length, name === 'layernorm_gamma' ? 0.5 : -1, name === 'layernorm_gamma' ? 1.5 : 1);
  }
  setWeights(layer, values);
  return layer;
}

const cases: Case[] = [
  { numCenters: 5, useLayerNorm: true },
  { numCenters: 5, useLayerNorm: false },
  { numCenters: 8, useLayerNorm: true },
  { numCenters: 8, useLayerNorm: false },
  { numCenters: 8, useLayerNorm: true, useBaseUpdate: false },
];

describe('FastKANLayer parity with the float64 definition', () => {
  for (const c of cases) {
    it(`forward ≤ 1e-5 and input gradients ≤ 1e-4, K=${c.numCenters} LayerNorm ${c.useLayerNorm} base ${c.useBaseUpdate ?? true}`, () => {
      const [batch, inFeatures, units] = [7, 6, 3];
      const layer = randomLayer(inFeatures, units, c, c.numCenters + (c.useLayerNorm ? 100 : 0));
      const random = rng(c.numCenters);
      const x = uniform(random, batch * inFeatures, -2.5, 2.5);
      const reference = fastKanReference(layer);
      expect(relativeError(applyLayer(layer, x, batch), fastKanForward(reference, x, batch))).toBeLessThanOrEqual(1e-5);
      const r = uniform(random, batch * units);
      const fd = finiteDifferences(() => dot(fastKanForward(reference, x, batch), r), x);
      expect(relativeError(inputGradient(layer, x, batch, r), fd)).toBeLessThanOrEqual(1e-4);
      release(layer);
    });
  }

  it("has every trainable weight's gradient equal to finite differences", () => {
    const [batch, inFeatures, units] = [5, 3, 2];
    const layer = randomLayer(inFeatures, units, { numCenters: 5, useLayerNorm: true }, 9);
    const random = rng(10);
    const x = uniform(random, batch * inFeatures, -2, 2);
    const r = uniform(random, batch * units);
    const grads = weightGradients(layer, x, batch, r);
    expect(Object.keys(grads).sort()).toEqual(['base_bias', 'base_kernel', 'layernorm_beta', 'layernorm_gamma', 'spline_weight']);
    const reference = fastKanReference(layer);
    const loss = () => dot(fastKanForward(reference, x, batch), r);
    const K = 5;
    // PyTorch layouts in the reference: spline [out, in·K], base [out, in]; ours are their transposes.
    const transposeBack = (g: Float32Array, rows: number, cols: number) => {
      const out = new Float64Array(g.length);
      for (let a = 0; a < rows; a++) for (let b = 0; b < cols; b++) out[b * rows + a] = g[a * cols + b]!;
      return out;
    };
    const check = (ours: ArrayLike<number>, params: Float64Array) => expect(relativeError(ours, finiteDifferences(loss, params))).toBeLessThanOrEqual(1e-4);
    check(transposeBack(grads['spline_weight']!, inFeatures * K, units), reference.splineWeight as Float64Array);
    check(transposeBack(grads['base_kernel']!, inFeatures, units), reference.base!.weight as Float64Array);
    check(grads['base_bias']!, reference.base!.bias as Float64Array);
    check(grads['layernorm_gamma']!, reference.layerNorm!.weight as Float64Array);
    check(grads['layernorm_beta']!, reference.layerNorm!.bias as Float64Array);
    release(layer);
  });
});

describe('FastKANLayer initialisation (fast-kan)', () => {
  it('starts LayerNorm at identity, spline weights N(0, 0.1²), base like nn.Linear', () => {
    const layer = new FastKANLayer({ units: 64, seed: 3 });
    layer.build([null, 100]);
    const w = weightsOf(layer);
    expect([...w['layernorm_gamma']!].every((v) => v === 1)).toBe(true);
    expect([...w['layernorm_beta']!].every((v) => v === 0)).toBe(true);
    const spline = w['spline_weight']!;
    expect(spline.length).toBe(800 * 64);
    const mean = spline.reduce((s, v) => s + v, 0) / spline.length;
    const std = Math.sqrt(spline.reduce((s, v) => s + (v - mean) ** 2, 0) / spline.length);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(std).toBeGreaterThan(0.098);
    expect(std).toBeLessThan(0.102);
    for (const name of ['base_kernel', 'base_bias']) expect(Math.max(...w[name]!.map(Math.abs))).toBeLessThanOrEqual(0.1);
    expect([...w['grid']!]).toEqual([...Float32Array.from([-2, -10 / 7, -6 / 7, -2 / 7, 2 / 7, 6 / 7, 10 / 7, 2])].map((v) => expect.closeTo(v, 6)));
    release(layer);
  });

  it('refuses LayerNorm on one input, as fast-kan does', () => {
    expect(() => new FastKANLayer({ units: 2 }).build([null, 1])).toThrow('FastKANLayer: LayerNorm needs more than one input feature, got 1; set useLayerNorm: false.');
    const layer = new FastKANLayer({ units: 2, useLayerNorm: false });
    layer.build([null, 1]);
    expect(tf.tidy(() => (layer.apply(tf.ones([3, 1])) as tf.Tensor).shape)).toEqual([3, 2]);
    release(layer);
  });

  it('names the expected and found width', () => {
    const layer = new FastKANLayer({ units: 2 });
    layer.build([null, 10]);
    expect(() => layer.apply(tf.zeros([4, 9]))).toThrow('FastKANLayer: input has 9 features, layer expects 10.');
    expect(() => layer.apply(tf.zeros([10]))).toThrow('FastKANLayer: expected an input [batch, ..., 10] of rank ≥ 2, got shape [10].');
    release(layer);
  });
});
