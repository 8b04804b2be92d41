// Per-edge masks and symbolic edges c·f(a·x + b) + d (KANLayerBase.enableEdges), pykan's node layer KANNodes,
// and the symbolic function library: forward against float64 references, gradients of a, b, c, d against
// finite differences, save and load, and tensor counts over training steps.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FastKANLayer,
  KANLinear,
  KANNodes,
  SYMBOLIC_LIB,
  kan,
  kanLayers,
  kanNodes,
  registerSymbolic,
  symbolicFunction,
  type KANLayerBase,
} from '@kanjs/kan-layers';
import { rng, uniform } from '@kanjs/testing';
import { setWeights, useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

type Edge = { i: number; o: number; name: string; affine: [number, number, number, number] };

const EDGES: Edge[] = [
  { i: 0, o: 0, name: 'sin', affine: [1.3, 0.2, 0.7, -0.1] },
  { i: 1, o: 1, name: 'x^2', affine: [0.8, -0.3, 1.1, 0.05] },
  { i: 2, o: 0, name: 'exp', affine: [0.5, 0.1, -0.4, 0.2] },
  { i: 2, o: 1, name: 'log', affine: [0.6, 2, 0.9, 0] },
];

function built<T extends KANLayerBase>(layer: T, inFeatures: number): T {
  layer.build([null, inFeatures]);
  return layer;
}

function data(tensor: tf.Tensor): Float32Array {
  return tensor.dataSync() as Float32Array;
}

/** Σ over the symbolic edges of c·f(a·x + b) + d in float64, [batch, out]. */
function symbolic64(x: Float64Array, batch: number, inFeatures: number, out: number, edges: readonly Edge[]): Float64Array {
  const y = new Float64Array(batch * out);
  for (let b = 0; b < batch; b++) {
    for (const { i, o, name, affine: [a, s, c, d] } of edges) y[b * out + o]! += c * symbolicFunction(name).js(a * x[b * inFeatures + i]! + s) + d;
  }
  return y;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let n = 0; n < expected.length; n++) {
    expect(Math.abs(actual[n]! - expected[n]!)).toBeLessThanOrEqual(tolerance * (1 + Math.abs(expected[n]!)));
  }
}

