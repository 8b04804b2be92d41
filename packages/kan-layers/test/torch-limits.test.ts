// Loading a state dict cannot be made to cost more than its size: no initial fit on load, bounded configs,
// strict names, and nothing left allocated when a load is refused.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANLinear, TorchKANError, kan, kanLayers, loadTorchKAN, saveTorchKAN, writeSafetensors } from '@kanjs/kan-layers';
import { fileSystem } from '@kanjs/kan-layers/node';
import { rng, uniform } from '@kanjs/testing';
import { whileLoadingWeights } from '../src/layers/kan-linear.js';
import { useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

type Entry = { name: string; shape: number[]; data: Float32Array };

/** An efficient-kan state dict of one layer, in → out, grid size G and order k on uniform knots over [-1, 1], random weights. */
function efficientLayer(inFeatures: number, out: number, gridSize: number, order: number, seed: number, prefix = 'layers.0.'): Entry[] {
  const random = rng(seed);
  const h = 2 / gridSize;
  const knots = Float32Array.from({ length: inFeatures * (gridSize + 2 * order + 1) }, (_, n) => ((n % (gridSize + 2 * order + 1)) - order) * h - 1);
  const size = gridSize + order;
  return [
    { name: `${prefix}grid`, shape: [inFeatures, gridSize + 2 * order + 1], data: knots },
    { name: `${prefix}base_weight`, shape: [out, inFeatures], data: Float32Array.from(uniform(random, out * inFeatures, -1, 1)) },
    { name: `${prefix}spline_weight`, shape: [out, inFeatures, size], data: Float32Array.from(uniform(random, out * inFeatures * size, -1, 1)) },
    { name: `${prefix}spline_scaler`, shape: [out, inFeatures], data: Float32Array.from(uniform(random, out * inFeatures, 0.5, 1.5)) },
  ];
}

function refusal(bytes: Uint8Array, options = {}): TorchKANError {
  const before = tf.memory().numTensors;
  let error: unknown;
  try {
    loadTorchKAN(bytes, options).dispose();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(TorchKANError);
  expect(tf.memory().numTensors).toBe(before);
  const message = (error as Error).message;
  expect(message.length).toBeLessThan(300);
  expect(message).not.toContain('\n');
  return error as TorchKANError;
}

describe('loading skips the initial least-squares fit', () => {
  it('builds KANLinear without the fit inside whileLoadingWeights and after setFastWeightInitDuringBuild(true), and with it otherwise', () => {
    const fresh = new KANLinear({ units: 3, seed: 4 });
    fresh.build([null, 2]);
    const loading = whileLoadingWeights(() => {
      const layer = new KANLinear({ units: 3, seed: 4 });
      layer.build([null, 2]);
      return layer;
    });
    const fast = new KANLinear({ units: 3, seed: 4 });
    fast.setFastWeightInitDuringBuild(true);
    fast.build([null, 2]);
    expect(weightsOf(fresh)['spline_weight']!.some((v) => v !== 0)).toBe(true);
    for (const layer of [loading, fast]) {
      expect(weightsOf(layer)['spline_weight']!.every((v) => v === 0)).toBe(true);
      expect(weightsOf(layer)['grid']).toEqual(weightsOf(fresh)['grid']); // the basis state is still set
    }
    // Outside the scope, layers fit again: the same seed gives the same weights as before.
    const after = new KANLinear({ units: 3, seed: 4 });
    after.build([null, 2]);
    expect(weightsOf(after)).toEqual(weightsOf(fresh));
    for (const layer of [fresh, loading, fast, after]) for (const weight of layer.weights) weight.dispose();
  });

  it('loads G = 1000 (the bound) on 6 inputs exactly, through loadTorchKAN and then tf.loadLayersModel', async () => {
    // With the fit this would solve six 1001×1003 systems by Jacobi SVD: many minutes.
    const entries = efficientLayer(6, 2, 1000, 3, 1);
    const model = loadTorchKAN(writeSafetensors(entries));
    const again = await saveTorchKAN(model);
    expect(again).toEqual(writeSafetensors(entries, { format: 'efficient-kan' }));

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanjs-limits-'));
    temps.push(dir);
    await model.save(fileSystem(dir));
    const loaded = await tfl.loadLayersModel(fileSystem(dir));
    expect(weightsOf(kanLayers(loaded)[0]!)).toEqual(weightsOf(kanLayers(model)[0]!));
    model.dispose();
    loaded.dispose();
  });
});

describe('config bounds', () => {
  it('refuses gridSize 100000 in a small file with an error that names the memory, not a raw RangeError', () => {
    const error = refusal(writeSafetensors(efficientLayer(1, 1, 100_000, 3, 2)));
    expect(error.message).toBe(
      'loadTorchKAN: the file describes a model kanjs cannot build: bspline basis: gridSize must be ≤ 1000, got 100000: the initial fit would solve a 100001×100003 system per input, 74.5 GiB.',
    );
  });

  it('refuses gridSize 1001 and a spline order over 16, naming what they would take', () => {
    expect(refusal(writeSafetensors(efficientLayer(2, 1, 1001, 3, 3))).message).toMatch(/gridSize must be ≤ 1000, got 1001: the initial fit would solve a 1002×1004 system per input, 7\.68 MiB\.$/);
    expect(refusal(writeSafetensors(efficientLayer(1, 1, 2, 40, 4))).message).toMatch(/splineOrder must be ≤ 16, got 40: its Cox–de Boor recursion would hold 13 KiB per input and sample\.$/);
  });

  it('refuses numCenters over 1000 in a fast-kan file', () => {
    const size = 1001;
    const entries: Entry[] = [
      { name: 'layers.0.rbf.grid', shape: [size], data: Float32Array.from({ length: size }, (_, j) => -2 + (4 * j) / (size - 1)) },
      { name: 'layers.0.spline_linear.weight', shape: [1, size], data: new Float32Array(size).fill(0.1) },
    ];
    expect(refusal(writeSafetensors(entries)).message).toMatch(/gaussian basis: numCenters must be ≤ 1000, got 1001: the basis values alone would take 3\.91 KiB per input and sample\.$/);
  });

  it('refuses a layer of more than 2^28 spline weights before allocating anything, naming its memory', () => {
    const before = tf.memory().numTensors;
    expect(() => kan({ layers: [1024, 65536], basis: { name: 'bspline', gridSize: 5 } })).toThrow(
      'KANLinear: 1024 inputs × 65536 units × K 8 = 5.37e+8 spline weights would take 2 GiB of float32; the limit is 2^28 (1 GiB).',
    );
    expect(() => kan({ layers: [100_000, 100_000], layer: 'fastkan' })).toThrow(/8\.00e\+10 spline weights would take 298 GiB of float32/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('unknown tensors (PyTorch strict loading)', () => {
  const base = () => efficientLayer(3, 2, 4, 2, 5);

  it('refuses tensors the format does not use, naming them, and loads them with { strict: false }', () => {
    const extra = [...base(), { name: 'optimizer.step', shape: [1], data: Float32Array.of(7) }, { name: 'layers.0.mask', shape: [2, 3], data: new Float32Array(6) }];
    const bytes = writeSafetensors(extra);
    expect(refusal(bytes).message).toBe(
      'loadTorchKAN: unexpected tensors for the efficient-kan format: "optimizer.step", "layers.0.mask"; pass { strict: false } to ignore them.',
    );
    const lenient = loadTorchKAN(bytes, { strict: false });
    const strict = loadTorchKAN(writeSafetensors(base()));
    expect(weightsOf(kanLayers(lenient)[0]!)).toEqual(weightsOf(kanLayers(strict)[0]!));
    lenient.dispose();
    strict.dispose();
  });

  it('names at most three, and cuts long names short', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'x'.repeat(10_000)];
    const bytes = writeSafetensors([...base(), ...names.map((name) => ({ name, shape: [0], data: new Float32Array(0) }))]);
    expect(refusal(bytes).message).toMatch(/unexpected tensors for the efficient-kan format: "a", "b", "c" and 3 more; pass \{ strict: false \}/);
    const long = refusal(writeSafetensors([...base(), { name: 'y'.repeat(10_000), shape: [0], data: new Float32Array(0) }])).message;
    expect(long).toMatch(/"y+…; pass/);
  });
});

describe('scaleNoise, scaleBase and scaleSpline', () => {
  it('must be finite and ≥ 0', () => {
    for (const field of ['scaleNoise', 'scaleBase', 'scaleSpline'] as const) {
      for (const bad of [NaN, -0.1, Infinity, '1' as unknown as number]) {
        expect(() => new KANLinear({ units: 2, [field]: bad })).toThrow(`KANLinear: ${field} must be a finite number ≥ 0, got ${typeof bad === 'string' ? '"1"' : String(bad)}.`);
      }
      expect(new KANLinear({ units: 2, [field]: 0 })[field]).toBe(0);
    }
  });
});
