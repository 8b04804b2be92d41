// pykan's "Interpretability 1: Hello, MultKAN" tutorial on kanjs: f(x, y) = x·y on a [2, [5, 2], 1] MultKAN
// (5 addition and 2 multiplication nodes in the hidden layer, base_fun 'identity'), pykan's recipe:
//
//     model = KAN(width=[2,[5,2],1], base_fun='identity')
//     model.fit(dataset, steps=20, lamb=0.01, lamb_coef=1.0)   # kanjs's fit has no λ_coef term: lamb only
//     model = model.prune()                                    # → [2, [0, 1], 1]
//     model.fit(dataset, steps=20)
//     model.auto_symbolic()                                    # x, 0, 0, x on the first layer; x on the second
//     model.fit(dataset, steps=20)
//     model.symbolic_formula()                                 # x_1*x_2
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import type * as tfl from '@tensorflow/tfjs-layers';
import { kan, kanLayers, kanNodes, type KANLinear } from '@kanjs/kan-layers';
import { autoSymbolic, fit, prune, symbolicFormula } from '@kanjs/interpret';
import { exampleData } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const target = ([x, y]: readonly number[]) => x! * y!;

/** pykan's `KAN(width=[2, [5, 2], 1], grid=3, k=3, base_fun='identity', seed)`: spline noise 0.3, scale_sp = 1/√in. */
function multKAN(seed: number): tfl.Sequential {
  // The hidden KANLinear has 5 sum subnodes + 2 × 2 mult subnodes, then KANNodes multiplies each pair.
  const model = kan({ layers: [2, [5, 2], 1], basis: { name: 'bspline', gridSize: 3 }, scaleNoise: 0.3, baseActivation: 'linear', seed });
  for (const layer of kanLayers(model)) {
    const scaler = layer.weights.find((weight) => weight.originalName.endsWith('spline_scaler'))!;
    tf.tidy(() => {
      scaler.write(tf.fill(scaler.shape as number[], 1 / Math.sqrt(layer.inFeatures)));
    });
  }
  return model;
}

/** Least-squares coefficients of a + b·x + c·y + d·x·y through the points (normal equations, Gaussian elimination). */
function bilinearFit(points: readonly number[][], values: readonly number[]): number[] {
  const features = points.map(([x, y]) => [1, x!, y!, x! * y!]);
  const a = [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => features.reduce((s, f) => s + f[r]! * f[c]!, 0)));
  const b = [0, 1, 2, 3].map((r) => features.reduce((s, f, n) => s + f[r]! * values[n]!, 0));
  for (let k = 0; k < 4; k++) {
    for (let r = k + 1; r < 4; r++) {
      const factor = a[r]![k]! / a[k]![k]!;
      for (let c = k; c < 4; c++) a[r]![c]! -= factor * a[k]![c]!;
      b[r]! -= factor * b[k]!;
    }
  }
  const solution = [0, 0, 0, 0];
  for (let r = 3; r >= 0; r--) solution[r] = (b[r]! - [0, 1, 2, 3].slice(r + 1).reduce((s, c) => s + a[r]![c]! * solution[c]!, 0)) / a[r]![r]!;
  return solution;
}

describe('pykan example: f(x, y) = x·y on a [2, [5, 2], 1] MultKAN', () => {
  it('prunes to one mult node of x and y, finds x on every edge and x·y within 1e-3 relative error on 1000 held-out points', () => {
    const before = tf.memory().numTensors;
    const { x, y, test } = exampleData(target, 5, 6);
    let model = multKAN(1);
    expect(Math.sqrt(fit(model, x, y, { steps: 20, lamb: 0.01 }))).toBeLessThan(0.1);

    // Pruning keeps only the mult node, fed by one edge from x and one from y: [2, [0, 1], 1].
    const trained = model;
    model = prune(trained, x);
    trained.dispose();
    const [first, second] = kanLayers(model) as [KANLinear, KANLinear];
    const nodes = kanNodes(model)[0]!;
    expect([nodes.nSum, nodes.nMult, second.inFeatures, second.units]).toEqual([0, 1, 1, 1]);
    const mask = Array.from(first.edgeMask()); // [input][subnode]
    expect([[1, 0, 0, 1], [0, 1, 1, 0]]).toContainEqual(mask);

    expect(Math.sqrt(fit(model, x, y, { steps: 20 }))).toBeLessThan(1e-4);
    // auto_symbolic with pykan's whole library: x on the kept edges, 0 on the masked ones.
    const report = autoSymbolic(model, x);
    expect(report.map(({ layer, input, output, name }) => [layer, input, output, name])).toEqual([
      [0, 0, 0, mask[0] === 1 ? 'x' : '0'],
      [0, 0, 1, mask[1] === 1 ? 'x' : '0'],
      [0, 1, 0, mask[2] === 1 ? 'x' : '0'],
      [0, 1, 1, mask[3] === 1 ? 'x' : '0'],
      [1, 0, 0, 'x'],
    ]);
    for (const edge of report.filter((e) => e.name === 'x')) expect(edge.r2!).toBeGreaterThan(0.9999);
    expect(Math.sqrt(fit(model, x, y, { steps: 20 }))).toBeLessThan(1e-5);

    // The formula is a product of affine maps of x and y: on held-out points it is x·y (a bilinear fit gives
    // the coefficient 1 for x·y and 0 for 1, x and y), within 1e-3 relative error.
    const formula = symbolicFormula(model, { variables: ['x', 'y'] })[0]!;
    expect(formula.text).toMatch(/x/);
    expect(formula.text).toMatch(/y/);
    const values = formula.evaluate(test).map((row) => row[0]!);
    const [constant, linearX, linearY, product] = bilinearFit(test, values);
    for (const coefficient of [constant!, linearX!, linearY!]) expect(Math.abs(coefficient)).toBeLessThan(1e-4);
    expect(Math.abs(product! - 1)).toBeLessThan(1e-4);
    const error = Math.max(...test.map((row, n) => Math.abs(values[n]! - target(row)) / Math.max(Math.abs(target(row)), 1e-2)));
    expect(error).toBeLessThan(1e-3);

    tf.dispose([x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000); // about 25 s of CPU time: fit differentiates through tfjs with KANNodes in the model
});