describe('symbolic library', () => {
  it('has every entry of pykan\'s SYMBOLIC_LIB, with tf and js agreeing where the function is defined', () => {
    const names = ['x', 'x^2', 'x^3', 'x^4', 'x^5', '1/x', '1/x^2', '1/x^3', '1/x^4', '1/x^5', 'sqrt', 'x^0.5', 'x^1.5', '1/sqrt(x)',
      '1/x^0.5', 'exp', 'log', 'abs', 'sin', 'cos', 'tan', 'tanh', 'sgn', 'arcsin', 'arccos', 'arctan', 'arctanh', '0', 'gaussian'];
    expect(Object.keys(SYMBOLIC_LIB).sort()).toEqual([...names].sort());
    const points = [0.15, 0.4, 0.85];
    for (const fn of Object.values(SYMBOLIC_LIB)) {
      const values = tf.tidy(() => data(fn.tf(tf.tensor1d(points))));
      expectClose(values, points.map(fn.js), 1e-5);
    }
    expect(SYMBOLIC_LIB['x^2']!.formula('y')).toBe('(y)^2');
    expect(SYMBOLIC_LIB['gaussian']!.complexity).toBe(3);
    expect(SYMBOLIC_LIB['1/x']!.fitSafe!(0.01)).toBeCloseTo(1, 12); // pykan's f_inv: y_th/x_th·x inside |x| < 1/y_th
  });

  it('names the known functions for an unknown name, and takes custom functions', () => {
    expect(() => symbolicFunction('sinc')).toThrow(/unknown function "sinc"; expected one of .*x\^2, .*gaussian/);
    registerSymbolic({ name: 'softplus', tf: tf.softplus, js: (x) => Math.log1p(Math.exp(x)), formula: (a) => `log(1 + exp(${a}))`, complexity: 3 });
    expect(symbolicFunction('softplus').js(0)).toBeCloseTo(Math.LN2, 12);
    expect(() => registerSymbolic({ ...SYMBOLIC_LIB['sin']! })).toThrow(/"sin" is one of pykan's SYMBOLIC_LIB names/);
  });
});

describe('edges on KANLinear and FastKANLayer', () => {
  const batch = 7;
  const inFeatures = 3;
  const out = 2;
  const x64 = uniform(rng(3), batch * inFeatures, -0.9, 0.9);

  it('a layer that never enables edges has exactly the weights and config it had', () => {
    const linear = built(new KANLinear({ units: out, seed: 1 }), inFeatures);
    expect(linear.weights.map((w) => w.originalName.split('/').pop())).toEqual(['base_weight', 'spline_weight', 'spline_scaler', 'grid']);
    expect(linear.getConfig()).not.toHaveProperty('edges');
    const fast = built(new FastKANLayer({ units: out, seed: 1 }), inFeatures);
    expect(fast.weights.map((w) => w.originalName.split('/').pop()).sort()).toEqual(
      ['base_bias', 'base_kernel', 'grid', 'layernorm_beta', 'layernorm_gamma', 'spline_weight'].sort());
    expect(Array.from(linear.edgeMask())).toEqual(new Array(inFeatures * out).fill(1));
    expect(linear.symbolicEdge(0, 0)).toBeNull();
  });

  it('KANLinear: masked numeric edges plus symbolic edges match a float64 reference', () => {
    const layer = built(new KANLinear({ units: out, seed: 2 }), inFeatures);
    const twin = built(new KANLinear({ units: out, seed: 2 }), inFeatures);
    layer.enableEdges();
    layer.enableEdges(); // idempotent
    for (const { i, o, name, affine } of EDGES) layer.fixSymbolic(i, o, name, affine);
    layer.setEdgeMask(1, 0, 0);
    // The twin has no edges: mask its scalers and base weights instead.
    const mask = layer.edgeMask();
    expect(Array.from(mask)).toEqual([0, 1, 0, 0, 0, 0]);
    const w = weightsOf(twin);
    setWeights(twin, { base_weight: w['base_weight']!.map((v, n) => v * mask[n]!), spline_scaler: w['spline_scaler']!.map((v, n) => v * mask[n]!) });
    const x = tf.tensor2d(Float32Array.from(x64), [batch, inFeatures]);
    const numeric = data(twin.apply(x) as tf.Tensor);
    const symbolic = symbolic64(x64, batch, inFeatures, out, EDGES);
    expectClose(data(layer.apply(x) as tf.Tensor), numeric.map((v, n) => v + symbolic[n]!), 1e-5);
    expect(layer.symbolicEdge(2, 1)).toEqual({ name: 'log', affine: [expect.closeTo(0.6, 6), 2, expect.closeTo(0.9, 6), 0] });
    layer.unfixSymbolic(2, 1);
    expect(layer.symbolicEdge(2, 1)).toBeNull();
    expect(layer.edgeMask()[2 * out + 1]).toBe(1);
    x.dispose();
  });

  it('edge activations sum to the output (FastKAN: minus the base bias), and the symbolic edges see the raw x there', () => {
    const x = tf.tensor2d(Float32Array.from(x64), [batch, inFeatures]);
    for (const layer of [built(new KANLinear({ units: out, seed: 4 }), inFeatures), built(new FastKANLayer({ units: out, seed: 4 }), inFeatures)]) {
      for (const { i, o, name, affine } of EDGES) layer.fixSymbolic(i, o, name, affine);
      layer.setEdgeMask(0, 1, 0);
      layer.setEdgeMask(0, 0, 1); // numeric and symbolic on one edge at once
      const edges = layer.edgeActivations(x);
      expect(edges.shape).toEqual([batch, inFeatures, out]);
      const bias = layer instanceof FastKANLayer ? weightsOf(layer)['base_bias']! : new Float32Array(out);
      const y = data(layer.apply(x) as tf.Tensor);
      expectClose(data(tf.sum(edges, 1)), y.map((v, n) => v - bias[n % out]!), 1e-5);
      // Switching off numeric edge (1, 0), which has no symbolic part, removes exactly its activation.
      const before = data(edges);
      layer.setEdgeMask(1, 0, 0);
      const after = data(layer.apply(x) as tf.Tensor);
      expectClose(after, Array.from(y, (v, n) => (n % out === 0 ? v - before[(Math.floor(n / out) * inFeatures + 1) * out]! : v)), 1e-5);
      edges.dispose();
    }
    // FastKAN: the symbolic term of edge (2, 0) is exp on a·x + b of the raw input, not of LayerNorm(x).
    const fast = built(new FastKANLayer({ units: out, seed: 5 }), inFeatures);
    fast.setEdgeMasks(new Float32Array(inFeatures * out));
    fast.fixSymbolic(2, 0, 'exp', [0.5, 0.1, -0.4, 0.2]);
    const bias = weightsOf(fast)['base_bias']!;
    const expected = symbolic64(x64, batch, inFeatures, out, [{ i: 2, o: 0, name: 'exp', affine: [0.5, 0.1, -0.4, 0.2] }]);
    expectClose(data(fast.apply(x) as tf.Tensor), expected.map((v, n) => v + bias[n % out]!), 1e-5);
    x.dispose();
  });

  it('gradients of a, b, c, d match float64 finite differences', () => {
    const layer = built(new KANLinear({ units: out, seed: 6 }), inFeatures);
    for (const { i, o, name, affine } of EDGES) layer.fixSymbolic(i, o, name, affine);
    const weights = uniform(rng(9), batch * out, -1, 1);
    const x = tf.tensor2d(Float32Array.from(x64), [batch, inFeatures]);
    const affine = layer.trainableWeights.find((w) => w.originalName.endsWith('symbolic_affine'))!;
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, tf.tensor2d(Float32Array.from(weights), [batch, out]))) as tf.Scalar,
      [affine.read() as tf.Variable],
    );
    const gradient = data(Object.values(grads)[0]!);
    const loss = (edges: Edge[]): number => symbolic64(x64, batch, inFeatures, out, edges).reduce((sum, v, n) => sum + v * weights[n]!, 0);
    const h = 1e-6;
    for (const [e, edge] of EDGES.entries()) {
      for (let p = 0; p < 4; p++) {
        const shifted = (delta: number) => EDGES.map((other, f) => (f === e ? { ...other, affine: other.affine.map((v, q) => (q === p ? v + delta : v)) as Edge['affine'] } : other));
        const expected = (loss(shifted(h)) - loss(shifted(-h))) / (2 * h);
        expect(Math.abs(gradient[(edge.i * out + edge.o) * 4 + p]! - expected)).toBeLessThanOrEqual(1e-3 * (1 + Math.abs(expected)));
      }
    }
    // Edges without a symbolic function get no gradient.
    expect(gradient[(0 * out + 1) * 4 + 2]).toBe(0);
    tf.dispose([x, ...Object.values(grads)]);
  });

  it('keeps the tensor count flat over training steps with symbolic edges', () => {
    const model = kan({ layers: [inFeatures, 4, 1], seed: 7 });
    const [first] = kanLayers(model);
    first!.fixSymbolic(0, 1, 'sin', [1, 0, 1, 0]);
    first!.fixSymbolic(2, 3, '1/x', [1, 2, 0.5, 0]);
    const optimizer = tf.train.sgd(0.01);
    const x = tf.tensor2d(Float32Array.from(x64), [batch, inFeatures]);
    const target = tf.zeros([batch, 1]);
    const step = () => optimizer.minimize(() => tf.mean(tf.square(tf.sub(model.apply(x) as tf.Tensor, target))) as tf.Scalar, false,
      model.trainableWeights.map((w) => w.read() as tf.Variable));
    step();
    const count = tf.memory().numTensors;
    for (let n = 0; n < 3; n++) step();
    expect(tf.memory().numTensors).toBe(count);
    tf.dispose([x, target]);
    optimizer.dispose();
  });

  it('a saved and loaded model keeps its masks, symbolic edges and outputs', async () => {
    const model = kan({ layers: [inFeatures, 3, out], seed: 8 });
    const [first, second] = kanLayers(model);
    first!.fixSymbolic(1, 2, 'tanh', [1.5, -0.2, 0.8, 0.1]);
    second!.setEdgeMask(0, 1, 0);
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (saved) => {
      artifacts = { ...saved, modelTopology: JSON.parse(JSON.stringify(saved.modelTopology)) as object };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts!));
    const [loadedFirst, loadedSecond] = kanLayers(loaded);
    expect(loadedFirst!.symbolicEdge(1, 2)).toEqual(first!.symbolicEdge(1, 2));
    expect(Array.from(loadedSecond!.edgeMask())).toEqual(Array.from(second!.edgeMask()));
    const x = tf.tensor2d(Float32Array.from(x64), [batch, inFeatures]);
    expect(Array.from(data(loaded.predict(x) as tf.Tensor))).toEqual(Array.from(data(model.predict(x) as tf.Tensor)));
    x.dispose();
  });

  it('refuses bad edges and masks with one clear error each', () => {
    const layer = built(new KANLinear({ units: out, seed: 1 }), inFeatures);
    expect(() => layer.fixSymbolic(3, 0, 'sin', [1, 0, 1, 0])).toThrow(/expected an edge \(i, o\) with 0 ≤ i < 3 and 0 ≤ o < 2, got \(3, 0\)/);
    expect(() => layer.fixSymbolic(0, 0, 'sine', [1, 0, 1, 0])).toThrow(/unknown function "sine"/);
    expect(() => layer.setEdgeMasks(new Float32Array(5))).toThrow(/expected an edge mask of 6 values \(\[3, 2\]\), got 5/);
    expect(() => new KANLinear({ units: 2, edges: true, symbolic: [['sin']] }).build([null, 3])).toThrow(/table of 3 × 2 function names/);
    expect(() => new KANLinear({ units: 2 }).enableEdges()).toThrow(/not built yet/);
  });
});

