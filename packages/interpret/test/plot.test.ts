import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { kan, kanLayers } from '@kanjs/kan-layers';
import { attribute, plotEdge, plotKAN } from '@kanjs/interpret';
import { rows, useCpu } from './helpers.js';

beforeAll(useCpu);

describe('plotKAN and plotEdge', () => {
  it("draw every unmasked edge in pykan's colours with opacity tanh(beta·score)", () => {
    const model = kan({ layers: [2, 3, 1], seed: 4 });
    const [first] = kanLayers(model);
    first!.setEdgeMask(1, 2, 0);
    first!.fixSymbolic(0, 0, 'sin', [1, 0, 1, 0]);
    const x = rows(64, 2, 2);
    const before = tf.memory().numTensors;
    const svg = plotKAN(model, { data: x, inputNames: ['x', 'y'], outputNames: ['f'] });
    expect(tf.memory().numTensors).toBe(before);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2 * 3 - 1 + 3);
    expect(svg.match(/stroke="red"/g)!.length).toBeGreaterThan(0);
    expect(svg).toContain('>x</text>');
    const score = attribute(model, x).edges[1]![0]!;
    expect(svg).toContain(`opacity="${String(Math.round(Math.tanh(3 * score) * 100) / 100)}"`);
  });

  it('draws one edge with or without data', () => {
    const model = kan({ layers: [2, 1], seed: 1 });
    expect(plotEdge(model, 0, 1, 0)).toMatch(/<polyline[^>]+points="[^"]+"/);
    expect(plotEdge(model, 0, 0, 0, { data: rows(20, 2, 1) })).toContain('layer 0, edge (0, 0)');
    expect(() => plotEdge(model, 0, 2, 0)).toThrow(/0 ≤ i < 2/);
    expect(() => plotEdge(kan({ layers: [2, 1], layer: 'fastkan' }), 0, 0, 0)).toThrow(/pass data/);
  });
});
