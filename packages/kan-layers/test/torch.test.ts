// PyTorch interop: saveTorchKAN / loadTorchKAN against the state-dict names and shapes of DESIGN.md, files built
// here by hand checked against the float64 references (PyTorch layout, written index by index), and one clear
// error for each kind of bad file.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FastKANLayer,
  KANLinear,
  SafetensorsError,
  TorchKANError,
  kan,
  kanLayers,
  loadTorchKAN,
  readSafetensors,
  saveTorchKAN,
  updateGrid,
  writeSafetensors,
  type KANModelOptions,
} from '@kanjs/kan-layers';
import { fastKanForward, kanLinearForward, relativeError, rng, uniform, type FastKan64, type KanLinear64 } from '@kanjs/testing';
import { randomModel, useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

interface Entry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

function predict(model: tfl.LayersModel, x: ArrayLike<number>, batch: number): Float32Array {
  const width = (model.inputs[0]!.shape[1] as number);
  return tf.tidy(() => (model.predict(tf.tensor2d(Float32Array.from(x), [batch, width])) as tf.Tensor).dataSync() as Float32Array);
}

/** The tensors of a safetensors file, in header order. */
function entriesOf(bytes: Uint8Array): Entry[] {
  return [...readSafetensors(bytes).tensors].map(([name, t]) => ({ name, shape: [...t.shape], data: t.data }));
}

function shapesOf(bytes: Uint8Array): Record<string, readonly number[]> {
  return Object.fromEntries([...readSafetensors(bytes).tensors].map(([name, t]) => [name, [...t.shape]]));
}

/** Distinct float32 values. */
function values(random: () => number, count: number, low = -1, high = 1): Float32Array {
  return Float32Array.from(uniform(random, count, low, high));
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

/** Asserts one error of `type` whose message (one line) matches. */
function expectError(fn: () => unknown, type: typeof TorchKANError | typeof SafetensorsError, message: RegExp): void {
  expect(fn).toThrow(type);
  const error = thrown(fn);
  expect(error).toBeInstanceOf(type);
  expect(error.message).toMatch(message);
  expect(error.message).not.toContain('\n');
}

// ---- hand-built files ---------------------------------------------------------------------------------------

type Dtype = 'F32' | 'F64' | 'F16' | 'BF16' | 'I64';

/** A safetensors file built byte by byte (independently of writeSafetensors), any dtype. */
function buildFile(tensors: readonly { name: string; dtype: Dtype; shape: readonly number[]; bytes: Uint8Array }[], metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata === undefined ? {} : { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.length] };
    offset += t.bytes.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors) {
    out.set(t.bytes, at);
    at += t.bytes.length;
  }
  return out;
}

/** Little-endian bytes of values in a dtype; F16 and BF16 only for values they hold exactly. */
function encode(dtype: Exclude<Dtype, 'I64'>, data: ArrayLike<number>): Uint8Array {
  const size = { F32: 4, F64: 8, F16: 2, BF16: 2 }[dtype];
  const out = new Uint8Array(data.length * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (dtype === 'F32') view.setFloat32(4 * i, v, true);
    else if (dtype === 'F64') view.setFloat64(8 * i, v, true);
    else if (dtype === 'BF16') {
      const f = new Float32Array([v]);
      const bits = new Uint32Array(f.buffer)[0]!;
      if ((bits & 0xffff) !== 0) throw new Error(`${v} is not exact in BF16`);
      view.setUint16(2 * i, bits >>> 16, true);
    } else view.setUint16(2 * i, halfBits(v), true);
  }
  return out;
}

/** IEEE binary16 bits of a normal (or zero) value it holds exactly. */
function halfBits(v: number): number {
  if (v === 0) return Object.is(v, -0) ? 0x8000 : 0;
  const sign = v < 0 ? 0x8000 : 0;
  const a = Math.abs(v);
  const exponent = Math.floor(Math.log2(a));
  const mantissa = (a / 2 ** exponent - 1) * 1024;
  if (exponent < -14 || exponent > 15 || !Number.isInteger(mantissa)) throw new Error(`${v} is not a normal F16 value`);
  return sign | ((exponent + 15) << 10) | mantissa;
}

/** efficient-kan's uniform knots of one input, as PyTorch computes them: (arange(-k, G+k+1)·h + a). */
function uniformKnots(gridSize: number, order: number, [a, b]: readonly [number, number]): number[] {
  const h = (b - a) / gridSize;
  return Array.from({ length: gridSize + 2 * order + 1 }, (_, j) => Math.fround((j - order) * h + a));
}

interface EfficientLayerSpec {
  readonly inFeatures: number;
  readonly out: number;
  readonly gridSize: number;
  readonly order: number;
  /** knots per input, or uniform on [-1, 1] */
  readonly grid?: readonly (readonly number[])[];
  readonly scaler?: boolean;
}

/** Random efficient-kan layers in PyTorch layout: the file's tensors and the float64 references. */
function efficientKan(specs: readonly EfficientLayerSpec[], seed: number): { tensors: Entry[]; reference: KanLinear64[] } {
  const random = rng(seed);
  const tensors: Entry[] = [];
  const reference: KanLinear64[] = [];
  specs.forEach((s, l) => {
    const size = s.gridSize + s.order;
    const knots = s.gridSize + 2 * s.order + 1;
    const rows = s.grid ?? Array.from({ length: s.inFeatures }, () => uniformKnots(s.gridSize, s.order, [-1, 1]));
    const grid = Float32Array.from(rows.flat());
    expect(grid.length).toBe(s.inFeatures * knots);
    const base = values(random, s.out * s.inFeatures);
    const spline = values(random, s.out * s.inFeatures * size);
    const scaler = s.scaler === false ? null : values(random, s.out * s.inFeatures, 0.5, 1.5);
    const p = `layers.${l}.`;
    tensors.push({ name: `${p}grid`, shape: [s.inFeatures, knots], data: grid });
    tensors.push({ name: `${p}base_weight`, shape: [s.out, s.inFeatures], data: base });
    tensors.push({ name: `${p}spline_weight`, shape: [s.out, s.inFeatures, size], data: spline });
    if (scaler !== null) tensors.push({ name: `${p}spline_scaler`, shape: [s.out, s.inFeatures], data: scaler });
    reference.push({
      inFeatures: s.inFeatures,
      outFeatures: s.out,
      splineOrder: s.order,
      grid: Float64Array.from(grid),
      baseWeight: Float64Array.from(base),
      splineWeight: Float64Array.from(spline),
      splineScaler: scaler === null ? null : Float64Array.from(scaler),
    });
  });
  return { tensors, reference };
}

