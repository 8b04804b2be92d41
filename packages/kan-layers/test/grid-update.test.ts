import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GridUpdate, KANLinear, kan, kanLayers, kanLinear, updateGrid } from '@kanjs/kan-layers';
import { rng, uniform } from '@kanjs/testing';
import { release, useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

function tensor(seed: number, shape: [number, number], low = -0.6, high = 0.6): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(uniform(rng(seed), shape[0] * shape[1], low, high)), shape);
}

/** KANLinear(4) → dense(3, tanh) → KANLinear(2) on [3] inputs, as a tf.model and as a tf.sequential with the same weights. */
function chainModels(): { functional: tfl.LayersModel; sequential: tfl.Sequential } {
  const make = (first: { inputShape?: number[] }) => [
    kanLinear({ units: 4, seed: 1, ...first }),
    tfl.layers.dense({ units: 3, activation: 'tanh', kernelInitializer: 'ones' }),
    kanLinear({ units: 2, seed: 2 }),
  ];
  const input = tfl.input({ shape: [3] });
  const functional = tfl.model({ inputs: input, outputs: make({}).reduce<tfl.SymbolicTensor>((h, layer) => layer.apply(h) as tfl.SymbolicTensor, input) });
  return { functional, sequential: tfl.sequential({ layers: make({ inputShape: [3] }) }) };
}

describe('updateGrid on functional and sequential models', () => {
  it('updates a tf.model chain (InputLayer, KANLinear, dense, KANLinear) exactly as the same tf.sequential', () => {
    const { functional, sequential } = chainModels();
    const x = tensor(3, [256, 3]);
    const gridBefore = weightsOf(kanLayers(functional)[1]!)['grid']!.slice();
    updateGrid(functional, x);
    updateGrid(sequential, x);
    const [f, s] = [kanLayers(functional), kanLayers(sequential)];
    f.forEach((layer, n) => expect(weightsOf(layer)).toEqual(weightsOf(s[n]!)));
    // The second KANLinear's grid came from the dense layer's outputs, in (−1, 1), not from x.
    const grid = weightsOf(f[1]!)['grid']!;
    expect(grid).not.toEqual(gridBefore);
    const expected = new KANLinear({ units: 2, seed: 2 });
    const hidden = tf.tidy(() => functional.layers[2]!.apply(functional.layers[1]!.apply(x)) as tf.Tensor2D);
    expected.apply(hidden);
    expected.updateGrid(hidden);
    expect(grid).toEqual(weightsOf(expected)['grid']);
    tf.dispose([x, hidden]);
    release(expected);
    functional.dispose();
    sequential.dispose();
  });

  it('refuses a branching graph with an error naming the layer where it branches', () => {
    const input = tfl.input({ shape: [3] });
    const a = kanLinear({ units: 3, seed: 1, name: 'edge_a' }).apply(input) as tfl.SymbolicTensor;
    const merged = tfl.layers.add({ name: 'residual' }).apply([input, a]) as tfl.SymbolicTensor;
    const residual = tfl.model({ inputs: input, outputs: kanLinear({ units: 2, seed: 2 }).apply(merged) as tfl.SymbolicTensor });
    const x = tensor(4, [32, 3]);
    expect(() => updateGrid(residual, x)).toThrow(
      'updateGrid: layer "residual" does not take the output of the layer before it as its one input; updateGrid walks models whose layers form one chain, and this graph branches or merges there.',
    );
    const twoHeads = tfl.model({ inputs: input, outputs: [a, merged] });
    expect(() => updateGrid(twoHeads, x)).toThrow('updateGrid: expected a model with one input and one output, got 1 inputs and 2 outputs.');
    x.dispose();
    residual.dispose();
  });
});

describe('GridUpdate, a model.fit callback', () => {
  async function fitWith(callback: GridUpdate, epochs: number): Promise<tfl.Sequential> {
    const model = kan({ layers: [2, 3, 1], seed: 5 });
    const x = tensor(6, [32, 2], -0.5, 0.5);
    const y = tf.sum(x, 1, true);
    model.compile({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError' });
    await model.fit(x, y, { epochs, batchSize: 16, callbacks: [callback], verbose: 0 });
    tf.dispose([x, y]);
    return model;
  }

  it('updates every KANLinear from data after every `every` batches, counting across epochs, until `until`', async () => {
    const data = tensor(7, [128, 2], -0.5, 0.5);
    const spy = vi.spyOn(KANLinear.prototype, 'updateGrid');
    for (const [every, until, epochs, calls] of [[2, Infinity, 2, 2], [3, Infinity, 2, 1], [1, 3, 3, 3], [2, 1, 2, 0]] as const) {
      spy.mockClear();
      const model = await fitWith(new GridUpdate({ every, data, until }), epochs);
      expect(spy.mock.calls.length, `every ${every}, until ${until}, ${2 * epochs} batches`).toBe(2 * calls); // two KANLinear layers
      model.dispose();
    }
    spy.mockRestore();
    // The first layer's grid depends on the data alone: it is the grid a fresh layer adapts to the same data.
    const model = await fitWith(new GridUpdate({ every: 2, data }), 1);
    const fresh = new KANLinear({ units: 3, seed: 5 });
    fresh.apply(data);
    fresh.updateGrid(data);
    expect(weightsOf(kanLayers(model)[0]!)['grid']).toEqual(weightsOf(fresh)['grid']);
    release(fresh);
    model.dispose();
    data.dispose();
  });

  it('leaves no tensors behind', async () => {
    const data = tensor(8, [64, 2], -0.5, 0.5);
    const model = kan({ layers: [2, 3, 1], seed: 5 });
    const y = tf.sum(data, 1, true);
    model.compile({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError' });
    const fit = () => model.fit(data, y, { epochs: 2, batchSize: 16, callbacks: [new GridUpdate({ every: 2, data })], verbose: 0 });
    await fit();
    const before = tf.memory().numTensors;
    await fit();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([data, y]);
    model.dispose();
  });

  it('refuses bad options and models without a KANLinear with one clear error', async () => {
    const data = tensor(9, [8, 2]);
    expect(() => new GridUpdate({ every: 0, data })).toThrow('GridUpdate: every must be an integer ≥ 1, got 0.');
    expect(() => new GridUpdate({ every: 1, data, until: -2 })).toThrow('GridUpdate: until must be an integer ≥ 0, got -2.');
    expect(() => new GridUpdate({ every: 1, data: [[1, 2]] as never })).toThrow('GridUpdate: data must be a tensor of model inputs, got [[1,2]].');
    const model = kan({ layers: [2, 1], layer: 'fastkan', seed: 1 });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const y = tf.zeros([8, 1]);
    await expect(model.fit(data, y, { epochs: 1, callbacks: [new GridUpdate({ every: 1, data })], verbose: 0 })).rejects.toThrow(
      'GridUpdate: the model has no KANLinear layer to update; its layers are InputLayer, FastKANLayer.',
    );
    tf.dispose([data, y]);
    model.dispose();
  });
});
