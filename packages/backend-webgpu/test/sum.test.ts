// The split Sum on webgpu (long sums with few outputs, in two passes of tfjs-webgpu's own Sum) and the column
// sums (a matrix over its rows) against float64 and against tfjs-webgpu's own Sum, with the sums it leaves to
// tfjs-webgpu unchanged beside them.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { relativeError, rng, uniform } from '@kanjs/testing';
import { COLUMN_SUM_FLAG } from '../src/flags-webgpu.js';
import { isColumnSum, splitFactor, sumSplit } from '../src/kernels/sum.js';
import { activate, webgpuForTests } from './gpu.js';

const gpu = await webgpuForTests();

describe('splitFactor', () => {
  it('is the divisor nearest below √R, or 1 when there is none of at least 64', () => {
    expect(splitFactor(4096 * 1024)).toBe(2048);
    expect(splitFactor(70000)).toBe(250);
    expect(splitFactor(65537)).toBe(1); // prime
    expect(splitFactor(2 * 65537)).toBe(1); // no divisor in [64, √R]
  });

  it('splits long float32 sums over trailing axes with few outputs, tf.sum(x) (axis null) included', () => {
    expect(sumSplit([4096, 1024], null, 'float32')).toMatchObject({ p: 2048, outputs: 1, outShape: [] });
    expect(sumSplit([4096, 1024], undefined, 'float32').p).toBe(2048);
    expect(sumSplit([3, 70000], 1, 'float32')).toMatchObject({ p: 250, outputs: 3, outShape: [3] });
    expect(sumSplit([2, 4, 400, 200], [-1, -2], 'float32')).toMatchObject({ p: 250, outputs: 8, axes: [2, 3] });
    expect(sumSplit([4096, 1024], 0, 'float32').p).toBe(1); // a leading axis: tfjs-webgpu transposes, 1024 outputs
    expect(sumSplit([300, 256], 1, 'float32').p).toBe(1); // short
    expect(sumSplit([4096, 1024], null, 'int32').p).toBe(1);
  });
});

describe('isColumnSum', () => {
  it('takes float32 matrices over axis 0 (or -2), nothing else', () => {
    expect(isColumnSum([64, 10], 0, 'float32')).toBe(true);
    expect(isColumnSum([64, 10], [-2], 'float32')).toBe(true);
    expect(isColumnSum([64, 10], 1, 'float32')).toBe(false);
    expect(isColumnSum([64, 10], null, 'float32')).toBe(false);
    expect(isColumnSum([64, 10], 0, 'int32')).toBe(false);
    expect(isColumnSum([2, 64, 10], 0, 'float32')).toBe(false);
    expect(isColumnSum([0, 10], 0, 'float32')).toBe(false);
  });
});

describe.skipIf(gpu.skip)('Sum on webgpu', () => {
  // [shape, axis, keepDims]: split (full sums, trailing axes with few outputs), and not split (many outputs,
  // leading axes, a prime length).
  const cases: [number[], number | number[] | undefined, boolean][] = [
    [[512, 300], undefined, false],
    [[3, 70000], 1, true],
    [[2, 4, 400, 200], [2, 3], false],
    [[2, 4, 400, 200], [-1, -2], true],
    [[65537], 0, false],
    [[300, 256], 1, false],
    [[700, 100], 0, false],
    [[64, 64], 0, false],
    [[1024, 10], -2, true],
    [[1, 7], 0, false],
  ];
  for (const [shape, axis, keepDims] of cases) {
    it(`matches float64: shape [${shape.join(', ')}], axis ${JSON.stringify(axis)}, keepDims ${keepDims}`, async () => {
      await activate('webgpu');
      const size = shape.reduce((a, b) => a * b, 1);
      const values = Float32Array.from(uniform(rng(size), size, -1, 1));
      const x = tf.tensor(values, shape);
      const y = tf.sum(x, axis, keepDims);
      const got = await y.data();
      // float64 reference of the same reduction, through the cpu-free path: sum in JS over the reduced axes.
      const rank = shape.length;
      const axes = axis === undefined ? shape.map((_, i) => i) : (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
      const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
      const outShape = kept.map((i) => shape[i]!);
      const want = new Float64Array(outShape.reduce((a, b) => a * b, 1));
      const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
      for (let flat = 0; flat < size; flat++) {
        let out = 0;
        for (const i of kept) out = out * shape[i]! + (Math.floor(flat / strides[i]!) % shape[i]!);
        want[out]! += values[flat]!;
      }
      expect(y.shape).toEqual(keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : outShape);
      expect(relativeError(got, want)).toBeLessThanOrEqual(1e-5);
      tf.dispose([x, y]);
    });
  }

  for (const shape of [[64, 64], [1024, 10], [130, 3]] as [number, number][]) {
    it(`column sums equal tfjs-webgpu's own Sum: [${shape.join(', ')}] over axis 0, from float32 and from a cast of int32`, async () => {
      await activate('webgpu');
      const size = shape[0] * shape[1];
      const values = Float32Array.from(uniform(rng(size + 1), size, -1, 1));
      const ints = Int32Array.from(values, (v) => Math.round(v * 100));
      const sums = async () => {
        const x = tf.tensor2d(values, shape);
        const fromInt = tf.cast(tf.tensor2d(ints, shape, 'int32'), 'float32');
        const [a, b] = [tf.sum(x, 0), tf.sum(fromInt, 0)];
        const result = [await a.data(), await b.data()];
        tf.dispose([x, fromInt, a, b]);
        return result;
      };
      const [column, columnInt] = await sums();
      tf.env().set(COLUMN_SUM_FLAG, false);
      try {
        const [generic, genericInt] = await sums();
        expect(relativeError(column!, generic!)).toBeLessThanOrEqual(1e-5);
        expect(Array.from(columnInt!)).toEqual(Array.from(genericInt!));
      } finally {
        tf.env().set(COLUMN_SUM_FLAG, true);
      }
    });
  }

  it('leaves no tensors behind', async () => {
    await activate('webgpu');
    const x = tf.ones([4, 100000]);
    const before = tf.memory().numTensors;
    const dataIds = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    tf.sum(x).dispose();
    tf.sum(x, 1).dispose();
    tf.tidy(() => tf.sum(tf.reshape(x, [400, 1000]), 0)).dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(dataIds);
    x.dispose();
  });
});
