// kan() with pykan's [nSum, nMult] widths: a KAN layer with nSum + nMult·multArity outputs, then KANNodes.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { KANLinear, KANNodes, kan, kanLayers, kanNodes } from '@kanjs/kan-layers';
import { rng, uniform } from '@kanjs/testing';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

describe('kan() with multiplication nodes', () => {
  for (const multArity of [2, 3]) {
    it(`[2, [3, 2], 1] with multArity ${multArity}: the layer widths, and mult nodes that multiply their subnodes`, () => {
      const model = kan({ layers: [2, [3, 2], 1], seed: 4, ...(multArity === 2 ? {} : { multArity }) });
      const [first, second] = kanLayers(model) as [KANLinear, KANLinear];
      const nodes = kanNodes(model);
      expect(nodes[1]).toBeNull();
      const mult = nodes[0]!;
      expect(mult).toBeInstanceOf(KANNodes);
      expect([first.inFeatures, first.units, mult.nSum, mult.nMult, [...mult.arities], second.inFeatures, second.units]).toEqual(
        [2, 3 + 2 * multArity, 3, 2, [multArity, multArity], 5, 1],
      );
      const x = tf.tensor2d(Float32Array.from(uniform(rng(2), 8 * 2, -1, 1)), [8, 2]);
      const [got, want] = tf.tidy(() => {
        const h = (first.apply(x) as tf.Tensor2D).arraySync();
        // The sum nodes pass through; each mult node is the product of its multArity consecutive subnodes.
        const hidden = h.map((row) => [
          ...row.slice(0, 3),
          ...[0, 1].map((m) => row.slice(3 + m * multArity, 3 + (m + 1) * multArity).reduce((p, v) => p * v, 1)),
        ]);
        return [(model.predict(x) as tf.Tensor).dataSync(), (second.apply(tf.tensor2d(hidden)) as tf.Tensor).dataSync()];
      });
      got!.forEach((value, n) => expect(value).toBeCloseTo(want![n]!, 5));
      x.dispose();
      model.dispose();
    });
  }

  it('takes [n, 0] as plain n, and names what it refuses', () => {
    const model = kan({ layers: [[2, 0], [4, 0], 1], seed: 1 });
    expect(model.layers.map((layer) => layer.getClassName())).toEqual(['KANLinear', 'KANLinear']);
    model.dispose();
    const message = (widths: string) =>
      `kan: layers must list at least two widths (input to output), each an integer ≥ 1 or, after the input, a pair [nSum, nMult] of integers ≥ 0 with nSum + nMult ≥ 1, got ${widths}.`;
    expect(() => kan({ layers: [[2, 1], 1] })).toThrow(message('[[2,1],1]'));
    expect(() => kan({ layers: [2, [0, 0], 1] })).toThrow(message('[2,[0,0],1]'));
    expect(() => kan({ layers: [2, [1, -1], 1] })).toThrow(message('[2,[1,-1],1]'));
    expect(() => kan({ layers: [2, [1, 1], 1], multArity: 0 })).toThrow('kan: multArity must be an integer ≥ 1, got 0.');
  });
});
