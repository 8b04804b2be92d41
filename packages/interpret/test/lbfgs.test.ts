// pykan's LBFGS (PyTorch's algorithm with the strong-Wolfe line search) on functions with known minima, and the
// objectives `fit` hands it: tfjs variables flattened, and the float64 KAN objective against tfjs autodiff.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { kan, kanLayers, updateGrid } from '@kanjs/kan-layers';
import { LBFGS, type Objective } from '../src/train/lbfgs.js';
import { flatVariables } from '../src/train/variable-objective.js';
import { kanObjective } from '../src/train/kan-objective.js';
import { bsplineValues, bsplineWork } from '../src/train/bspline64.js';
import { sparseForward } from '../src/train/sparsity.js';
import { kanStages } from '../src/stages.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** ½ (x − c)ᵀ A (x − c) with A = diag(1..n) plus a coupling, minimum at c. */
function quadratic(centre: Float64Array): Objective {
  const n = centre.length;
  return (x) => {
    const r = x.map((v, k) => v - centre[k]!);
    const ar = r.map((v, k) => (k + 1) * v + 0.5 * ((k > 0 ? r[k - 1]! : 0) + (k + 1 < n ? r[k + 1]! : 0)));
    let loss = 0;
    for (let k = 0; k < n; k++) loss += 0.5 * r[k]! * ar[k]!;
    return { loss, gradient: ar };
  };
}

/** Rosenbrock's function in n dimensions, minimum 0 at (1, …, 1). */
const rosenbrock: Objective = (x) => {
  const gradient = new Float64Array(x.length);
  let loss = 0;
  for (let k = 0; k + 1 < x.length; k++) {
    const a = x[k + 1]! - x[k]! ** 2;
    const b = 1 - x[k]!;
    loss += 100 * a * a + b * b;
    gradient[k]! += -400 * x[k]! * a - 2 * b;
    gradient[k + 1]! += 200 * a;
  }
  return { loss, gradient };
};

describe('LBFGS', () => {
  it('finds the minimum of a coupled quadratic', () => {
    const centre = Float64Array.from({ length: 20 }, (_, k) => Math.sin(k) * 3);
    const x = new Float64Array(20);
    const optimizer = new LBFGS(quadratic(centre), { historySize: 10, toleranceGrad: 1e-32, toleranceChange: 1e-32 });
    for (let step = 0; step < 3; step++) optimizer.step(x);
    for (let k = 0; k < 20; k++) expect(x[k]).toBeCloseTo(centre[k]!, 6);
  });

  it('finds the minimum of Rosenbrock from (−1.2, 1, −1.2, 1)', () => {
    const x = Float64Array.from([-1.2, 1, -1.2, 1]);
    const optimizer = new LBFGS(rosenbrock, { historySize: 10, toleranceGrad: 1e-32, toleranceChange: 1e-32 });
    for (let step = 0; step < 20; step++) optimizer.step(x);
    for (const v of x) expect(v).toBeCloseTo(1, 6);
    expect(rosenbrock(x).loss).toBeLessThan(1e-12);
  });

  it('without a line search still descends Rosenbrock', () => {
    const x = Float64Array.from([-1.2, 1]);
    const start = rosenbrock(x).loss;
    const optimizer = new LBFGS(rosenbrock, { lineSearch: 'none', learningRate: 1e-3 });
    optimizer.step(x);
    expect(rosenbrock(x).loss).toBeLessThan(start);
  });

  it('rejects a bad option with one clear error', () => {
    expect(() => new LBFGS(rosenbrock, { historySize: 0 })).toThrow('LBFGS: historySize must be an integer ≥ 1, got 0.');
  });

  it('minimises a loss of tfjs variables without leaking tensors', () => {
    const w = tf.variable(tf.tensor2d([[0, 0], [0, 0]]));
    const b = tf.variable(tf.tensor1d([0, 0]));
    const target = tf.tensor2d([[1, -2], [3, 0.5]]);
    const flat = flatVariables([w, b], () => tf.tidy(() => tf.add(tf.sum(tf.square(tf.sub(w, target))), tf.sum(tf.square(tf.sub(b, 4))))));
    const before = tf.memory().numTensors;
    const x = flat.read();
    new LBFGS(flat.objective).step(x);
    flat.write(x);
    expect(tf.memory().numTensors).toBe(before);
    const found = [...w.dataSync(), ...b.dataSync()];
    [1, -2, 3, 0.5, 4, 4].forEach((v, k) => expect(found[k]).toBeCloseTo(v, 4));
    tf.dispose([w, b, target]);
  });
});

