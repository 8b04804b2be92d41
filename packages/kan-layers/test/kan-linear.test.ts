import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { KANLinear } from '@kanjs/kan-layers';
import { finiteDifferences, kanLinearForward, relativeError, rng, uniform } from '@kanjs/testing';
import { applyLayer, dot, inputGradient, kanLinearReference, release, setWeights, useCpu, weightGradients, weightsOf } from './helpers.js';

beforeAll(useCpu);

/** A built KANLinear with random (non-initial) weights, so that every term of the output matters. */
function randomLayer(inFeatures: number, units: number, basis: Record<string, unknown>, seed: number, standalone = true): KANLinear {
  const layer = new KANLinear({ units, basis: { name: 'bspline', ...basis } as never, standaloneScaleSpline: standalone, seed });
  layer.build([null, inFeatures]);
  const random = rng(seed);
  const w = weightsOf(layer);
  setWeights(layer, {
    base_weight: uniform(random, w['base_weight']!.length),
    spline_weight: uniform(random, w['spline_weight']!.length),
    ...(standalone ? { spline_scaler: uniform(random, w['spline_scaler']!.length, 0.5, 1.5) } : {}),
  });
  return layer;
}

describe('KANLinear parity with the float64 definition', () => {
  for (const splineOrder of [1, 2, 3]) {
    for (const gridSize of [3, 5, 8]) {
      it(`forward ≤ 1e-5 and input gradients ≤ 1e-4, k=${splineOrder} G=${gridSize}`, () => {
        const [batch, inFeatures, units] = [6, 5, 4];
        const layer = randomLayer(inFeatures, units, { splineOrder, gridSize }, 10 * splineOrder + gridSize);
        const random = rng(gridSize);
        const x = uniform(random, batch * inFeatures, -1.2, 1.2); // a little outside the grid too
        const reference = kanLinearReference(layer);
        expect(relativeError(applyLayer(layer, x, batch), kanLinearForward(reference, x, batch))).toBeLessThanOrEqual(1e-5);
        const r = uniform(random, batch * units);
        const fd = finiteDifferences(() => dot(kanLinearForward(reference, x, batch), r), x);
        expect(relativeError(inputGradient(layer, x, batch, r), fd)).toBeLessThanOrEqual(1e-4);
        release(layer);
      });
    }
  }

  it('matches on non-uniform knots after a grid update', () => {
    const [batch, inFeatures, units] = [64, 3, 2];
    const layer = randomLayer(inFeatures, units, { splineOrder: 3, gridSize: 5 }, 3);
    const random = rng(4);
    const data = Float32Array.from({ length: batch * inFeatures }, () => Math.fround((random() * 2 - 1) ** 3));
    layer.updateGrid(tf.tensor2d(data, [batch, inFeatures]));
    const reference = kanLinearReference(layer);
    const knots = reference.grid.subarray(0, 12);
    const steps = [...knots].slice(1).map((t, j) => t - knots[j]!);
    expect(Math.max(...steps) - Math.min(...steps)).toBeGreaterThan(0.05); // really non-uniform
    const x = uniform(random, 8 * inFeatures, -0.9, 0.9);
    expect(relativeError(applyLayer(layer, x, 8), kanLinearForward(reference, x, 8))).toBeLessThanOrEqual(1e-5);
    const r = uniform(random, 8 * units);
    const fd = finiteDifferences(() => dot(kanLinearForward(reference, x, 8), r), x);
    expect(relativeError(inputGradient(layer, x, 8, r), fd)).toBeLessThanOrEqual(1e-4);
    release(layer);
  });

  for (const standalone of [true, false]) {
    it(`has every trainable weight's gradient equal to finite differences (standaloneScaleSpline ${standalone})`, () => {
      const [batch, inFeatures, units] = [4, 3, 2];
      const layer = randomLayer(inFeatures, units, { splineOrder: 2, gridSize: 3 }, 21, standalone);
      const random = rng(22);
      const x = uniform(random, batch * inFeatures, -0.95, 0.95);
      const r = uniform(random, batch * units);
      const grads = weightGradients(layer, x, batch, r);
      const reference = kanLinearReference(layer);
      const loss = () => dot(kanLinearForward(reference, x, batch), r);
      expect(Object.keys(grads).sort()).toEqual(standalone ? ['base_weight', 'spline_scaler', 'spline_weight'] : ['base_weight', 'spline_weight']);
      // Our layout [in, (K,) out] ↔ PyTorch's [out, in (, K)]: compare index by index.
      const K = layer.basis.size;
      const fdBase = finiteDifferences(loss, reference.baseWeight as Float64Array);
      const fdSpline = finiteDifferences(loss, reference.splineWeight as Float64Array);
      const ours = (g: Float32Array, torchIndex: (i: number, o: number, k: number) => number, size: number) => {
        const out = new Float64Array(g.length);
        for (let i = 0; i < inFeatures; i++) for (let o = 0; o < units; o++) for (let k = 0; k < size; k++) {
          out[torchIndex(i, o, k)] = g[(i * size + k) * units + o]!;
        }
        return out;
      };
      expect(relativeError(ours(grads['base_weight']!, (i, o) => o * inFeatures + i, 1), fdBase)).toBeLessThanOrEqual(1e-4);
      expect(relativeError(ours(grads['spline_weight']!, (i, o, k) => (o * inFeatures + i) * K + k, K), fdSpline)).toBeLessThanOrEqual(1e-4);
      if (standalone) {
        const fdScaler = finiteDifferences(loss, reference.splineScaler as Float64Array);
        expect(relativeError(ours(grads['spline_scaler']!, (i, o) => o * inFeatures + i, 1), fdScaler)).toBeLessThanOrEqual(1e-4);
      }
      release(layer);
    });
  }
});

