// The native kernels against the cpu backend, op by op, on the GPU; and memory, reads and errors. Skips with the
// reason "no CUDA device" where there is none (CI).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import { ADAMW_KERNEL } from '@kanjs/kernels';
import { AdamW, kan, layerNorm, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { expectFusedLossMatchesCpu, expectStepsLowerLoss, relativeError, rng, uniform } from '@kanjs/testing';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CudaBackend, forwardingReport, setTF32 } from '../src/index.js';
import { cudaOrSkipReason } from './device.js';

const skip = (await cudaOrSkipReason()) !== null;

afterAll(async () => {
  await tf.setBackend('cpu');
});

const random = rng(7);
const values = (n: number, lo = -2, hi = 2) => Float32Array.from(uniform(random, n, lo, hi));

type Case = [name: string, f: () => tf.Tensor];
// Fixed inputs: each case runs twice (cpu, then cuda) on the same values.
const [A, B, R, LARGE, M, N, BATCHED] = [24, 12, 4, 3 * 5000, 5 * 7, 7 * 3, 4 * 5 * 7].map((n) => values(n));
const a = () => tf.tensor(A!, [2, 3, 4]);
const b = () => tf.tensor(B!, [3, 4]);
const row = () => tf.tensor(R!, [4]);
const ints = () => tf.tensor([3, -1, 0, 7, 2, 2], [2, 3], 'int32');

const flat = (t: tf.Tensor) => tf.reshape(t, [-1]);
const f32 = (t: tf.Tensor) => tf.cast(t, 'float32');

const CASES: Case[] = [
  ['unary exp/log/sqrt/rsqrt/sigmoid/tanh', () => tf.stack([tf.exp(a()), tf.log(tf.abs(a())), tf.sqrt(tf.abs(a())), tf.rsqrt(tf.add(tf.abs(a()), 0.5)), tf.sigmoid(a()), tf.tanh(a())])],
  ['unary neg/square/relu/step/softplus/elu', () => tf.stack([tf.neg(a()), tf.square(a()), tf.relu(a()), tf.step(a(), 0.3), tf.softplus(a()), tf.elu(a())])],
  ['binary broadcasting', () => tf.stack([tf.add(a(), b()), tf.sub(a(), row()), tf.mul(b(), a()), tf.div(a(), tf.add(tf.abs(row()), 1)), tf.pow(tf.abs(a()), tf.scalar(1.5)), tf.squaredDifference(a(), row())])],
  ['comparisons and logic', () => f32(tf.stack([tf.greaterEqual(a(), b()), tf.lessEqual(a(), 0), tf.logicalAnd(tf.greater(a(), 0), tf.less(b(), 1)), tf.equal(tf.round(a()), 1)]))],
  ['int arithmetic', () => tf.stack([tf.add(ints(), tf.scalar(2, 'int32')), tf.mul(ints(), ints()), tf.floorDiv(ints(), tf.scalar(2, 'int32')), tf.maximum(ints(), tf.scalar(1, 'int32'))])],
  ['select, clip, cast, addN', () => tf.stack([tf.where(tf.greater(a(), 0), a(), tf.neg(tf.tile(tf.expandDims(b(), 0), [2, 1, 1]))), tf.clipByValue(a(), -0.5, 0.7), tf.cast(tf.cast(tf.mul(a(), 3), 'int32'), 'float32'), tf.addN([a(), a(), a()])])],
  ['reductions over axes', () => tf.concat([tf.sum(a(), [0, 2]), flat(tf.mean(a(), 1)), tf.max(a(), [0, 1]), flat(tf.min(a(), -1)), flat(tf.prod(tf.add(a(), 2), 2)), flat(tf.sum(a()))], 0)],
  ['reductions of large rows', () => { const x = tf.tensor(LARGE!, [3, 5000]); return tf.stack([tf.sum(x, 1), tf.max(x, 1), tf.mean(x, 1)]); }],
  ['argMax, argMin, softmax', () => tf.concat([flat(f32(tf.argMax(a(), 2))), flat(f32(tf.argMin(a(), 0))), flat(tf.softmax(a()))], 0)],
  ['transpose, slice, stridedSlice, concat, pad, tile', () => tf.concat([flat(tf.transpose(a(), [2, 0, 1])), flat(tf.slice(a(), [1, 0, 1], [1, 2, 3])), flat(tf.stridedSlice(a(), [0, 2, 3], [2, 0, 0], [1, -1, -2])), flat(tf.concat([a(), a()], 1)), flat(tf.pad(b(), [[1, 0], [2, 1]], 0.5)), flat(tf.tile(b(), [2, 1]))], 0)],
  ['unstack, split (Unpack, SplitV)', () => tf.concat([...tf.unstack(a(), 2).map(flat), ...tf.unstack(a(), 0).map(flat), ...tf.split(a(), [1, 2, 1], 2).map(flat), ...tf.split(a(), 2, 0).map(flat)], 0)],
  ['gather, oneHot, fill, zerosLike', () => tf.concat([flat(tf.gather(a(), tf.tensor1d([2, 0, 2], 'int32'), 1)), flat(f32(tf.oneHot(tf.tensor1d([1, 0, 3], 'int32'), 4))), flat(tf.fill([2, 2], 3.5)), flat(tf.zerosLike(a()))], 0)],
  ['matMul with transposes and batches', () => {
    const m = tf.tensor(M!, [5, 7]);
    const n = tf.tensor(N!, [7, 3]);
    const batched = tf.tensor(BATCHED!, [4, 5, 7]);
    return tf.concat([flat(tf.matMul(m, n)), flat(tf.matMul(m, tf.transpose(n), false, true)), flat(tf.matMul(tf.transpose(m), n, true, false)), flat(tf.matMul(batched, n))], 0);
  }],
];