describe("fit's float64 KAN objective", () => {
  /** A [2, 3, 2] KAN with adapted grids, one masked edge and a symbolic sin edge, on a batch. */
  function setting(masked: boolean) {
    const model = kan({ layers: [2, 3, 2], basis: { name: 'bspline', gridSize: 4 }, seed: 3 });
    const x = tf.randomUniform([64, 2], -1, 1, 'float32', 5) as tf.Tensor2D;
    const y = tf.tidy(() => tf.concat([tf.sin(tf.sum(x, 1, true)), tf.square(tf.slice(x, [0, 0], [64, 1]))], 1)) as tf.Tensor2D;
    updateGrid(model, x, 0);
    const [first, second] = kanLayers(model);
    if (masked) first!.setEdgeMask(1, 2, 0);
    second!.fixSymbolic(0, 1, 'sin', [1.3, 0.2, 0.7, -0.1]);
    const variables = model.trainableWeights.map((v) => v.read() as tf.Variable);
    return { model, x, y, variables, stages: kanStages(model, 'test') };
  }

  for (const [lamb, masked] of [[0, true], [0.01, false]] as const) {
    it(`matches tfjs autodiff's loss and gradient (lamb ${lamb}${masked ? ', a masked edge' : ''})`, () => {
      const { model, x, y, variables, stages } = setting(masked);
      const before = tf.memory().numTensors;
      const fast = kanObjective(stages, variables, x, y, { lamb, lambL1: 1, lambEntropy: 2 })!;
      const reference = flatVariables(variables, () => tf.tidy(() => {
        if (lamb === 0) return tf.mean(tf.square(tf.sub(model.apply(x) as tf.Tensor, y))) as tf.Scalar;
        const { output, loss } = sparseForward(stages, x);
        return tf.add(tf.mean(tf.square(tf.sub(output, y))), tf.mul(lamb, loss)) as tf.Scalar;
      }));
      const point = fast.read();
      const a = fast.objective(point);
      const expected = { loss: reference.objective(point).loss, gradient: Float64Array.from(reference.objective(point).gradient) };
      expect(a.loss).toBeCloseTo(expected.loss, 5);
      const scale = Math.max(...expected.gradient.map(Math.abs));
      expected.gradient.forEach((g, k) => expect(Math.abs(a.gradient[k]! - g)).toBeLessThan(1e-3 * scale));
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
      tf.dispose([x, y]);
    });
  }

  it('declines models it does not cover', () => {
    const model = kan({ layers: [2, 2], layer: 'fastkan' });
    const x = tf.zeros([4, 2]) as tf.Tensor2D;
    const variables = model.trainableWeights.map((v) => v.read() as tf.Variable);
    expect(kanObjective(kanStages(model, 'test'), variables, x, x, { lamb: 0, lambL1: 1, lambEntropy: 2 })).toBeNull();
    model.dispose();
    x.dispose();
  });
});