interface FastLayerSpec {
  readonly inFeatures: number;
  readonly out: number;
  readonly centres: readonly number[];
  readonly layerNorm?: boolean;
  readonly base?: boolean;
}

/** Random fast-kan layers in PyTorch layout; the references get `denominator`, or the centre spacing. */
function fastKan(specs: readonly FastLayerSpec[], seed: number, denominator?: number): { tensors: Entry[]; reference: FastKan64[] } {
  const random = rng(seed);
  const tensors: Entry[] = [];
  const reference: FastKan64[] = [];
  specs.forEach((s, l) => {
    const size = s.centres.length;
    const centres = Float32Array.from(s.centres);
    const p = `layers.${l}.`;
    let layerNorm: FastKan64['layerNorm'] = null;
    if (s.layerNorm !== false) {
      const weight = values(random, s.inFeatures, 0.5, 1.5);
      const bias = values(random, s.inFeatures, -0.5, 0.5);
      tensors.push({ name: `${p}layernorm.weight`, shape: [s.inFeatures], data: weight });
      tensors.push({ name: `${p}layernorm.bias`, shape: [s.inFeatures], data: bias });
      layerNorm = { weight: Float64Array.from(weight), bias: Float64Array.from(bias), eps: 1e-5 };
    }
    const spline = values(random, s.out * s.inFeatures * size);
    tensors.push({ name: `${p}rbf.grid`, shape: [size], data: centres });
    tensors.push({ name: `${p}spline_linear.weight`, shape: [s.out, s.inFeatures * size], data: spline });
    let base: FastKan64['base'] = null;
    if (s.base !== false) {
      const weight = values(random, s.out * s.inFeatures);
      const bias = values(random, s.out);
      tensors.push({ name: `${p}base_linear.weight`, shape: [s.out, s.inFeatures], data: weight });
      tensors.push({ name: `${p}base_linear.bias`, shape: [s.out], data: bias });
      base = { weight: Float64Array.from(weight), bias: Float64Array.from(bias) };
    }
    reference.push({
      inFeatures: s.inFeatures,
      outFeatures: s.out,
      layerNorm,
      centres: Float64Array.from(centres),
      denominator: denominator ?? (centres[size - 1]! - centres[0]!) / (size - 1),
      splineWeight: Float64Array.from(spline),
      base,
    });
  });
  return { tensors, reference };
}

/** The float64 forward of a stack of layers. */
function forward<T>(layers: readonly T[], step: (layer: T, x: ArrayLike<number>, batch: number) => Float64Array, x: ArrayLike<number>, batch: number): Float64Array {
  let h: ArrayLike<number> = x;
  for (const layer of layers) h = step(layer, h, batch);
  return Float64Array.from(h);
}

const BATCH = 16;

// ---- round trips -------------------------------------------------------------------------------------------

const ROUND_TRIPS: readonly { readonly title: string; readonly options: KANModelOptions; readonly format: string; readonly load?: { denominator: number } }[] = [
  { title: 'kan-linear, defaults', options: { layers: [5, 4, 3], layer: 'kan-linear', seed: 1 }, format: 'efficient-kan' },
  { title: 'fastkan, defaults', options: { layers: [5, 4, 3], layer: 'fastkan', seed: 1 }, format: 'fast-kan' },
  {
    title: 'kan-linear, G=7 k=2 on [-2, 3], no spline_scaler',
    options: { layers: [5, 4, 3], layer: 'kan-linear', basis: { name: 'bspline', gridSize: 7, splineOrder: 2, gridRange: [-2, 3] }, standaloneScaleSpline: false, seed: 2 },
    format: 'efficient-kan',
  },
  {
    title: 'fastkan, K=5 on [-1, 3] with denominator 0.7 (given back to loadTorchKAN)',
    options: { layers: [5, 4, 3], layer: 'fastkan', basis: { name: 'gaussian', numCenters: 5, gridMin: -1, gridMax: 3, denominator: 0.7 }, seed: 3 },
    format: 'fast-kan',
    load: { denominator: 0.7 },
  },
  { title: 'fastkan without LayerNorm', options: { layers: [5, 4, 3], layer: 'fastkan', useLayerNorm: false, seed: 4 }, format: 'fast-kan' },
  { title: 'fastkan without base_linear', options: { layers: [5, 4, 3], layer: 'fastkan', useBaseUpdate: false, seed: 5 }, format: 'fast-kan' },
];