describe.skipIf(skip)('cuda kernels against cpu', () => {
  for (const [name, f] of CASES) {
    it(name, async () => {
      await tf.setBackend('cpu');
      const expected = tf.tidy(f);
      const cpuValues = await expected.data();
      expected.dispose();
      await tf.setBackend('cuda');
      const actual = tf.tidy(f);
      expect(actual.shape).toEqual(expected.shape);
      const cudaValues = await actual.data();
      actual.dispose();
      expect(relativeError(Float32Array.from(cudaValues), Float32Array.from(cpuValues))).toBeLessThanOrEqual(1e-6);
    });
  }
});

describe.skipIf(skip)('split reductions and the gradients of Sum and Mean', () => {
  // Long axes with few outputs are reduced in pieces: compare with float64 sums of the same float32 values.
  const [rows, cols] = [2048, 700];
  const X = values(rows * cols, 0, 1);
  const sum64 = (pick: (r: number, c: number) => boolean) => {
    let total = 0;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (pick(r, c)) total += X[r * cols + c]!;
    return total;
  };

  it('sums and means over a whole tensor and over a long axis, to 1e-6 of float64', async () => {
    await tf.setBackend('cuda');
    const x = tf.tensor2d(X, [rows, cols]);
    const [all, columns, means, wide] = await Promise.all([tf.sum(x), tf.sum(x, 0), tf.mean(x, 0), tf.sum(tf.reshape(x, [2, -1]), 1)].map((t) => t.data()));
    tf.dispose(x);
    expect(Math.abs(all![0]! - sum64(() => true)) / sum64(() => true)).toBeLessThanOrEqual(1e-6);
    const expectedColumns = Float64Array.from({ length: cols }, (_, c) => sum64((_r, cc) => cc === c));
    expect(relativeError(Float64Array.from(columns!), expectedColumns)).toBeLessThanOrEqual(1e-6);
    expect(relativeError(Float64Array.from(means!), expectedColumns.map((v) => v / rows))).toBeLessThanOrEqual(1e-6);
    const half = sum64((r) => r < rows / 2);
    expect(relativeError(Float64Array.from(wide!), Float64Array.from([half, sum64(() => true) - half]))).toBeLessThanOrEqual(1e-6);
    const extremes = tf.tidy(() => tf.stack([tf.max(tf.tensor2d(X, [rows, cols])), tf.min(tf.tensor2d(X, [rows, cols]))]));
    expect(Array.from(await extremes.data())).toEqual([X.reduce((a, b) => Math.max(a, b)), X.reduce((a, b) => Math.min(a, b))]);
    extremes.dispose();
  });

  it("Sum's and Mean's gradients equal cpu's exactly", async () => {
    const f = () => tf.tidy(() => {
      const x = tf.tensor2d(X.subarray(0, 300 * 70), [300, 70]);
      const r = tf.tensor1d(X.subarray(0, 70));
      return tf.stack([
        tf.grad((t: tf.Tensor) => tf.sum(tf.mul(t, t)))(x),
        tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.mean(t, 0), r)))(x),
        tf.grad((t: tf.Tensor) => tf.sum(tf.mean(t, 1, true)))(x),
      ]);
    });
    await tf.setBackend('cpu');
    const expected = f();
    const cpuValues = await expected.data();
    expected.dispose();
    await tf.setBackend('cuda');
    const actual = f();
    const cudaValues = await actual.data();
    actual.dispose();
    expect(Array.from(cudaValues)).toEqual(Array.from(cpuValues));
  });
});

