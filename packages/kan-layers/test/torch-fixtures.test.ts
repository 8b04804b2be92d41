// kanjs against PyTorch: fixtures made on the H200 machine by test/fixtures/make_fixtures.py (see its README).
import { readFileSync, readdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { torchLinspace } from '@kanjs/basis-gaussian';
import { kanLayers, loadTorchKAN, readSafetensors, updateGrid, writeSafetensors, type SafetensorsFile } from '@kanjs/kan-layers';
import { relativeError } from '@kanjs/testing';
import { useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

const dir = new URL('./fixtures/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const tensor = (file: SafetensorsFile, name: string) => {
  const t = file.tensors.get(name);
  if (t === undefined) throw new Error(`fixture lacks ${name}`);
  return t;
};

/** The model's output and d(Σ y ⊙ r)/dx on the fixture's x. */
function evaluate(bytes: Uint8Array) {
  const file = readSafetensors(bytes);
  const model = loadTorchKAN(bytes, { strict: false }); // the fixtures hold x, r, y and dx beside the state dict
  const x = tensor(file, 'x');
  const r = tensor(file, 'r');
  const result = tf.tidy(() => {
    const xs = tf.tensor2d(x.data, x.shape as [number, number]);
    const rs = tf.tensor2d(r.data, r.shape as [number, number]);
    const y = (model.predict(xs) as tf.Tensor).dataSync() as Float32Array;
    const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(model.apply(input) as tf.Tensor, rs)))(xs).dataSync() as Float32Array;
    return { y, dx };
  });
  return { ...result, file, model };
}

const fixtures = readdirSync(dir).filter((f) => /^(efficient_k|fastkan_)/.test(f));

describe('parity with PyTorch (float64 results of our own PyTorch layers)', () => {
  it('has the fixtures', () => {
    expect(fixtures.length).toBe(13);
  });

  for (const name of fixtures) {
    it(`${name}: forward ≤ 1e-5, input gradient ≤ 1e-4`, () => {
      const { y, dx, file, model } = evaluate(read(name));
      expect(relativeError(y, tensor(file, 'y').data)).toBeLessThanOrEqual(1e-5);
      expect(relativeError(dx, tensor(file, 'dx').data)).toBeLessThanOrEqual(1e-4);
      model.dispose();
    });
  }

  it('efficient_updated: matches on the non-uniform knots of a grid update', () => {
    const { y, dx, file, model } = evaluate(read('efficient_updated.safetensors'));
    expect(relativeError(y, tensor(file, 'y').data)).toBeLessThanOrEqual(1e-5);
    expect(relativeError(dx, tensor(file, 'dx').data)).toBeLessThanOrEqual(1e-4);
    model.dispose();
  });

  it('efficient_updated: our grid update reproduces PyTorch’s knots and function', () => {
    const file = readSafetensors(read('efficient_updated.safetensors'));
    const before = [...file.tensors].filter(([n]) => n.startsWith('before.')).map(([n, t]) => ({ name: n.slice(7), shape: t.shape, data: t.data }));
    const model = loadTorchKAN(writeSafetensors(before));
    const batch = tensor(file, 'update.x');
    const xs = tf.tensor2d(batch.data, batch.shape as [number, number]);
    updateGrid(model, xs);
    kanLayers(model).forEach((layer, l) => {
      const expected = tensor(file, `layers.${l}.grid`).data;
      // Knots come from quantiles of float32 data; allow float32 rounding of the blend.
      expect(relativeError(weightsOf(layer)['grid']!, expected)).toBeLessThanOrEqual(1e-6);
    });
    // The refit is a least-squares problem solved in float64 by both; its coefficients depend on float32 basis
    // values, so compare the functions rather than the coefficients.
    const x = tensor(file, 'x');
    const y = tf.tidy(() => (model.predict(tf.tensor2d(x.data, x.shape as [number, number])) as tf.Tensor).dataSync());
    expect(relativeError(y, tensor(file, 'y').data)).toBeLessThanOrEqual(1e-4);
    xs.dispose();
    model.dispose();
  });

  it('places Gaussian centres exactly where torch.linspace does', () => {
    const file = readSafetensors(read('linspace.safetensors'));
    for (const [name, t] of file.tensors) {
      const [, start, end, steps] = name.split('_').map(Number) as [number, number, number, number];
      expect([...torchLinspace(start, end, steps)]).toEqual([...t.data]);
    }
  });
});