describe('saveTorchKAN → loadTorchKAN', () => {
  for (const [n, { title, options, format, load }] of ROUND_TRIPS.entries()) {
    it(`round-trips ${title}: same predictions bit for bit, same bytes when saved again`, async () => {
      const model = randomModel(options, 10 + n);
      const bytes = await saveTorchKAN(model);
      expect(readSafetensors(bytes).metadata).toEqual({ format });
      const loaded = loadTorchKAN(bytes, load);
      const x = uniform(rng(20 + n), BATCH * 5, -2.5, 2.5);
      expect(predict(loaded, x, BATCH)).toEqual(predict(model, x, BATCH));
      const again = await saveTorchKAN(loaded);
      expect(again).toEqual(bytes);
      // The loaded model is made of the right layers with the original's basis.
      kanLayers(loaded).forEach((layer, l) => {
        const original = kanLayers(model)[l]!;
        expect(layer).toBeInstanceOf(format === 'fast-kan' ? FastKANLayer : KANLinear);
        expect(layer.basis.config).toEqual(original.basis.config);
        expect(weightsOf(layer)).toEqual(weightsOf(original));
      });
      model.dispose();
      loaded.dispose();
    });
  }

  it('keeps the non-uniform knots of a grid update', async () => {
    const model = randomModel({ layers: [5, 4, 3], layer: 'kan-linear', seed: 1 }, 30);
    const random = rng(31);
    const data = tf.tensor2d(Float32Array.from({ length: 64 * 5 }, () => Math.fround((random() * 2 - 1) ** 3)), [64, 5]);
    updateGrid(model, data);
    const grid = weightsOf(kanLayers(model)[0]!)['grid']!;
    const first = [...grid.subarray(0, 12)];
    const steps = first.slice(1).map((t, j) => t - first[j]!);
    expect(Math.max(...steps) - Math.min(...steps)).toBeGreaterThan(0.05);

    const bytes = await saveTorchKAN(model);
    expect(readSafetensors(bytes).tensors.get('layers.0.grid')!.data).toEqual(grid);
    const loaded = loadTorchKAN(bytes);
    const x = uniform(rng(32), BATCH * 5, -1.2, 1.2);
    expect(predict(loaded, x, BATCH)).toEqual(predict(model, x, BATCH));
    expect(await saveTorchKAN(loaded)).toEqual(bytes);
    tf.dispose(data);
    model.dispose();
    loaded.dispose();
  });

  it('needs the denominator option for a fast-kan model saved with a non-default denominator', async () => {
    const model = randomModel({ layers: [4, 2], layer: 'fastkan', basis: { name: 'gaussian', denominator: 1.3 }, seed: 6 }, 33);
    const bytes = await saveTorchKAN(model);
    const x = uniform(rng(34), BATCH * 4, -2, 2);
    const withoutOption = loadTorchKAN(bytes);
    expect(kanLayers(withoutOption)[0]!.basis.config['denominator']).toBeCloseTo(4 / 7, 6);
    expect(relativeError(predict(withoutOption, x, BATCH), predict(model, x, BATCH))).toBeGreaterThan(1e-2);
    const withOption = loadTorchKAN(bytes, { denominator: 1.3 });
    expect(predict(withOption, x, BATCH)).toEqual(predict(model, x, BATCH));
    for (const m of [model, withoutOption, withOption]) m.dispose();
  });

  it('passes baseActivation and layerNormEpsilon through', async () => {
    const model = randomModel({ layers: [4, 3], layer: 'fastkan', baseActivation: 'tanh', layerNormEpsilon: 1e-2, seed: 7 }, 35);
    const bytes = await saveTorchKAN(model);
    const loaded = loadTorchKAN(bytes, { baseActivation: 'tanh', layerNormEpsilon: 1e-2 });
    const layer = kanLayers(loaded)[0] as FastKANLayer;
    expect(layer.baseActivationName).toBe('tanh');
    expect(layer.layerNormEpsilon).toBe(1e-2);
    const x = uniform(rng(36), BATCH * 4, -2, 2);
    expect(predict(loaded, x, BATCH)).toEqual(predict(model, x, BATCH));
    model.dispose();
    loaded.dispose();
  });
});

