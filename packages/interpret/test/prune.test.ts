import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { kan, kanLayers, type KANLayerBase } from '@kanjs/kan-layers';
import { attribute, prune, pruneInputs } from '@kanjs/interpret';
import { predict, read, rows, useCpu } from './helpers.js';

beforeAll(useCpu);

/** A layer's output and its edges' outputs on x, as float64. */
function layerParts(layer: KANLayerBase, x: number[][]): { y: Float64Array; edges: Float64Array } {
  return { y: read(() => layer.apply(tf.tensor2d(x)) as tf.Tensor), edges: read(() => layer.edgeActivations(tf.tensor2d(x))) };
}

/** Rows of the columns `keep`. */
const columns = (x: number[][], keep: number[]) => x.map((row) => keep.map((i) => row[i]!));

/**
 * Checks that a pruned layer computes, on the kept inputs, the original layer's output on the full input minus
 * the contributions of every edge that is gone (removed with its node, or masked).
 */
function expectOnlyRemovedEdgesChange(original: KANLayerBase, pruned: KANLayerBase, x: number[][], inputs: number[], outputs: number[]): void {
  const { y, edges } = layerParts(original, x);
  const got = layerParts(pruned, columns(x, inputs)).y;
  const n = original.inFeatures;
  const m = original.units;
  const mask = pruned.edgeMask();
  x.forEach((_, b) => {
    outputs.forEach((o, p) => {
      let want = y[b * m + o]!;
      for (let i = 0; i < n; i++) {
        const q = inputs.indexOf(i);
        if (q < 0 || mask[q * pruned.units + p] === 0) want -= edges[(b * n + i) * m + o]!;
      }
      expect(got[b * pruned.units + p]).toBeCloseTo(want, 4);
    });
  });
}

describe('prune', () => {
  it('removes dead hidden nodes of a KANLinear model and masks weak edges; outputs change by the removed edges only', () => {
    const model = kan({ layers: [3, 4, 2], seed: 11 });
    const [first] = kanLayers(model) as [KANLayerBase];
    for (let i = 0; i < 3; i++) first.setEdgeMask(i, 2, 0); // hidden node 2 is constant: score 0
    const x = rows(80, 3, 4);
    const scores = attribute(model, x);
    expect(scores.nodes[1]![2]).toBe(0);
    const pruned = prune(model, x);
    const [p0, p1] = kanLayers(pruned) as [KANLayerBase, KANLayerBase];
    const kept = [0, 1, 3].filter((j) => scores.nodes[1]![j]! > 1e-2);
    expect(p0.units).toBe(kept.length);
    expect(p1.inFeatures).toBe(kept.length);
    expectOnlyRemovedEdgesChange(first, p0, x, [0, 1, 2], kept);
    const hidden = tf.tidy(() => (first.apply(tf.tensor2d(x)) as tf.Tensor).arraySync() as number[][]);
    expectOnlyRemovedEdgesChange(kanLayers(model)[1]!, p1, hidden, kept, [0, 1]);
  });

  it('masks edges below edgeThreshold', () => {
    const model = kan({ layers: [2, 3, 1], seed: 2 });
    const x = rows(60, 2, 5);
    const pruned = prune(model, x, { nodeThreshold: 0, edgeThreshold: 1e9 });
    for (const layer of kanLayers(pruned)) expect([...layer.edgeMask()].every((m) => m === 0)).toBe(true);
    expect([...predict(pruned, x)].every((v) => v === 0)).toBe(true);
  });

  it('keeps a pruned node that feeds a FastKAN LayerNorm in the width and masks its outgoing edges', () => {
    const model = kan({ layers: [3, 4, 2], layer: 'fastkan', seed: 6 });
    const [first, second] = kanLayers(model) as [KANLayerBase, KANLayerBase];
    for (let o = 0; o < 2; o++) second.setEdgeMask(1, o, 0); // hidden node 1 feeds only LayerNorm: score 0
    const x = rows(80, 3, 8);
    expect(attribute(model, x).nodes[1]![1]).toBe(0);
    const pruned = prune(model, x, { edgeThreshold: 0 });
    const [p0, p1] = kanLayers(pruned) as [KANLayerBase, KANLayerBase];
    expect(p1.inFeatures).toBe(4);
    expect([...p1.edgeMask()].slice(2, 4)).toEqual([0, 0]);
    expect([...p0.edgeMask()]).toEqual(new Array(12).fill(1)); // its incoming edges stay: LayerNorm sees the same values
    const hidden = tf.tidy(() => (first.apply(tf.tensor2d(x)) as tf.Tensor).arraySync() as number[][]);
    expectOnlyRemovedEdgesChange(second, p1, hidden, [0, 1, 2, 3], [0, 1]);
    const before = tf.memory().numTensors;
    prune(model, x).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('pruneInputs', () => {
  it('drops an input the model ignores and keeps the output', () => {
    const model = kan({ layers: [3, 2, 1], seed: 9 });
    const first = kanLayers(model)[0]!;
    for (let o = 0; o < 2; o++) first.setEdgeMask(1, o, 0);
    const x = rows(40, 3, 3);
    const { model: smaller, inputs } = pruneInputs(model, x);
    expect(inputs).toEqual([0, 2]);
    predict(smaller, columns(x, inputs)).forEach((v, n) => expect(v).toBeCloseTo(predict(model, x)[n]!, 5));
  });

  it('keeps every input of a FastKAN LayerNorm first layer and masks the dropped ones', () => {
    const model = kan({ layers: [3, 2], layer: 'fastkan', seed: 4 });
    const { model: masked, inputs } = pruneInputs(model, rows(30, 3, 1), { inputs: [0, 2] });
    expect(inputs).toEqual([0, 1, 2]);
    expect([...kanLayers(masked)[0]!.edgeMask()]).toEqual([1, 1, 0, 0, 1, 1]);
  });

  it('refuses bad input lists', () => {
    expect(() => pruneInputs(kan({ layers: [2, 1] }), rows(4, 2, 1), { inputs: [0, 5] })).toThrow(/distinct indices in \[0, 2\)/);
  });
});