describe('KANLinear initialisation (efficient-kan reset_parameters)', () => {
  it('draws the base weight and scaler from U(±1/√in) and small spline curves', () => {
    const layer = new KANLinear({ units: 64, seed: 1 });
    layer.build([null, 100]);
    const w = weightsOf(layer);
    const bound = 1 / Math.sqrt(100);
    for (const name of ['base_weight', 'spline_scaler']) {
      const values = w[name]!;
      expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(bound);
      expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.9 * bound);
    }
    // Each edge's spline curve interpolates noise U(±0.1/G/2) at the G+1 interior knots (G = 5 on [-1, 1]).
    const atKnots = tf.tidy(() => {
      const knots = tf.tensor2d(Array.from({ length: 6 }, (_, j) => Array<number>(100).fill(-1 + 0.4 * j)));
      const values = tf.transpose(layer.basis.evaluate(knots, layer.basisState()), [1, 0, 2]); // [in, 6, K]
      return tf.matMul(values, layer.splineCoefficients()).dataSync(); // φ_{o,i}(tⱼ), [in, 6, out]
    });
    const largest = Math.max(...atKnots.map(Math.abs));
    expect(largest).toBeLessThanOrEqual(0.01 + 1e-6);
    expect(largest).toBeGreaterThan(0.0099);
    release(layer);
  });

  it('is deterministic with a seed', () => {
    const make = () => {
      const layer = new KANLinear({ units: 3, seed: 42 });
      layer.build([null, 4]);
      const w = weightsOf(layer);
      release(layer);
      return w;
    };
    expect(make()).toEqual(make());
  });
});

describe('KANLinear input checks', () => {
  it('names the expected and found width, and rejects rank-1 input', () => {
    const layer = new KANLinear({ units: 2 });
    layer.build([null, 784]);
    expect(() => layer.apply(tf.zeros([1, 783]))).toThrow('KANLinear: input has 783 features, layer expects 784.');
    expect(() => layer.apply(tf.zeros([784]))).toThrow('KANLinear: expected an input [batch, ..., 784] of rank ≥ 2, got shape [784].');
    expect(() => new KANLinear({ units: 0 })).toThrow('KANLinear: units must be an integer ≥ 1, got 0.');
    expect(() => new KANLinear({ units: 2, baseActivation: 'swish' as never })).toThrow(
      'KANLinear: unknown baseActivation "swish"; expected one of silu, relu, tanh, linear, zero.',
    );
    release(layer);
  });

  it('refuses a bad basis config when built', () => {
    expect(() => new KANLinear({ units: 2, basis: { name: 'bspline', gridSize: 0 } }).build([null, 3])).toThrow('bspline basis: gridSize must be ≥ 1, got 0.');
    expect(() => new KANLinear({ units: 2, basis: 'chebyshev' }).build([null, 3])).toThrow(/Unknown basis "chebyshev"; registered bases: bspline, gaussian/);
  });
});