describe('saveTorchKAN writes the PyTorch names and shapes', () => {
  it('efficient-kan: kan([5, 4, 3]) with G=5, k=3', async () => {
    const model = randomModel({ layers: [5, 4, 3], layer: 'kan-linear', seed: 1 }, 40);
    const bytes = await saveTorchKAN(model);
    const file = readSafetensors(bytes);
    expect(file.metadata).toEqual({ format: 'efficient-kan' });
    expect(shapesOf(bytes)).toEqual({
      'layers.0.grid': [5, 12],
      'layers.0.base_weight': [4, 5],
      'layers.0.spline_weight': [4, 5, 8],
      'layers.0.spline_scaler': [4, 5],
      'layers.1.grid': [4, 12],
      'layers.1.base_weight': [3, 4],
      'layers.1.spline_weight': [3, 4, 8],
      'layers.1.spline_scaler': [3, 4],
    });
    expect([...file.tensors.values()].every((t) => t.dtype === 'F32')).toBe(true);
    // Values in PyTorch layout, index by index: ours are [in, out] and [in, K, out].
    kanLayers(model).forEach((layer, l) => {
      const w = weightsOf(layer);
      const t = (name: string) => file.tensors.get(`layers.${l}.${name}`)!.data;
      const { inFeatures: n, units: m } = layer;
      for (let o = 0; o < m; o++) for (let i = 0; i < n; i++) {
        expect(t('base_weight')[o * n + i]).toBe(w['base_weight']![i * m + o]);
        expect(t('spline_scaler')[o * n + i]).toBe(w['spline_scaler']![i * m + o]);
        for (let k = 0; k < 8; k++) expect(t('spline_weight')[(o * n + i) * 8 + k]).toBe(w['spline_weight']![(i * 8 + k) * m + o]);
      }
      expect(t('grid')).toEqual(w['grid']);
    });
    // The default knots are efficient-kan's: arange(-k, G+k+1)·h + a on [-1, 1].
    expect([...file.tensors.get('layers.0.grid')!.data.subarray(0, 12)]).toEqual(uniformKnots(5, 3, [-1, 1]).map((v) => expect.closeTo(v, 6) as unknown as number));
    model.dispose();
  });

  it('efficient-kan without the standalone scaler has no spline_scaler', async () => {
    const model = randomModel({ layers: [3, 2], layer: 'kan-linear', standaloneScaleSpline: false, basis: { name: 'bspline', gridSize: 4, splineOrder: 1 }, seed: 1 }, 41);
    expect(shapesOf(await saveTorchKAN(model))).toEqual({ 'layers.0.grid': [3, 7], 'layers.0.base_weight': [2, 3], 'layers.0.spline_weight': [2, 3, 5] });
    model.dispose();
  });

  it('fast-kan: kan([5, 4, 3]) with K=8', async () => {
    const model = randomModel({ layers: [5, 4, 3], layer: 'fastkan', seed: 1 }, 42);
    const bytes = await saveTorchKAN(model);
    const file = readSafetensors(bytes);
    expect(file.metadata).toEqual({ format: 'fast-kan' });
    expect(shapesOf(bytes)).toEqual({
      'layers.0.layernorm.weight': [5],
      'layers.0.layernorm.bias': [5],
      'layers.0.rbf.grid': [8],
      'layers.0.spline_linear.weight': [4, 40],
      'layers.0.base_linear.weight': [4, 5],
      'layers.0.base_linear.bias': [4],
      'layers.1.layernorm.weight': [4],
      'layers.1.layernorm.bias': [4],
      'layers.1.rbf.grid': [8],
      'layers.1.spline_linear.weight': [3, 32],
      'layers.1.base_linear.weight': [3, 4],
      'layers.1.base_linear.bias': [3],
    });
    kanLayers(model).forEach((layer, l) => {
      const w = weightsOf(layer);
      const t = (name: string) => file.tensors.get(`layers.${l}.${name}`)!.data;
      const { inFeatures: n, units: m } = layer;
      for (let o = 0; o < m; o++) {
        for (let r = 0; r < n * 8; r++) expect(t('spline_linear.weight')[o * n * 8 + r]).toBe(w['spline_weight']![r * m + o]);
        for (let i = 0; i < n; i++) expect(t('base_linear.weight')[o * n + i]).toBe(w['base_kernel']![i * m + o]);
      }
      expect(t('base_linear.bias')).toEqual(w['base_bias']);
      expect(t('layernorm.weight')).toEqual(w['layernorm_gamma']);
      expect(t('layernorm.bias')).toEqual(w['layernorm_beta']);
    });
    // torch.linspace(-2, 2, 8)
    expect([...file.tensors.get('layers.0.rbf.grid')!.data]).toEqual([-2, -2 + 4 / 7, -2 + 8 / 7, -2 + 12 / 7, 2 - 12 / 7, 2 - 8 / 7, 2 - 4 / 7, 2].map((v) => expect.closeTo(v, 6) as unknown as number));
    model.dispose();
  });

  it('fast-kan without LayerNorm and base branch writes only rbf.grid and spline_linear.weight', async () => {
    const model = randomModel({ layers: [3, 2], layer: 'fastkan', useLayerNorm: false, useBaseUpdate: false, basis: { name: 'gaussian', numCenters: 4 }, seed: 1 }, 43);
    expect(shapesOf(await saveTorchKAN(model))).toEqual({ 'layers.0.rbf.grid': [4], 'layers.0.spline_linear.weight': [2, 12] });
    model.dispose();
  });

  it('refuses a model of mixed or foreign layers', async () => {
    const mixed = kan({ layers: [3, 2], layer: 'kan-linear', basis: 'gaussian', seed: 1 });
    await expect(saveTorchKAN(mixed)).rejects.toThrow(/efficient-kan needs KANLinear layers with the bspline basis; .* gaussian basis/);
    mixed.dispose();
  });
});

// ---- hand-built files against the float64 references ------------------------------------------------------------

describe('loadTorchKAN on hand-built efficient-kan files', () => {
  const X = uniform(rng(50), BATCH * 2, -1.3, 1.3); // inside the grid and a little outside

  function check(tensors: Entry[], reference: KanLinear64[], metadata: Record<string, string> | undefined, x: ArrayLike<number>): tfl.Sequential {
    const model = loadTorchKAN(writeSafetensors(tensors, metadata));
    const expected = forward(reference, kanLinearForward, x, BATCH);
    const actual = predict(model, x, BATCH);
    expect(actual).toHaveLength(expected.length);
    expect(relativeError(actual, expected)).toBeLessThanOrEqual(1e-5);
    return model;
  }

  it('in=2, out=3, G=3, k=1 (grid [2, 6]) with a non-uniform grid for one input', async () => {
    const { tensors, reference } = efficientKan(
      [{ inFeatures: 2, out: 3, gridSize: 3, order: 1, grid: [uniformKnots(3, 1, [-1, 1]), [-1.6, -0.9, -0.2, 0.1, 0.8, 1.5]] }],
      1,
    );
    expect(tensors.map((t) => [t.name, t.shape])).toEqual([
      ['layers.0.grid', [2, 6]],
      ['layers.0.base_weight', [3, 2]],
      ['layers.0.spline_weight', [3, 2, 4]],
      ['layers.0.spline_scaler', [3, 2]],
    ]);
    const model = check(tensors, reference, { format: 'efficient-kan' }, X);
    const layer = kanLayers(model)[0] as KANLinear;
    expect(layer).toBeInstanceOf(KANLinear);
    expect(layer.basis.config).toMatchObject({ name: 'bspline', gridSize: 3, splineOrder: 1, gridRange: [-1, 1] });
    expect(layer.standaloneScaleSpline).toBe(true);
    expect(weightsOf(layer)['grid']).toEqual(tensors[0]!.data);
    // The reference notices a swapped layout: transposing spline_weight's (in, K) axes changes the output.
    const swapped = tensors.map((t) => (t.name.endsWith('spline_weight') ? { ...t, data: t.data.slice().reverse() } : t));
    const other = loadTorchKAN(writeSafetensors(swapped));
    expect(relativeError(predict(other, X, BATCH), forward(reference, kanLinearForward, X, BATCH))).toBeGreaterThan(1e-2);
    model.dispose();
    other.dispose();
  });

  it('two layers with non-uniform knots everywhere, k=2, G=4', async () => {
    const random = rng(2);
    const knots = (n: number) => Array.from({ length: n }, () => {
      const steps = [...uniform(random, 4 + 2 * 2, 0.2, 0.6)];
      const row = [-1.5];
      for (const s of steps) row.push(row[row.length - 1]! + s);
      return row.map(Math.fround);
    });
    const { tensors, reference } = efficientKan(
      [
        { inFeatures: 2, out: 3, gridSize: 4, order: 2, grid: knots(2) },
        { inFeatures: 3, out: 2, gridSize: 4, order: 2, grid: knots(3) },
      ],
      3,
    );
    const model = check(tensors, reference, undefined, X);
    expect(kanLayers(model).map((l) => [l.inFeatures, l.units])).toEqual([[2, 3], [3, 2]]);
    model.dispose();
  });

  it('detects the format from the names when __metadata__ is absent', async () => {
    const { tensors, reference } = efficientKan([{ inFeatures: 2, out: 3, gridSize: 3, order: 1 }], 4);
    const bytes = writeSafetensors(tensors);
    expect(readSafetensors(bytes).metadata).toEqual({});
    const model = check(tensors, reference, undefined, X);
    expect(kanLayers(model)[0]).toBeInstanceOf(KANLinear);
    model.dispose();
  });

  it('loads a file without spline_scaler (standalone_scale_spline=False)', async () => {
    const { tensors, reference } = efficientKan(
      [
        { inFeatures: 2, out: 3, gridSize: 3, order: 1, scaler: false },
        { inFeatures: 3, out: 1, gridSize: 3, order: 1, scaler: false },
      ],
      5,
    );
    expect(tensors.some((t) => t.name.includes('spline_scaler'))).toBe(false);
    const model = check(tensors, reference, { format: 'efficient-kan' }, X);
    expect(kanLayers(model).map((l) => (l as KANLinear).standaloneScaleSpline)).toEqual([false, false]);
    model.dispose();
  });

  it('loads tensors in any order in the file', async () => {
    const { tensors, reference } = efficientKan([{ inFeatures: 2, out: 3, gridSize: 3, order: 1 }, { inFeatures: 3, out: 2, gridSize: 3, order: 1 }], 6);
    const model = check([...tensors].reverse(), reference, undefined, X);
    model.dispose();
  });
});