// 37 and 65 rows: one slice of dγ and dβ's column sums, or two; 4096: 64 slices, as in a 1024 → 1024 layer at batch 4096.
describe.skipIf(skip).each([[37, 784], [65, 7], [1000, 33], [4096, 1024]])('fused LayerNorm on cuda against the cpu composition, %i × %i', (rows, n) => {
  const [X, G, Bt, DY] = [rows * n, n, n, rows * n].map((count) => values(count));
  const run = () =>
    tf.tidy(() => {
      const x = tf.tensor2d(X!, [rows, n]);
      const gamma = tf.tensor1d(G!);
      const beta = tf.tensor1d(Bt!);
      const dy = tf.tensor2d(DY!, [rows, n]);
      const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(layerNorm(a as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5), dy));
      return [layerNorm(x, gamma, beta, 1e-5), ...tf.grads(f)([x, gamma, beta])];
    });

  it('forward to 1e-5, dx, dγ and dβ to 1e-4', async () => {
    await tf.setBackend('cpu');
    const expected = run();
    const cpuValues = await Promise.all(expected.map((t) => t.data()));
    tf.dispose(expected);
    await tf.setBackend('cuda');
    const actual = run();
    const cudaValues = await Promise.all(actual.map((t) => t.data()));
    tf.dispose(actual);
    cudaValues.forEach((v, i) => expect(relativeError(v as Float32Array, cpuValues[i] as Float32Array)).toBeLessThanOrEqual(i === 0 ? 1e-5 : 1e-4));
  });
});