describe("fit's float64 grid update", () => {
  it("matches kan-layers' updateGrid(model, x, 0): the same knots, and the same function on the batch", () => {
    const x = tf.randomUniform([200, 2], -1, 1, 'float32', 7) as tf.Tensor2D;
    const y = tf.tidy(() => tf.sin(tf.sum(x, 1, true))) as tf.Tensor2D;
    const make = () => {
      const model = kan({ layers: [2, 3, 1], basis: { name: 'bspline', gridSize: 5 }, seed: 4, scaleNoise: 0.3 });
      kanLayers(model)[1]!.setEdgeMask(2, 0, 0);
      return model;
    };
    const reference = make();
    const fast = make();
    updateGrid(reference, x, 0);
    const variables = fast.trainableWeights.map((v) => v.read() as tf.Variable);
    const objective = kanObjective(kanStages(fast, 'test'), variables, x, y, { lamb: 0, lambL1: 1, lambEntropy: 2 })!;
    const before = tf.memory().numTensors;
    objective.updateGrid();
    expect(tf.memory().numTensors).toBe(before);
    kanLayers(fast).forEach((layer, l) => {
      const expected = kanLayers(reference)[l]!.basisStateValues()['grid']!;
      const knots = layer.basisStateValues()['grid']!;
      expected.forEach((t, j) => expect(knots[j]).toBeCloseTo(t, 5));
    });
    const [a, b] = tf.tidy(() => [(reference.apply(x) as tf.Tensor).dataSync(), (fast.apply(x) as tf.Tensor).dataSync()]);
    const scale = Math.max(...a!.map(Math.abs));
    a!.forEach((v, k) => expect(Math.abs(b![k]! - v)).toBeLessThan(1e-5 * scale));
    // The objective sees the new grid: its loss is the tfjs model's.
    const loss = objective.objective(objective.read()).loss;
    const mse = tf.tidy(() => tf.mean(tf.square(tf.sub(fast.apply(x) as tf.Tensor, y))).dataSync()[0]!);
    expect(loss).toBeCloseTo(mse, 6);
    reference.dispose();
    fast.dispose();
    tf.dispose([x, y]);
  });
});

describe("fit's float64 B-splines", () => {
  it("match basis-bspline's Cox–de Boor, with slopes, inside the grid, in the extension intervals and outside", () => {
    for (const [gridSize, order] of [[3, 3], [10, 3], [4, 2], [5, 1]] as const) {
      const model = kan({ layers: [1, 1], basis: { name: 'bspline', gridSize, splineOrder: order }, seed: 1 });
      const x = tf.tensor2d([-1, -0.3, 0.1, 0.5, 0.9, 1], [6, 1]);
      updateGrid(model, tf.tidy(() => tf.square(x)), 0); // knots over [0, 1], not uniform
      const layer = kanLayers(model)[0]!;
      const knots = Float64Array.from(layer.basisStateValues()['grid']!);
      const count = knots.length;
      const points = Array.from({ length: 401 }, (_, k) => -1.5 + (3 * k) / 400);
      const expected = tf.tidy(() => layer.basis.evaluate(tf.tensor2d(points, [points.length, 1]), layer.basisState()).dataSync());
      const K = layer.basis.size;
      const width = order + 1;
      const values = new Float64Array(width);
      const slopes = new Float64Array(width);
      const work = bsplineWork(count, order);
      const full = (v: number): Float64Array => {
        const out = new Float64Array(K);
        const first = bsplineValues(v, knots, 0, count, order, work, values, slopes, 0);
        for (let r = 0; r < width; r++) out[first + r] = values[r]!;
        return out;
      };
      points.forEach((v, n) => {
        const first = bsplineValues(v, knots, 0, count, order, work, values, slopes, 0);
        const got = new Float64Array(K);
        for (let r = 0; r < width; r++) got[first + r] = values[r]!;
        for (let k = 0; k < K; k++) expect(got[k]).toBeCloseTo(expected[n * K + k]!, 5);
        const slope = Float64Array.from(slopes);
        const h = 1e-6;
        const [up, down] = [full(v + h), full(v - h)];
        // Away from knots (where the derivative jumps), the slopes are the central differences.
        if (knots.every((t) => Math.abs(t - v) > 1e-4)) {
          for (let r = 0; r < width; r++) expect(slope[r]).toBeCloseTo((up[first + r]! - down[first + r]!) / (2 * h), 3);
        }
      });
      model.dispose();
      x.dispose();
    }
  });
});