describe('loadTorchKAN on hand-built fast-kan files', () => {
  const X = uniform(rng(60), BATCH * 3, -2, 2);
  const CENTRES = [-2, -2 / 3, 2 / 3, 2].map(Math.fround);

  function check(tensors: Entry[], reference: FastKan64[], metadata: Record<string, string> | undefined, options = {}): tfl.Sequential {
    const model = loadTorchKAN(writeSafetensors(tensors, metadata), options);
    const expected = forward(reference, fastKanForward, X, BATCH);
    expect(relativeError(predict(model, X, BATCH), expected)).toBeLessThanOrEqual(1e-5);
    return model;
  }

  it('in=3, out=2, K=4: spline_linear.weight column i·K + k, LayerNorm ε 1e-5, h = centre spacing', async () => {
    const { tensors, reference } = fastKan([{ inFeatures: 3, out: 2, centres: CENTRES }], 1);
    expect(tensors.map((t) => [t.name, t.shape])).toEqual([
      ['layers.0.layernorm.weight', [3]],
      ['layers.0.layernorm.bias', [3]],
      ['layers.0.rbf.grid', [4]],
      ['layers.0.spline_linear.weight', [2, 12]],
      ['layers.0.base_linear.weight', [2, 3]],
      ['layers.0.base_linear.bias', [2]],
    ]);
    const model = check(tensors, reference, { format: 'fast-kan' });
    const layer = kanLayers(model)[0] as FastKANLayer;
    expect(layer).toBeInstanceOf(FastKANLayer);
    expect(layer.basis.config).toMatchObject({ name: 'gaussian', numCenters: 4, gridMin: -2, gridMax: 2 });
    expect(layer.basis.config['denominator']).toBeCloseTo(4 / 3, 6);
    expect(layer.layerNormEpsilon).toBe(1e-5);
    // Column order matters: reading spline_linear.weight as [out, K, in] instead gives another function.
    const permuted = tensors.map((t) => {
      if (!t.name.endsWith('spline_linear.weight')) return t;
      const data = new Float32Array(t.data.length);
      for (let o = 0; o < 2; o++) for (let i = 0; i < 3; i++) for (let k = 0; k < 4; k++) data[o * 12 + k * 3 + i] = t.data[o * 12 + i * 4 + k]!;
      return { ...t, data };
    });
    const other = loadTorchKAN(writeSafetensors(permuted));
    expect(relativeError(predict(other, X, BATCH), forward(reference, fastKanForward, X, BATCH))).toBeGreaterThan(1e-2);
    model.dispose();
    other.dispose();
  });

  it('two layers, K=5 on [-1, 1.5], with a custom denominator', async () => {
    const centres = [-1, -0.375, 0.25, 0.875, 1.5];
    const { tensors, reference } = fastKan([{ inFeatures: 3, out: 4, centres }, { inFeatures: 4, out: 2, centres }], 2, 0.9);
    const model = check(tensors, reference, { format: 'fast-kan' }, { denominator: 0.9 });
    expect(kanLayers(model).map((l) => l.basis.config['denominator'])).toEqual([0.9, 0.9]);
    // Without the option the spacing (0.625) is used, which is another function.
    const spacing = loadTorchKAN(writeSafetensors(tensors));
    expect(kanLayers(spacing)[0]!.basis.config['denominator']).toBe(0.625);
    expect(relativeError(predict(spacing, X, BATCH), forward(reference, fastKanForward, X, BATCH))).toBeGreaterThan(1e-3);
    model.dispose();
    spacing.dispose();
  });

  it('detects the format from the names when __metadata__ is absent', async () => {
    const { tensors, reference } = fastKan([{ inFeatures: 3, out: 2, centres: CENTRES }], 3);
    const model = check(tensors, reference, undefined);
    expect(kanLayers(model)[0]).toBeInstanceOf(FastKANLayer);
    model.dispose();
  });

  for (const [title, layerNorm, base] of [
    ['without layernorm', false, true],
    ['without base_linear', true, false],
    ['without layernorm and base_linear', false, false],
  ] as const) {
    it(`loads a file ${title}`, async () => {
      const { tensors, reference } = fastKan([{ inFeatures: 3, out: 3, centres: CENTRES, layerNorm, base }, { inFeatures: 3, out: 2, centres: CENTRES, layerNorm, base }], 4);
      expect(tensors.some((t) => t.name.includes('layernorm'))).toBe(layerNorm);
      expect(tensors.some((t) => t.name.includes('base_linear'))).toBe(base);
      const model = check(tensors, reference, undefined);
      for (const layer of kanLayers(model) as FastKANLayer[]) {
        expect(layer.useLayerNorm).toBe(layerNorm);
        expect(layer.useBaseUpdate).toBe(base);
      }
      model.dispose();
    });
  }
});

