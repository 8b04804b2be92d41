// pykan's headline tutorial, end to end on wasm: train [2, 5, 1] on exp(sin(πx) + y²), prune, refine,
// autoSymbolic, retrain the affine parameters, and read the formula back.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { extendGrid, kanLayers } from '@kanjs/kan-layers';
import { symbolicFormula } from '@kanjs/interpret';
import { pykanModel, tutorial } from '../examples/tutorial.mjs';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe("pykan's tutorial: f(x, y) = exp(sin(πx) + y²)", () => {
  it('prunes to [2, 1, 1] or [2, 2, 1] and finds a formula with sin, x² and exp within 1e-3 relative error', () => {
    const before = tf.memory().numTensors;
    const { formula, error, widths, losses, model } = tutorial();
    // pykan's tutorial reports train RMSE ~1e-2 after the first fit, ~1e-3 or below after refine, far below after symbolic.
    expect(losses['train']).toBeLessThan(5e-2);
    expect(losses['refine']).toBeLessThan(2e-3);
    expect(losses['train symbolic']).toBeLessThan(1e-5);
    expect([[2, 1, 1], [2, 2, 1]]).toContainEqual(widths);
    expect(formula.text).toMatch(/sin\(/);
    expect(formula.text).toMatch(/\^ 2/);
    expect(formula.text).toMatch(/exp\(/);
    expect(error).toBeLessThan(1e-3);
    if (widths.join() === '2,1,1') {
      // Simplified, the constants out of exp and the square normalised, it reads as the target itself:
      // exp(sin(3.142 * x + …) + (y ± …) ^ 2) + …, each unit factor rounded away.
      const rounded = symbolicFormula(model, { variables: ['x', 'y'], round: 4 })[0]!.text;
      expect(rounded).toMatch(/^exp\(sin\(3\.14[12] \* x [+-] [0-9.e-]+\) \+ \(y [+-] [0-9.e-]+\) \^ 2\)( [+-] [0-9.e-]+)?$/);
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refine (extendGrid) keeps the edge masks and the symbolic edges", () => {
    const coarse = pykanModel([2, 3, 1], 3, 1);
    const [first, second] = kanLayers(coarse);
    first!.setEdgeMask(1, 2, 0);
    second!.fixSymbolic(0, 0, 'sin', [1.5, -0.2, 0.8, 0.1]);
    const fine = extendGrid(coarse, 10);
    const [fineFirst, fineSecond] = kanLayers(fine);
    expect([...fineFirst!.edgeMask()]).toEqual([...first!.edgeMask()]);
    expect([...fineSecond!.edgeMask()]).toEqual([...second!.edgeMask()]);
    const symbolic = fineSecond!.symbolicEdge(0, 0)!;
    expect(symbolic.name).toBe('sin');
    [1.5, -0.2, 0.8, 0.1].forEach((v, k) => expect(symbolic.affine[k]).toBeCloseTo(v, 6));
    expect(fineSecond!.symbolicEdge(1, 0)).toBeNull();
    coarse.dispose();
    fine.dispose();
  });
});