describe('KANNodes', () => {
  it('applies subnode affine, mult products and node affine, and kanNodes finds it after its KAN layer', async () => {
    const batch = 4;
    const model = tfl.sequential();
    model.add(new KANLinear({ units: 7, seed: 1, inputShape: [2] }));
    model.add(new KANNodes({ nSum: 2, nMult: 2, multArity: [2, 3] }));
    model.add(new KANLinear({ units: 1, seed: 2 }));
    const nodes = kanNodes(model);
    expect(nodes.map((n) => n?.getClassName() ?? null)).toEqual(['KANNodes', null]);
    const layer = nodes[0]!;
    const random = rng(11);
    const values = { subnode_scale: uniform(random, 7), subnode_bias: uniform(random, 7), node_scale: uniform(random, 4), node_bias: uniform(random, 4) };
    layer.setWeights(layer.weights.map((w) => tf.tensor(Float32Array.from(values[w.originalName.split('/').pop() as keyof typeof values]))));
    const input = uniform(random, batch * 7);
    const y = data(layer.apply(tf.tensor2d(Float32Array.from(input), [batch, 7])) as tf.Tensor);
    const expected: number[] = [];
    for (let b = 0; b < batch; b++) {
      const s = Array.from({ length: 7 }, (_, n) => values.subnode_scale[n]! * input[b * 7 + n]! + values.subnode_bias[n]!);
      const n = [s[0]!, s[1]!, s[2]! * s[3]!, s[4]! * s[5]! * s[6]!];
      expected.push(...n.map((v, j) => values.node_scale[j]! * v + values.node_bias[j]!));
    }
    expectClose(y, expected, 1e-5);
    expect(() => new KANNodes({ nSum: 1, nMult: 2, multArity: [2] })).toThrow(/multArity lists 1 arities, expected one per mult node \(2\)/);
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts!));
    const x = tf.tensor2d([0.1, -0.2, 0.5, 0.3], [2, 2]);
    expect(Array.from(data(loaded.predict(x) as tf.Tensor))).toEqual(Array.from(data(model.predict(x) as tf.Tensor)));
  });
});