describe('loadTorchKAN reads F64, F16 and BF16 files', () => {
  /** A file of the given tensors with every tensor in `dtype`. */
  function asDtype(tensors: readonly Entry[], dtype: 'F64' | 'F16' | 'BF16', metadata?: Record<string, string>): Uint8Array {
    return buildFile(tensors.map((t) => ({ name: t.name, dtype, shape: t.shape, bytes: encode(dtype, t.data) })), metadata);
  }

  /** Values on a 1/64 grid in [-2, 2]: exact in F16 and BF16. */
  function coarse(tensors: readonly Entry[]): Entry[] {
    return tensors.map((t) => ({ ...t, data: t.name.endsWith('grid') ? t.data : t.data.map((v) => Math.round(v * 64) / 64) }));
  }

  it('F64 efficient-kan gives the same model as F32', async () => {
    const { tensors } = efficientKan([{ inFeatures: 2, out: 3, gridSize: 3, order: 1 }, { inFeatures: 3, out: 2, gridSize: 3, order: 1 }], 70);
    const x = uniform(rng(71), BATCH * 2, -1.2, 1.2);
    const f32 = loadTorchKAN(writeSafetensors(tensors));
    const f64 = loadTorchKAN(asDtype(tensors, 'F64', { format: 'efficient-kan' }));
    expect(readSafetensors(asDtype(tensors, 'F64')).tensors.get('layers.0.grid')!.dtype).toBe('F64');
    expect(predict(f64, x, BATCH)).toEqual(predict(f32, x, BATCH));
    expect(await saveTorchKAN(f64)).toEqual(await saveTorchKAN(f32));
    f32.dispose();
    f64.dispose();
  });

  it('F64 values are rounded to float32', async () => {
    const { tensors } = fastKan([{ inFeatures: 3, out: 2, centres: [-2, -2 / 3, 2 / 3, 2] }], 72);
    // rbf.grid written with float64 values that float32 cannot hold exactly.
    const exact = [-2, -2 / 3, 2 / 3, 2];
    const file = buildFile(tensors.map((t) => ({ name: t.name, dtype: 'F64' as const, shape: t.shape, bytes: encode('F64', t.name.endsWith('rbf.grid') ? exact : t.data) })));
    expect(readSafetensors(file).tensors.get('layers.0.rbf.grid')!.data).toEqual(Float32Array.from(exact));
    const model = loadTorchKAN(file);
    expect([...weightsOf(kanLayers(model)[0]!)['grid']!]).toEqual(exact.map(Math.fround));
    expect(Math.fround(-2 / 3)).not.toBe(-2 / 3);
    model.dispose();
  });

  for (const dtype of ['F16', 'BF16'] as const) {
    it(`${dtype} fast-kan and efficient-kan give the same model as F32`, async () => {
      const fast = coarse(fastKan([{ inFeatures: 3, out: 2, centres: [-2, -1, 0, 1, 2] }], 73).tensors);
      const efficient = coarse(efficientKan([{ inFeatures: 2, out: 3, gridSize: 4, order: 1, grid: [uniformKnots(4, 1, [-1, 1]), uniformKnots(4, 1, [-1, 1])] }], 74).tensors);
      for (const [tensors, width] of [[fast, 3], [efficient, 2]] as const) {
        const x = uniform(rng(75), BATCH * width, -1.5, 1.5);
        const half = loadTorchKAN(asDtype(tensors, dtype));
        const f32 = loadTorchKAN(writeSafetensors(tensors));
        expect(predict(half, x, BATCH)).toEqual(predict(f32, x, BATCH));
        expect(await saveTorchKAN(half)).toEqual(await saveTorchKAN(f32));
        half.dispose();
        f32.dispose();
      }
    });
  }
});

// ---- errors ------------------------------------------------------------------------------------------------

