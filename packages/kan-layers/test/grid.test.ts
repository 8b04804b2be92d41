import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { KANLinear, FastKANLayer, extendGrid, kan, kanLayers, updateGrid } from '@kanjs/kan-layers';
import { rng, uniform } from '@kanjs/testing';
import { applyLayer, release, setWeights, useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

/**
 * A KANLinear that looks trained: smooth O(1) spline curves (coefficients sampled from sin curves at the
 * Greville points), O(1) base weights, and scalers far from 1, so that applying the scaler twice would show.
 */
function trainedLikeLayer(inFeatures: number, units: number, seed: number, basis: Record<string, unknown> = {}): KANLinear {
  const layer = new KANLinear({ units, basis: { name: 'bspline', ...basis } as never, seed });
  layer.build([null, inFeatures]);
  const random = rng(seed);
  const w = weightsOf(layer);
  const K = layer.basis.size;
  const order = layer.basis.config['splineOrder'] as number;
  const knots = w['grid']!.subarray(0, K + order + 1);
  const greville = Array.from({ length: K }, (_, k) => knots.subarray(k + 1, k + order + 1).reduce((a, b) => a + b, 0) / order);
  const spline = new Float32Array(inFeatures * K * units);
  for (let i = 0; i < inFeatures; i++) for (let o = 0; o < units; o++) {
    const [amplitude, frequency, phase] = [0.5 + random(), 1 + 2 * random(), 6 * random()];
    for (let k = 0; k < K; k++) spline[(i * K + k) * units + o] = amplitude * Math.sin(frequency * greville[k]! + phase);
  }
  setWeights(layer, {
    base_weight: uniform(random, w['base_weight']!.length),
    spline_weight: spline,
    spline_scaler: uniform(random, w['spline_scaler']!.length, 0.3, 3),
  });
  return layer;
}

/** Max |after − before| relative to max |before|. */
function change(before: Float32Array, after: Float32Array): number {
  let diff = 0;
  let scale = 0;
  before.forEach((b, i) => {
    diff = Math.max(diff, Math.abs(after[i]! - b));
    scale = Math.max(scale, Math.abs(b));
  });
  return diff / scale;
}

describe('grid update (efficient-kan update_grid, scaler applied once)', () => {
  it('keeps the output on in-range inputs within 1e-3 of its scale', () => {
    const [batch, inFeatures, units] = [4096, 4, 3];
    const layer = trainedLikeLayer(inFeatures, units, 1);
    const random = rng(2);
    const data = uniform(random, batch * inFeatures, -1, 1);
    const probe = uniform(random, 200 * inFeatures, -0.98, 0.98);
    const before = applyLayer(layer, probe, 200);
    const onData = applyLayer(layer, data, batch);
    const gridBefore = weightsOf(layer)['grid']!.slice();
    layer.updateGrid(tf.tensor2d(Float32Array.from(data), [batch, inFeatures]));
    expect(weightsOf(layer)['grid']).not.toEqual(gridBefore);
    expect(change(onData, applyLayer(layer, data, batch))).toBeLessThanOrEqual(1e-3);
    expect(change(before, applyLayer(layer, probe, 200))).toBeLessThanOrEqual(1e-3);
    // efficient-kan stores the fitted *scaled* weights as the unscaled ones, applying the scaler twice; that
    // would move the output by far more than the tolerance, so the checks above would catch it.
    const w = weightsOf(layer);
    const K = layer.basis.size;
    setWeights(layer, { spline_weight: w['spline_weight']!.map((v, n) => v * w['spline_scaler']![Math.floor(n / (K * units)) * units + (n % units)]!) });
    expect(change(before, applyLayer(layer, probe, 200))).toBeGreaterThan(0.1);
    release(layer);
  });

  it('follows the data: the new knots span the batch, per input', () => {
    const layer = trainedLikeLayer(2, 2, 3);
    const batch = 256;
    const random = rng(4);
    // input 0 in [-0.5, 0.5], input 1 in [0, 1]: both inside the initial grid [-1, 1]
    const data = Float32Array.from({ length: batch * 2 }, (_, n) => (n % 2 === 0 ? random() - 0.5 : random()));
    const before = applyLayer(layer, data, batch);
    layer.updateGrid(tf.tensor2d(data, [batch, 2]));
    const grid = weightsOf(layer)['grid']!; // [2, 12]
    expect(grid[3]).toBeCloseTo(Math.min(...data.filter((_, n) => n % 2 === 0)), 1);
    expect(grid[12 + 3]).toBeGreaterThanOrEqual(-0.02);
    expect(grid[12 + 8]).toBeLessThanOrEqual(1.02);
    expect(change(before, applyLayer(layer, data, batch))).toBeLessThanOrEqual(1e-3);
    release(layer);
  });

  it('updates every KANLinear of a model from the activations that reach it', () => {
    const model = kan({ layers: [3, 4, 2], seed: 5 });
    const random = rng(6);
    const x = tf.tensor2d(Float32Array.from(uniform(random, 300 * 3, -1, 1)), [300, 3]);
    const [first, second] = kanLayers(model) as [KANLinear, KANLinear];
    updateGrid(model, x);
    // As in efficient-kan, each layer sees the output of the layers before it, already updated.
    const hidden = tf.tidy(() => (first.apply(x) as tf.Tensor).dataSync() as Float32Array);
    expect(weightsOf(second)['grid']).toEqual(second.basis.adaptation!.updateState(hidden, 300, second.basisStateValues())['grid']);
    expect(weightsOf(first)['grid']).toEqual(first.basis.adaptation!.updateState(x.dataSync() as Float32Array, 300, first.basisStateValues())['grid']);
    x.dispose();
    model.dispose();
  });

  it('refuses a basis without grid adaptation', () => {
    const layer = new KANLinear({ units: 2, basis: 'gaussian' });
    layer.build([null, 3]);
    expect(() => layer.updateGrid(tf.zeros([4, 3]) as tf.Tensor2D)).toThrow('KANLinear.updateGrid: the gaussian basis has no grid adaptation.');
    release(layer);
  });
});

describe('grid extension (pykan refine)', () => {
  for (const [from, to] of [[5, 10], [3, 9], [4, 7]] as const) {
    it(`G ${from} → ${to} keeps the output inside the grid within 1e-3 of its scale`, () => {
      const inFeatures = 3;
      const layer = trainedLikeLayer(inFeatures, 2, 10 + from, { gridSize: from });
      // make the knots non-uniform first
      const random = rng(7);
      layer.updateGrid(tf.tensor2d(Float32Array.from({ length: 400 * inFeatures }, () => Math.fround((random() * 2 - 1) ** 3)), [400, inFeatures]));
      const grid = weightsOf(layer)['grid']!;
      const count = from + 7;
      const lows = [0, 1, 2].map((i) => grid[i * count + 3]!);
      const highs = [0, 1, 2].map((i) => grid[i * count + 3 + from]!);
      const probe = Float32Array.from({ length: 300 * inFeatures }, (_, n) => {
        const i = n % inFeatures;
        return lows[i]! + (highs[i]! - lows[i]!) * random() * 0.999;
      });
      const before = applyLayer(layer, probe, 300);
      const extended = layer.extendGrid(to);
      expect(extended.basis.config['gridSize']).toBe(to);
      expect(extended.basis.size).toBe(to + 3);
      const after = applyLayer(extended, probe, 300);
      expect(change(before, after)).toBeLessThanOrEqual(to % from === 0 ? 1e-5 : 1e-3);
      release(layer);
      release(extended);
    });
  }

  it('extends every KANLinear of a model', () => {
    const model = kan({ layers: [2, 3, 1], seed: 8 });
    const x = tf.tensor2d([[0.1, -0.4], [0.7, 0.2], [-0.9, 0.95]]);
    const before = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);
    const refined = extendGrid(model, 10);
    expect(kanLayers(refined).map((l) => l.basis.size)).toEqual([13, 13]);
    const after = tf.tidy(() => (refined.predict(x) as tf.Tensor).dataSync() as Float32Array);
    expect(change(before, after)).toBeLessThanOrEqual(1e-5);
    x.dispose();
  });

  it('does not apply to FastKANLayer, which has no grid to update', () => {
    const model = kan({ layers: [2, 2], layer: 'fastkan' });
    expect(kanLayers(model)[0]).toBeInstanceOf(FastKANLayer);
    expect(() => updateGrid(model, tf.zeros([2, 2]) as tf.Tensor2D)).not.toThrow();
    model.dispose();
  });
});
