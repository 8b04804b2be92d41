import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { kan, kanLayers } from '@kanjs/kan-layers';
import { attribute, featureScore } from '@kanjs/interpret';
import { rows, useCpu } from './helpers.js';

beforeAll(useCpu);

/** pykan's attribute() for a two-layer model without KANNodes, written out with tfjs ops. */
function reference(model: ReturnType<typeof kan>, x: tf.Tensor2D): Float64Array[] {
  const parts = tf.tidy(() => {
    const [first, second] = kanLayers(model) as [ReturnType<typeof kanLayers>[number], ReturnType<typeof kanLayers>[number]];
    const std = (t: tf.Tensor) => tf.sqrt(tf.div(tf.sum(tf.square(tf.sub(t, tf.mean(t, 0))), 0), t.shape[0]! - 1));
    const h = first.apply(x) as tf.Tensor2D;
    const e1 = std(first.edgeActivations(x)); // [in, hidden]
    const e2 = std(second.edgeActivations(h)); // [hidden, out]
    const s1 = tf.add(std(h), 1e-4); // [hidden]
    const s2 = tf.add(std(second.apply(h) as tf.Tensor), 1e-4); // [out]
    // Output k's scores: edge2[k, j, o] = e2[j, o]·δ(k, o)/s2[o]; node1[k, j] = Σ_o; edge1[k, i, j] = e1[i, j]·node1[k, j]/s1[j].
    const outputs = s2.shape[0]!;
    const eye = tf.eye(outputs);
    const edge2 = tf.mul(tf.expandDims(tf.div(e2, s2), 0), tf.expandDims(eye, 1)); // [k, hidden, out]
    const node1 = tf.sum(edge2, 2); // [k, hidden]
    const edge1 = tf.mul(tf.expandDims(tf.div(e1, s1), 0), tf.expandDims(node1, 1)); // [k, in, hidden]
    const node0 = tf.sum(edge1, 2);
    return [edge1, edge2, node1, node0].map((t) => tf.mean(t, 0));
  });
  const values = parts.map((t) => Float64Array.from(t.dataSync()));
  tf.dispose(parts);
  return values;
}

describe('attribute', () => {
  it("matches pykan's definitions on a [3, 4, 2] model", () => {
    const model = kan({ layers: [3, 4, 2], seed: 3 });
    const data = rows(64, 3, 1);
    const x = tf.tensor2d(data);
    const [edge1, edge2, node1, node0] = reference(model, x);
    const scores = attribute(model, data);
    const close = (got: Float64Array, want: Float64Array) => got.forEach((v, n) => expect(v).toBeCloseTo(want[n]!, 4));
    close(scores.edges[0]!, edge1!);
    close(scores.edges[1]!, edge2!);
    close(scores.nodes[1]!, node1!);
    close(scores.nodes[0]!, node0!);
    expect([...scores.nodes[2]!]).toEqual([0.5, 0.5]); // pykan: the mean of the identity over the outputs
    expect([...featureScore(model, data)]).toEqual([...scores.nodes[0]!]);
    x.dispose();
  });

  it('gives an input the model ignores a zero score, and leaks no tensor', () => {
    const model = kan({ layers: [2, 3, 1], seed: 5 });
    const layer = kanLayers(model)[0]!;
    for (let o = 0; o < 3; o++) layer.setEdgeMask(1, o, 0);
    const before = tf.memory().numTensors;
    const scores = featureScore(model, rows(50, 2, 2));
    expect(tf.memory().numTensors).toBe(before);
    expect(scores[1]).toBe(0);
    expect(scores[0]).toBeGreaterThan(0);
  });

  it('refuses data of the wrong width', () => {
    expect(() => attribute(kan({ layers: [2, 1] }), rows(4, 3, 1))).toThrow(/expected data of shape \[batch ≥ 1, 2\], got \[4, 3\]/);
  });
});
