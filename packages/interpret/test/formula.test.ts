import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { KANLinear, KANNodes, kan, kanLayers } from '@kanjs/kan-layers';
import { autoSymbolic, fixSymbolic, suggestSymbolic, symbolicFormula } from '@kanjs/interpret';
import { predict, rows, useCpu } from './helpers.js';

beforeAll(useCpu);

describe('suggestSymbolic, fixSymbolic and autoSymbolic', () => {
  it('find the function an edge was fixed to, and autoSymbolic makes every edge symbolic', () => {
    const model = kan({ layers: [2, 1], seed: 1 });
    const layer = kanLayers(model)[0]!;
    layer.fixSymbolic(0, 0, 'sin', [2, 0.5, 1.5, 0.1]);
    layer.fixSymbolic(1, 0, 'x^2', [1, -0.2, 0.7, 0]);
    const x = rows(200, 2, 3);
    const best = suggestSymbolic(model, 0, 0, 0, { data: x, library: ['x', 'x^2', 'sin', 'tanh', 'exp'] });
    expect(best[0]!.name).toBe('sin');
    expect(best[0]!.r2).toBeGreaterThan(0.9999);
    expect(best.map((c) => c.loss)).toEqual([...best.map((c) => c.loss)].sort((p, q) => p - q));
    layer.unfixSymbolic(0, 0);
    layer.unfixSymbolic(1, 0);
    expect(() => symbolicFormula(model)).toThrow(/still numeric \(layer, input, output\): \(0, 0, 0\), \(0, 1, 0\)/);
    const r2 = fixSymbolic(model, 0, 0, 0, 'x', { data: x });
    expect(r2).toBeGreaterThan(0);
    const report = autoSymbolic(model, x, { library: ['x', 'x^2', 'sin'] });
    expect(report.map((e) => e.action)).toEqual(['skipped', 'fixed']);
    expect(() => symbolicFormula(model)).not.toThrow();
  });
});

describe('symbolicFormula', () => {
  it('composes, simplifies and evaluates to the model', () => {
    const model = kan({ layers: [2, 2, 1], seed: 2 });
    const [first, second] = kanLayers(model) as [KANLinear, KANLinear];
    first.fixSymbolic(0, 0, 'sin', [3.14159, 0, 1, 0]);
    first.fixSymbolic(1, 0, 'x^2', [1, 0, 1, 0]);
    first.fixSymbolic(0, 1, 'x', [1, 0, 0.5, 0.25]);
    first.fixSymbolic(1, 1, 'x', [1, 0, 0.5, 0.25]);
    second.fixSymbolic(0, 0, 'exp', [1, 0, 1, 0]);
    second.setEdgeMask(1, 0, 0); // masked off: contributes nothing
    const [formula] = symbolicFormula(model, { variables: ['x', 'y'] });
    expect(formula!.text).toMatch(/exp\(/);
    expect(formula!.text).toMatch(/sin\(/);
    expect(formula!.text).toMatch(/y \^ 2/);
    expect(formula!.latex).toMatch(/\\exp/);
    const x = rows(50, 2, 9);
    const values = formula!.evaluate(x);
    const want = predict(model, x);
    values.forEach(([v], n) => expect(v).toBeCloseTo(want[n]!, 4));
    x.forEach(([a, b], n) => expect(values[n]![0]).toBeCloseTo(Math.exp(Math.sin(3.14159 * a!) + b! * b!), 4));
    const rounded = symbolicFormula(model, { variables: ['x', 'y'], round: 3 })[0]!;
    expect(rounded.text).toMatch(/3\.14 \* x/);
    expect(() => formula!.evaluate([[1]])).toThrow(/rows of 2 inputs, got 1/);
  });

  it('goes through KANNodes mult nodes (pykan Interp_1: x·y)', () => {
    const model = tfl.sequential();
    model.add(new KANLinear({ units: 2, inputShape: [2], seed: 1 }));
    model.add(new KANNodes({ nSum: 0, nMult: 1, multArity: 2 }));
    const layer = kanLayers(model)[0]!;
    layer.fixSymbolic(0, 0, 'x', [1, 0, 1, 0]);
    layer.fixSymbolic(1, 1, 'x', [1, 0, 1, 0]);
    layer.setEdgeMask(0, 1, 0);
    layer.setEdgeMask(1, 0, 0);
    const [formula] = symbolicFormula(model, { variables: ['x', 'y'] });
    expect(formula!.text.replace(/\s/g, '')).toBe('x*y');
    const x = rows(10, 2, 1);
    formula!.evaluate(x).forEach(([v], n) => expect(v).toBeCloseTo(x[n]![0]! * x[n]![1]!, 5));
    tf.dispose(model.weights.map((w) => w.read()));
  });
});