describe.skipIf(skip)('cuda memory, reads and errors', () => {
  it('tf.memory() reports device bytes, and dispose returns them to the cache', async () => {
    await tf.setBackend('cuda');
    const before = tf.memory() as tf.MemoryInfo & { numBytesInGPU: number; numBytesInGPUFree: number };
    const t = tf.tidy(() => tf.add(tf.ones([1024, 1024]), 1));
    const held = tf.memory() as typeof before;
    expect(held.numBytesInGPU - before.numBytesInGPU).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    t.dispose();
    const after = tf.memory() as typeof before;
    expect(after.numBytesInGPU).toBe(before.numBytesInGPU);
    expect(after.numBytesInGPUFree).toBeGreaterThanOrEqual(4 * 1024 * 1024);
  });

  it('a kernel without a native version runs through CPU forwarding, and is counted', async () => {
    await tf.setBackend('cuda');
    const before = forwardingReport().find((r) => r.kernel === 'Cumsum')?.calls ?? 0;
    const sum = tf.cumsum(tf.tensor1d([1, 2, 3, 4]));
    expect(Array.from(await sum.data())).toEqual([1, 3, 6, 10]);
    sum.dispose();
    expect(forwardingReport().find((r) => r.kernel === 'Cumsum')?.calls).toBe(before + 1);
  });

  it('readSync and read agree', async () => {
    await tf.setBackend('cuda');
    const t = tf.mul(tf.range(0, 1000), 0.5);
    const sync = t.dataSync();
    const async = await t.data();
    expect(Array.from(sync)).toEqual(Array.from(async));
    expect(sync[999]).toBe(499.5);
    t.dispose();
  });

  it('an unsupported dtype gets one clear error', async () => {
    await tf.setBackend('cuda');
    expect(() => tf.complex([1], [2])).toThrow(/complex64 dtype is not supported; expected float32, int32 or bool/);
  });

  it('running out of device memory names the size asked for', async () => {
    await tf.setBackend('cuda');
    expect(() => tf.fill([1 << 30, 1 << 10], 1)).toThrow(/out of device memory: asked for 4398046511104 bytes/);
  });

  it('stores compiled kernels on disk, and a new backend loads and runs them without compiling', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanjs-cuda-cache-'));
    try {
      const source = 'extern "C" __global__ void kan_cache_probe(float* y, float v) { y[threadIdx.x] = v + threadIdx.x; }';
      new CudaBackend({ kernelCache: dir }).compiled('kan_cache_probe', source);
      const [file] = readdirSync(dir);
      const written = statSync(join(dir, file!)).mtimeMs;
      const backend = new CudaBackend({ kernelCache: dir });
      const fn = backend.compiled('kan_cache_probe', source);
      const out = backend.makeOutput([4], 'float32');
      backend.launch(fn, [1, 1, 1], [4, 1, 1], 0, 'pf', [backend.pointer(out), 2]);
      const values = new Float32Array(4);
      backend.native.download(backend.pointer(out), values);
      backend.disposeData(out.dataId);
      expect(Array.from(values)).toEqual([2, 3, 4, 5]);
      expect(readdirSync(dir)).toEqual([file]);
      expect(statSync(join(dir, file!)).mtimeMs).toBe(written); // loaded, not compiled and written again
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the fused AdamW step gives the weights and moments of the composition bit for bit', async () => {
    await tf.setBackend('cuda');
    const inputs = values(16 * 20, -1, 1); // the same data for both runs
    const train = async () => {
      const model = kan({ layers: [20, 8, 4], layer: 'fastkan', seed: 3 });
      const optimizer = new AdamW(1e-2, 1e-2);
      const x = tf.tensor2d(inputs, [16, 20]);
      const labels = tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 4), 'int32'), 4);
      for (let i = 0; i < 4; i++) optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.apply(x) as tf.Tensor2D) as tf.Scalar);
      const weights = await Promise.all([...model.getWeights(), ...(await optimizer.getWeights()).map((w) => w.tensor)].map((t) => t.data()));
      tf.dispose([x, labels]);
      optimizer.dispose();
      model.dispose();
      return weights.map((w) => Array.from(w));
    };
    const fused = await train();
    const kernel = tf.getKernel(ADAMW_KERNEL, 'cuda');
    tf.unregisterKernel(ADAMW_KERNEL, 'cuda'); // AdamW falls back to the composition
    try {
      const composed = await train();
      expect(fused).toEqual(composed);
    } finally {
      tf.registerKernel(kernel);
    }
  });

  it('a KAN training step leaves tf.memory().numTensors unchanged, runs nothing on the cpu, and TF32 mode trains too', async () => {
    await tf.setBackend('cuda');
    const model = kan({ layers: [20, 8, 4], layer: 'kan-linear', seed: 1 });
    const optimizer = new AdamW(1e-3, 1e-4);
    const x = tf.tensor2d(values(16 * 20, -1, 1), [16, 20]);
    const labels = tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 4), 'int32');
    const step = async () => {
      const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 4), model.apply(x, { training: true }) as tf.Tensor2D) as tf.Scalar, true)!;
      const value = (await loss.data())[0]!;
      loss.dispose();
      return value;
    };
    const forwardedBefore = JSON.stringify(forwardingReport());
    const first = await step();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await step();
    expect(tf.memory().numTensors).toBe(tensors);
    setTF32(true);
    const last = await step();
    setTF32(false);
    expect(last).toBeLessThan(first);
    expect(JSON.stringify(forwardingReport())).toBe(forwardedBefore);
    tf.dispose([x, labels]);
    optimizer.dispose();
    model.dispose();
  });
});

describe.skipIf(skip)('the fused softmax cross-entropy on cuda', () => {
  // Soft labels too (rows summing to 1), where the gradient softmax − labels is still exact (lossInputs).
  const cases: [batch: number, classes: number, soft: boolean][] = [[1, 1, false], [7, 10, false], [64, 10, false], [1000, 37, true], [5000, 3, false], [4096, 1024, true]];
  for (const [batch, classes, soft] of cases) {
    it(`matches the cpu composition (tf.losses.softmaxCrossEntropy): batch ${batch}, ${classes} classes${soft ? ', soft labels' : ''}`, async () => {
      await expectFusedLossMatchesCpu(softmaxCrossEntropy, 'cuda', [batch, classes, soft]);
    });
  }

  it('a FastKAN step with it and the fused SiLU base branch leaves numTensors unchanged and runs nothing on the cpu', async () => {
    await tf.setBackend('cuda');
    const model = kan({ layers: [20, 8, 4], layer: 'fastkan', seed: 1 });
    const optimizer = new AdamW(1e-3, 1e-4);
    const x = tf.tensor2d(values(16 * 20, -1, 1), [16, 20]);
    const forwardedBefore = JSON.stringify(forwardingReport());
    await expectStepsLowerLoss(optimizer, (input) => model.apply(input, { training: true }) as tf.Tensor2D, softmaxCrossEntropy, x);
    expect(JSON.stringify(forwardingReport())).toBe(forwardedBefore);
    x.dispose();
    optimizer.dispose();
    model.dispose();
  });
});
