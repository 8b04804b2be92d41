// The regularisers on models with masked (pruned) edges, on the tfjs cpu and wasm backends: finite values equal to
// the float64 references, and gradients that are finite, 0 through the masked edges and equal to central
// differences elsewhere. Before the fix, a masked edge's constant output made √var's gradient ∞·0 = NaN.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { activationRegularization, kan, kanLayers, splineRegularization, type KANLayerBase } from '@kanjs/kan-layers';
import { rng, uniform } from '@kanjs/testing';
import { efficientKanRegularization, pykanRegularization, setWeights, weightsOf } from './helpers.js';

const [BATCH, WIDTHS, L1, ENTROPY] = [16, [3, 4, 2], 0.5, 2] as const;
/** Masked edges (layer, i, o): two of the first layer's, one of the second's. */
const MASKED = [[0, 0, 1], [0, 2, 3], [1, 1, 0]] as const;

afterAll(() => tf.setBackend('cpu'));

function maskedModel(kind: 'kan-linear' | 'fastkan') {
  const model = kan({ layers: WIDTHS, layer: kind, seed: 7 });
  for (const [l, i, o] of MASKED) kanLayers(model)[l]!.setEdgeMask(i, o, 0);
  const x = tf.tensor2d(Float32Array.from(uniform(rng(11), BATCH * WIDTHS[0], -0.9, 0.9)), [BATCH, WIDTHS[0]]);
  return { model, x };
}

/** pykan's penalty of layer 0 on x, in float64 from the layer's float32 edge outputs. */
function pykanPenalty(layer: KANLayerBase, x: tf.Tensor2D): number {
  const edges = layer.edgeActivations(x);
  const value = pykanRegularization(x.dataSync() as Float32Array, edges.dataSync() as Float32Array, BATCH, layer.inFeatures, layer.units, L1, ENTROPY);
  edges.dispose();
  return value;
}

/** ∂penalty/∂w for the named weight's entry `index`, by a float64 central difference with step h. */
function centralDifference(layer: KANLayerBase, weight: string, index: number, h: number, penalty: () => number): number {
  const original = weightsOf(layer)[weight]!.slice();
  const at = (delta: number) => {
    const moved = Float64Array.from(original);
    moved[index] = original[index]! + delta;
    setWeights(layer, { [weight]: moved });
    return penalty();
  };
  const derivative = (at(h) - at(-h)) / (2 * h);
  setWeights(layer, { [weight]: original });
  return derivative;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`regularisers with masked edges on ${backend}`, () => {
    it('pykan\'s (activations): the value of the float64 reference, finite gradients, 0 through masked edges, central differences elsewhere', async () => {
      await tf.setBackend(backend);
      const { model, x } = maskedModel('kan-linear');
      const layer = kanLayers(model)[0]!;
      const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => activationRegularization(x, layer.edgeActivations(x), L1, ENTROPY), variables);
      expect(Math.abs(value.dataSync()[0]! - pykanPenalty(layer, x))).toBeLessThanOrEqual(1e-5);
      for (const [name, gradient] of Object.entries(grads)) expect(gradient.dataSync().every(Number.isFinite), name).toBe(true);
      const spline = grads[variables.find((v) => v.name.endsWith('spline_weight'))!.name]!.dataSync(); // [in, K, out]
      const [size, m] = [layer.basis.size, layer.units];
      for (const [, i, o] of MASKED.filter(([l]) => l === 0)) {
        for (let k = 0; k < size; k++) expect(Math.abs(spline[(i * size + k) * m + o]!), `masked edge (${i}, ${o})`).toBe(0);
      }
      // Unmasked edges next to the masked ones: edge (0, 0) and (2, 2), two coefficients each.
      for (const index of [(0 * size + 2) * m + 0, (0 * size + 4) * m + 0, (2 * size + 3) * m + 2, (2 * size + 5) * m + 2]) {
        const expected = centralDifference(layer, 'spline_weight', index, 1e-2, () => pykanPenalty(layer, x));
        expect(Math.abs(spline[index]! - expected), `spline_weight[${index}]`).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(expected)));
        expect(Math.abs(expected)).toBeGreaterThan(1e-3);
      }
      tf.dispose([x, value, ...Object.values(grads)]);
      model.dispose();
    });

    it('pykan\'s inside model.fit (FastKAN layers and KAN layers): the loss and every weight stay finite over training steps', async () => {
      await tf.setBackend(backend);
      for (const kind of ['kan-linear', 'fastkan'] as const) {
        const model = kan({ layers: WIDTHS, layer: kind, seed: 7, regularizer: { kind: 'pykan', l1: L1, entropy: ENTROPY } });
        for (const [l, i, o] of MASKED) kanLayers(model)[l]!.setEdgeMask(i, o, 0);
        const { x } = maskedModel(kind);
        const y = tf.tidy(() => tf.concat([tf.sum(tf.sin(x), 1, true), tf.sum(tf.cos(x), 1, true)], 1));
        model.compile({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError' });
        const history = await model.fit(x, y, { epochs: 5, batchSize: BATCH, shuffle: false, verbose: 0 });
        const losses = history.history['loss'] as number[];
        expect(losses.every(Number.isFinite), `${kind} losses ${losses.join(', ')}`).toBe(true);
        expect(losses.at(-1)!).toBeLessThan(losses[0]!);
        for (const w of model.trainableWeights) expect(w.read().dataSync().every(Number.isFinite), `${kind} ${w.originalName}`).toBe(true);
        tf.dispose([x, y]);
        model.dispose();
      }
    });

    it('efficient-kan\'s (spline weights) with zeroed edges and a zeroed layer: the reference value, finite gradients equal to central differences', async () => {
      await tf.setBackend(backend);
      const { model, x } = maskedModel('kan-linear');
      const [first, second] = kanLayers(model) as [KANLayerBase, KANLayerBase];
      const weights = Float64Array.from(weightsOf(first)['spline_weight']!); // [in, K, out]
      const [size, m] = [first.basis.size, first.units];
      for (let k = 0; k < size; k++) weights[(1 * size + k) * m + 2] = 0; // edge (1, 2) has a = 0, so p = 0
      setWeights(first, { spline_weight: weights });
      setWeights(second, { spline_weight: new Float64Array(second.inFeatures * second.basis.size * second.units) }); // Σ a = 0
      for (const layer of [first, second]) {
        const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
        const { value, grads } = tf.variableGrads(() => splineRegularization(layer.splineCoefficients(), L1, ENTROPY), variables);
        expect(Math.abs(value.dataSync()[0]! - efficientKanRegularization(layer, L1, ENTROPY))).toBeLessThanOrEqual(1e-5);
        for (const [name, gradient] of Object.entries(grads)) expect(gradient.dataSync().every(Number.isFinite), name).toBe(true);
        if (layer === first) {
          const spline = grads[variables.find((v) => v.name.endsWith('spline_weight'))!.name]!.dataSync();
          for (const index of [(0 * size + 1) * m + 0, (2 * size + 4) * m + 3, (1 * size + 2) * m + 1]) {
            const expected = centralDifference(layer, 'spline_weight', index, 1e-3, () => efficientKanRegularization(layer, L1, ENTROPY));
            expect(Math.abs(spline[index]! - expected), `spline_weight[${index}]`).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(expected)));
          }
        }
        tf.dispose([value, ...Object.values(grads)]);
      }
      x.dispose();
      model.dispose();
    });
  });
}
