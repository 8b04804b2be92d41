// pykan's sparsity regularisation on a model with masked (pruned) edges, through tfjs autodiff on cpu and wasm
// (`fit`'s path for models its float64 objective does not cover: here Gaussian-basis KANLinear and FastKAN layers).
// A masked edge's output is constant on the batch, so std = √var sits at var = 0, whose derivative is ∞.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { activationRegularization, kan, kanLayers, type KANModelOptions } from '@kanjs/kan-layers';
import { fit, sparsityLoss } from '@kanjs/interpret';
import { kanStages } from '../src/stages.js';
import { rows } from './helpers.js';

const MODELS: readonly [string, KANModelOptions][] = [
  ['KANLinear on a Gaussian basis', { layers: [2, 4, 1], basis: { name: 'gaussian' }, seed: 5 }],
  ['FastKAN', { layers: [2, 4, 1], layer: 'fastkan', seed: 5 }],
];
/** Masked edges (layer, i, o). */
const MASKED = [[0, 0, 1], [0, 1, 3], [1, 2, 0]] as const;

afterAll(() => tf.setBackend('cpu'));

function maskedModel(options: KANModelOptions) {
  const model = kan(options);
  for (const [l, i, o] of MASKED) kanLayers(model)[l]!.setEdgeMask(i, o, 0);
  const inputs = rows(64, 2, 9);
  const x = tf.tensor2d(inputs);
  const y = tf.tensor2d(inputs.map(([a, b]) => [Math.sin(Math.PI * a!) + b! * b!]));
  return { model, x, y };
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`sparsityLoss with masked edges on ${backend}`, () => {
    for (const [label, options] of MODELS) {
      it(`${label}: pykan's value (kan-layers' activationRegularization per layer) and a finite gradient, 0 through masked edges`, async () => {
        await tf.setBackend(backend);
        const { model, x, y } = maskedModel(options);
        const stages = kanStages(model, 'test');
        const expected = tf.tidy(() => {
          let h: tf.Tensor2D = x;
          let total = 0;
          for (const layer of kanLayers(model)) {
            total += activationRegularization(h, layer.edgeActivations(h), 1, 2).dataSync()[0]!;
            h = layer.apply(h) as tf.Tensor2D;
          }
          return total;
        });
        const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
        const { value, grads } = tf.variableGrads(() => sparsityLoss(stages, x), variables);
        expect(Math.abs(value.dataSync()[0]! - expected)).toBeLessThanOrEqual(1e-5 * Math.max(1, expected));
        for (const [name, gradient] of Object.entries(grads)) expect(gradient.dataSync().every(Number.isFinite), name).toBe(true);
        const first = kanLayers(model)[0]!;
        const spline = grads[(first.trainableWeights.find((w) => w.originalName.endsWith('spline_weight'))!.read() as tf.Variable).name]!.dataSync();
        const [size, m] = [first.basis.size, first.units];
        for (const [, i, o] of MASKED.filter(([l]) => l === 0)) {
          for (let k = 0; k < size; k++) expect(Math.abs(spline[(i * size + k) * m + o]!), `masked edge (${i}, ${o})`).toBe(0);
        }
        tf.dispose([x, y, value, ...Object.values(grads)]);
        model.dispose();
      });

      it(`${label}: fit with lamb > 0 (LBFGS and Adam) keeps the loss and every weight finite`, async () => {
        await tf.setBackend(backend);
        for (const opt of ['LBFGS', 'Adam'] as const) {
          const { model, x, y } = maskedModel(options);
          const before = tf.tidy(() => tf.mean(tf.square(tf.sub(model.apply(x) as tf.Tensor, y))).dataSync()[0]!);
          const loss = fit(model, x, y, { steps: 3, opt, lamb: 0.01, gridUpdateEvery: 0 });
          expect(Number.isFinite(loss), `${opt}: loss ${loss}`).toBe(true);
          expect(loss).toBeLessThan(before);
          for (const w of model.trainableWeights) expect(w.read().dataSync().every(Number.isFinite), `${opt} ${w.originalName}`).toBe(true);
          tf.dispose([x, y]);
          model.dispose();
        }
      });
    }
  });
}