describe('loadTorchKAN errors', () => {
  const efficient = () => efficientKan([{ inFeatures: 5, out: 4, gridSize: 5, order: 3 }, { inFeatures: 4, out: 3, gridSize: 5, order: 3 }], 80).tensors;
  const fast = () => fastKan([{ inFeatures: 5, out: 4, centres: [-2, -1, 0, 1, 2] }, { inFeatures: 4, out: 3, centres: [-2, -1, 0, 1, 2] }], 81).tensors;
  const without = (tensors: Entry[], name: string) => {
    expect(tensors.some((t) => t.name === name)).toBe(true);
    return tensors.filter((t) => t.name !== name);
  };
  const replace = (tensors: Entry[], name: string, shape: number[]) => {
    expect(tensors.some((t) => t.name === name)).toBe(true);
    return tensors.map((t) => (t.name === name ? { name, shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5) } : t));
  };
  const good = async () => saveTorchKAN(randomModel({ layers: [5, 4, 3], layer: 'kan-linear', seed: 1 }, 82));

  it('accepts the unmodified files (so each error below comes from its one change)', async () => {
    for (const model of [loadTorchKAN(writeSafetensors(efficient())), loadTorchKAN(writeSafetensors(fast())), loadTorchKAN(await good())]) {
      expect(model.outputs[0]!.shape).toEqual([null, 3]);
      model.dispose();
    }
  });

  it('truncated file', async () => {
    const bytes = await good();
    expectError(() => loadTorchKAN(bytes.subarray(0, bytes.length - 10)), SafetensorsError, /data_offsets \[\d+, \d+\] out of range for \d+ data bytes: the file is truncated/);
    expectError(() => loadTorchKAN(bytes.subarray(0, 100)), SafetensorsError, /header length \d+ bytes is larger than the file's remaining 92 bytes: the file is truncated/);
    expectError(() => loadTorchKAN(bytes.subarray(0, 5)), SafetensorsError, /must start with an 8-byte header length, but it has only 5 bytes/);
    expectError(() => loadTorchKAN(new Uint8Array(0)), SafetensorsError, /only 0 bytes/);
  });

  it('bad header length', async () => {
    const bytes = (await good()).slice();
    new DataView(bytes.buffer).setBigUint64(0, 1n << 40n, true);
    expectError(() => loadTorchKAN(bytes), SafetensorsError, /header length 1099511627776 bytes is over the 100000000-byte \(100 MB\) limit/);
    new DataView(bytes.buffer).setBigUint64(0, 0xffffffffffffffffn, true);
    expectError(() => loadTorchKAN(bytes), SafetensorsError, /over the .* limit: the file is corrupt or not safetensors/);
    // A header length that cuts the JSON short.
    new DataView(bytes.buffer).setBigUint64(0, 20n, true);
    expectError(() => loadTorchKAN(bytes), SafetensorsError, /header is not JSON/);
  });

  it('header not JSON', async () => {
    const text = new TextEncoder().encode('this is not json');
    const bytes = new Uint8Array(8 + text.length);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length), true);
    bytes.set(text, 8);
    expectError(() => loadTorchKAN(bytes), SafetensorsError, /^safetensors header is not JSON: /);
    // A PyTorch pickle (.pt, a zip file) is not safetensors either.
    const zip = new Uint8Array(64);
    zip.set([0x50, 0x4b, 0x03, 0x04]);
    expectError(() => loadTorchKAN(zip), SafetensorsError, /header length \d+ bytes is (over|larger)/);
  });

  it('unknown dtype (I64)', async () => {
    const tensors = efficient().map((t) => ({ name: t.name, dtype: 'F32' as Dtype, shape: t.shape, bytes: encode('F32', t.data) }));
    const grid = tensors.findIndex((t) => t.name === 'layers.1.grid');
    tensors[grid] = { ...tensors[grid]!, dtype: 'I64', bytes: new Uint8Array(tensors[grid]!.bytes.length * 2) };
    expectError(() => loadTorchKAN(buildFile(tensors)), SafetensorsError, /tensor "layers\.1\.grid" has dtype I64; supported: F32, F64, F16, BF16/);
  });

  it('missing tensor', async () => {
    expectError(() => loadTorchKAN(writeSafetensors(without(efficient(), 'layers.1.spline_weight'))), TorchKANError,
      /^loadTorchKAN: missing tensor "layers\.1\.spline_weight" for the efficient-kan format\.$/);
    expectError(() => loadTorchKAN(writeSafetensors(without(efficient(), 'layers.0.grid'))), TorchKANError, /missing tensor "layers\.0\.grid"/);
    expectError(() => loadTorchKAN(writeSafetensors(without(fast(), 'layers.1.rbf.grid'))), TorchKANError, /missing tensor "layers\.1\.rbf\.grid" for the fast-kan format/);
    expectError(() => loadTorchKAN(writeSafetensors(without(fast(), 'layers.0.base_linear.bias'))), TorchKANError, /missing tensor "layers\.0\.base_linear\.bias"/);
    expectError(() => loadTorchKAN(writeSafetensors(without(fast(), 'layers.0.layernorm.bias'))), TorchKANError, /missing tensor "layers\.0\.layernorm\.bias"/);
    // An optional tensor present in one layer and not in the other.
    expectError(() => loadTorchKAN(writeSafetensors(without(efficient(), 'layers.1.spline_scaler'))), TorchKANError, /"layers\.1\.spline_scaler" is missing, unlike in layers\.0/);
    expectError(() => loadTorchKAN(writeSafetensors(without(efficient(), 'layers.0.spline_scaler'))), TorchKANError, /"layers\.1\.spline_scaler" is present, unlike in layers\.0/);
    expectError(() => loadTorchKAN(writeSafetensors(without(without(fast(), 'layers.1.layernorm.weight'), 'layers.1.layernorm.bias'))), TorchKANError,
      /"layers\.1\.layernorm\.weight" is missing, unlike in layers\.0/);
  });

  it('mis-shaped tensor', async () => {
    expectError(() => loadTorchKAN(writeSafetensors(replace(efficient(), 'layers.0.spline_scaler', [4, 4]))), TorchKANError,
      /^loadTorchKAN: "layers\.0\.spline_scaler" should have shape \[4, 5\], got \[4, 4\]\.$/);
    expectError(() => loadTorchKAN(writeSafetensors(replace(efficient(), 'layers.0.spline_weight', [4, 4, 8]))), TorchKANError,
      /"layers\.0\.spline_weight" should have shape \[4, 5, 8\], got \[4, 4, 8\]/);
    expectError(() => loadTorchKAN(writeSafetensors(replace(efficient(), 'layers.1.grid', [3, 12]))), TorchKANError, /"layers\.1\.grid" should have shape \[4, 12\], got \[3, 12\]/);
    expectError(() => loadTorchKAN(writeSafetensors(replace(efficient(), 'layers.0.base_weight', [20]))), TorchKANError, /"layers\.0\.base_weight" should have rank 2, got shape \[20\]/);
    // Knots and coefficients that fit no G+2k+1 / G+k pair.
    expectError(() => loadTorchKAN(writeSafetensors(replace(efficient(), 'layers.0.grid', [5, 8]))), TorchKANError,
      /"layers\.0\.grid" has 8 knots per input and "layers\.0\.spline_weight" 8 coefficients; expected G\+2k\+1 knots and G\+k coefficients/);
    expectError(() => loadTorchKAN(writeSafetensors(replace(fast(), 'layers.0.layernorm.weight', [4]))), TorchKANError, /"layers\.0\.layernorm\.weight" should have shape \[5\], got \[4\]/);
    expectError(() => loadTorchKAN(writeSafetensors(replace(fast(), 'layers.1.base_linear.bias', [4]))), TorchKANError, /"layers\.1\.base_linear\.bias" should have shape \[3\], got \[4\]/);
    expectError(() => loadTorchKAN(writeSafetensors(replace(fast(), 'layers.0.spline_linear.weight', [4, 23]))), TorchKANError,
      /"layers\.0\.spline_linear\.weight" has 23 columns, not a multiple of the 5 centres in "layers\.0\.rbf\.grid"/);
  });

  it('inconsistent layer widths', async () => {
    // layers.0 maps 5 → 4; layers.1 takes 3.
    const { tensors } = efficientKan([{ inFeatures: 5, out: 4, gridSize: 5, order: 3 }, { inFeatures: 3, out: 2, gridSize: 5, order: 3 }], 83);
    expectError(() => loadTorchKAN(writeSafetensors(tensors)), TorchKANError,
      /^loadTorchKAN: inconsistent layer widths: layers\.0 outputs 4 features but layers\.1 takes 3\.$/);
    const { tensors: fastTensors } = fastKan([{ inFeatures: 5, out: 4, centres: [-1, 0, 1] }, { inFeatures: 3, out: 2, centres: [-1, 0, 1] }], 84);
    expectError(() => loadTorchKAN(writeSafetensors(fastTensors)), TorchKANError, /inconsistent layer widths: layers\.0 outputs 4 features but layers\.1 takes 3/);
  });

  it('layers of different grid sizes or centre counts, which kan() cannot build', async () => {
    const { tensors } = efficientKan([{ inFeatures: 2, out: 3, gridSize: 5, order: 3 }, { inFeatures: 3, out: 2, gridSize: 4, order: 3 }], 85);
    expectError(() => loadTorchKAN(writeSafetensors(tensors)), TorchKANError, /layers\.1 has grid size 4 and spline order 3; layers\.0 has 5 and 3/);
    const { tensors: fastTensors } = fastKan([{ inFeatures: 2, out: 3, centres: [-1, 0, 1] }, { inFeatures: 3, out: 2, centres: [-1, 0, 1, 2] }], 86);
    expectError(() => loadTorchKAN(writeSafetensors(fastTensors)), TorchKANError, /layers\.1 has 4 centres, layers\.0 has 3/);
  });

  it('unknown __metadata__.format', async () => {
    expectError(() => loadTorchKAN(writeSafetensors(efficient(), { format: 'pykan' })), TorchKANError,
      /^loadTorchKAN: __metadata__\.format is "pykan"; expected "efficient-kan" or "fast-kan"\.$/);
    // HuggingFace's usual { format: 'pt' } is not ours either.
    expectError(() => loadTorchKAN(writeSafetensors(efficient(), { format: 'pt' })), TorchKANError, /__metadata__\.format is "pt"/);
  });

  it('a declared format that the names do not follow', async () => {
    expectError(() => loadTorchKAN(writeSafetensors(efficient(), { format: 'fast-kan' })), TorchKANError, /missing tensor "layers\.0\.rbf\.grid" for the fast-kan format/);
  });

  it('names of neither format', async () => {
    const mlp = [
      { name: 'fc1.weight', shape: [4, 5], data: new Float32Array(20) },
      { name: 'fc1.bias', shape: [4], data: new Float32Array(4) },
    ];
    expectError(() => loadTorchKAN(writeSafetensors(mlp)), TorchKANError,
      /^loadTorchKAN: cannot tell the format; expected efficient-kan names \(layers\.0\.base_weight, …\) or fast-kan names \(layers\.0\.rbf\.grid, …\), found fc1\.weight, fc1\.bias\.$/);
    expectError(() => loadTorchKAN(writeSafetensors([])), TorchKANError, /cannot tell the format; .* found no tensors/);
    const many = Array.from({ length: 8 }, (_, i) => ({ name: `t${i}`, shape: [1], data: new Float32Array(1) }));
    expectError(() => loadTorchKAN(writeSafetensors(many)), TorchKANError, /found t0, t1, t2, t3, t4, t5, …\.$/);
  });

  it('missing layer index', async () => {
    const tensors = efficientKan(
      [{ inFeatures: 5, out: 4, gridSize: 5, order: 3 }, { inFeatures: 4, out: 4, gridSize: 5, order: 3 }, { inFeatures: 4, out: 3, gridSize: 5, order: 3 }],
      87,
    ).tensors.filter((t) => !t.name.startsWith('layers.1.'));
    expectError(() => loadTorchKAN(writeSafetensors(tensors)), TorchKANError, /^loadTorchKAN: layer indices must run 0\.\.1; layers\.1 is missing \(found 0, 2\)\.$/);
    // No layers.0 at all.
    const shifted = efficient().map((t) => ({ ...t, name: t.name.replace(/^layers\.(\d)/, (_, i: string) => `layers.${Number(i) + 1}`) }));
    expectError(() => loadTorchKAN(writeSafetensors(shifted)), TorchKANError, /layers\.0 is missing \(found 1, 2\)/);
  });
});
