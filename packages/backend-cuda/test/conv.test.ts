// The convolution and max-pooling kernels (Conv2D, FusedConv2D, Conv2DBackpropInput, Conv2DBackpropFilter,
// MaxPool, MaxPoolGrad) against the cpu backend on the GPU, forward and through tf.grads, and a few training
// steps of packages/mnist's conv front end feeding KAN layers. Skips with the reason "no CUDA device" where there
// is none (CI); test/kernel-sources.test.ts compiles the same kernels with nvcc there.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import { AdamW, fastKAN, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { relativeError, rng, uniform } from '@kanjs/testing';
import { CudaBackend, forwardingReport } from '../src/index.js';
import { cudaOrSkipReason } from './device.js';

const skip = (await cudaOrSkipReason()) !== null;

afterAll(async () => {
  await tf.setBackend('cpu');
});

const random = rng(11);
const values = (shape: readonly number[], lo = -1, hi = 1) => Float32Array.from(uniform(random, shape.reduce((a, b) => a * b, 1), lo, hi));
/** A tensor of values from a fresh generator: the same on every call, for inputs made inside a function run on both backends. */
const fixed = (shape: readonly number[]) => tf.tensor(Float32Array.from(uniform(rng(5), shape.reduce((a, b) => a * b, 1), -1, 1)), [...shape]);
const CONV_KERNELS = ['Conv2D', 'FusedConv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'MaxPool', 'MaxPoolGrad'];
/** How many calls of these kernels CPU forwarding has run so far. */
const forwardedConvCalls = () => (tf.engine().findBackend('cuda') as CudaBackend).forwardingReport().filter((r) => CONV_KERNELS.includes(r.kernel)).reduce((n, r) => n + r.calls, 0);

/** f's outputs on cpu and on cuda (the same inputs, made inside f), as flat float32 arrays, after checking shapes. */
async function onBoth(f: () => tf.Tensor[]): Promise<{ cpu: Float32Array[]; cuda: Float32Array[] }> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const outputs = tf.tidy(f);
    const data = await Promise.all(outputs.map(async (t) => ({ shape: t.shape, values: Float32Array.from(await t.data()) })));
    tf.dispose(outputs);
    return data;
  };
  const cpu = await run('cpu');
  const cuda = await run('cuda');
  expect(cuda.map((o) => o.shape)).toEqual(cpu.map((o) => o.shape));
  return { cpu: cpu.map((o) => o.values), cuda: cuda.map((o) => o.values) };
}

async function expectMatchesCpu(f: () => tf.Tensor[], tolerance = 1e-5): Promise<void> {
  const { cpu, cuda } = await onBoth(f);
  cpu.forEach((expected, i) => expect(relativeError(cuda[i]!, expected), `output ${i}`).toBeLessThanOrEqual(tolerance));
}

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];
interface ConvCase {
  readonly name: string;
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: number | [number, number];
  readonly pad: Pad;
  readonly dilations?: number;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const CONV_CASES: ConvCase[] = [
  { name: 'batch 1, one channel, valid', x: [1, 5, 5, 1], filter: [3, 3, 1, 4], strides: 1, pad: 'valid' },
  { name: 'odd sizes, 3 channels, stride 2, same', x: [2, 7, 6, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { name: '16 channels, strides [2, 1], valid', x: [3, 8, 9, 16], filter: [3, 3, 16, 8], strides: [2, 1], pad: 'valid' },
  { name: 'a 2×3 filter, explicit padding', x: [2, 6, 7, 2], filter: [2, 3, 2, 3], strides: 1, pad: [[0, 0], [1, 2], [2, 0], [0, 0]] },
  { name: 'numeric padding, dimRoundingMode ceil', x: [1, 7, 7, 2], filter: [3, 3, 2, 2], strides: 2, pad: 1, dimRoundingMode: 'ceil' },
  { name: 'a 4×4 filter, stride 3, same', x: [2, 8, 8, 3], filter: [4, 4, 3, 2], strides: 3, pad: 'same' },
  { name: 'the MNIST front end: 28×28×1 → 16 channels', x: [4, 28, 28, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'valid' },
  { name: 'the MNIST front end: 13×13×16 → 32 channels', x: [4, 13, 13, 16], filter: [3, 3, 16, 32], strides: 1, pad: 'valid' },
];

describe.skipIf(skip)('Conv2D and its gradients against cpu', () => {
  for (const c of CONV_CASES) {
    it(c.name, async () => {
      const forwarded = forwardedConvCalls();
      const [X, W, B] = [values(c.x), values(c.filter), values([c.filter[3]])];
      const conv = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.conv2d(x, w, c.strides, c.pad, 'NHWC', 1, c.dimRoundingMode);
      const fused = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D, activation: 'linear' | 'relu') =>
        tf.fused.conv2d({ x, filter: w, strides: c.strides, pad: c.pad, ...(c.dimRoundingMode && { dimRoundingMode: c.dimRoundingMode }), bias: b, activation });
      const inputs = () => [tf.tensor4d(X, c.x), tf.tensor4d(W, c.filter), tf.tensor1d(B)] as const;
      await expectMatchesCpu(() => {
        const [x, w, b] = inputs();
        const y = conv(x, w);
        const dy = fixed(y.shape);
        // dx and dW: Conv2DBackpropInput and Conv2DBackpropFilter; with a linear fused activation the gradient
        // of FusedConv2D itself (with the bias's), with relu the unfused composition tfjs runs under a tape.
        const grads = tf.grads((xx: tf.Tensor, ww: tf.Tensor) => conv(xx as tf.Tensor4D, ww as tf.Tensor4D))([x, w], dy);
        const fusedGrads = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => fused(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D, 'linear'))([x, w, b], dy);
        const reluGrads = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => fused(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D, 'relu'))([x, w, b], dy);
        return [y, fused(x, w, b, 'relu'), fused(x, w, b, 'linear'), ...grads, ...fusedGrads, ...reluGrads];
      });
      expect(forwardedConvCalls()).toBe(forwarded);
    });
  }

  it('dilation 2, forward (tfjs has no gradient for dilated convolutions)', async () => {
    const forwarded = forwardedConvCalls();
    const [X, W] = [values([2, 9, 8, 3]), values([3, 2, 3, 4])];
    await expectMatchesCpu(() => [tf.conv2d(tf.tensor4d(X, [2, 9, 8, 3]), tf.tensor4d(W, [3, 2, 3, 4]), 1, 'same', 'NHWC', 2), tf.conv2d(tf.tensor4d(X, [2, 9, 8, 3]), tf.tensor4d(W, [3, 2, 3, 4]), 1, 'valid', 'NHWC', [2, 1])]);
    expect(forwardedConvCalls()).toBe(forwarded);
  });

  it('every fused activation, and a bias that repeats over the whole output row', async () => {
    const forwarded = forwardedConvCalls();
    const [X, W, B, A] = [values([2, 6, 5, 3]), values([3, 3, 3, 4]), values([4]), values([4], 0, 0.5)];
    const run = (activation: tf.fused.Activation, bias?: tf.Tensor, prelu?: tf.Tensor) =>
      tf.fused.conv2d({ x: tf.tensor4d(X, [2, 6, 5, 3]), filter: tf.tensor4d(W, [3, 3, 3, 4]), strides: 1, pad: 'same', activation, leakyreluAlpha: 0.1, ...(bias && { bias }), ...(prelu && { preluActivationWeights: prelu }) });
    await expectMatchesCpu(() => [
      ...(['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'] as const).map((a) => run(a, tf.tensor1d(B))),
      run('prelu', tf.scalar(0.25), tf.tensor1d(A)),
      run('relu', fixed([5, 4])), // [W, C]: the last two dimensions of the output
    ]);
    expect(forwardedConvCalls()).toBe(forwarded);
  });

  it('NCHW runs through CPU forwarding, with the same result', async () => {
    const [X, W] = [values([1, 2, 5, 5]), values([3, 3, 2, 3])];
    const before = forwardingReport().find((r) => r.kernel === 'Conv2D')?.calls ?? 0;
    await expectMatchesCpu(() => [tf.conv2d(tf.tensor4d(X, [1, 2, 5, 5]), tf.tensor4d(W, [3, 3, 2, 3]), 1, 'same', 'NCHW')]);
    expect(forwardingReport().find((r) => r.kernel === 'Conv2D')?.calls).toBe(before + 1);
  });

  it('the same inputs give the same bits every run (no atomics)', async () => {
    await tf.setBackend('cuda');
    const [X, W] = [values([8, 13, 13, 16]), values([3, 3, 16, 32])];
    const once = async () => {
      const [dx, dw] = tf.tidy(() => {
        const x = tf.tensor4d(X, [8, 13, 13, 16]);
        const w = tf.tensor4d(W, [3, 3, 16, 32]);
        return tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.square(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 1, 'valid'))))([x, w]);
      });
      const result = [Array.from(await dx!.data()), Array.from(await dw!.data())];
      tf.dispose([dx!, dw!]);
      return result;
    };
    expect(await once()).toEqual(await once());
  });
});

interface PoolCase {
  readonly name: string;
  readonly x: [number, number, number, number];
  readonly filterSize: number | [number, number];
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid' | number;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const POOL_CASES: PoolCase[] = [
  { name: '2×2, stride 2 (the MNIST front end), odd size', x: [2, 7, 7, 3], filterSize: 2, strides: 2, pad: 'valid' },
  { name: '3×3, stride 1, same: overlapping windows', x: [1, 7, 5, 2], filterSize: 3, strides: 1, pad: 'same' },
  { name: '3×2, stride 2, same, 16 channels', x: [2, 7, 7, 16], filterSize: [3, 2], strides: 2, pad: 'same' },
  { name: 'numeric padding, dimRoundingMode ceil', x: [1, 7, 7, 2], filterSize: 3, strides: 2, pad: 1, dimRoundingMode: 'ceil' },
];

describe.skipIf(skip)('MaxPool and MaxPoolGrad against cpu', () => {
  for (const c of POOL_CASES) {
    it(`${c.name}, with ties (the first maximum in row-major order takes the gradient)`, async () => {
      const forwarded = forwardedConvCalls();
      // Values on a coarse grid, so that most windows hold their maximum more than once.
      const X = values(c.x).map((v) => Math.round(v * 2) / 2);
      await expectMatchesCpu(() => {
        const x = tf.tensor4d(X, c.x);
        const pool = (t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, c.filterSize, c.strides, c.pad, c.dimRoundingMode);
        const y = pool(x);
        const dy = fixed(y.shape);
        return [y, tf.grad(pool)(x, dy)];
      }, 1e-6);
      expect(forwardedConvCalls()).toBe(forwarded);
    });
  }
});

/** packages/mnist's `--conv` model (src/train/conv.ts) on [28, 28, 1] images, feeding FastKAN [800, 16, 10]. */
function convKan(): tfl.Sequential {
  const layers: tfl.layers.Layer[] = [tfl.layers.reshape({ targetShape: [28, 28, 1], inputShape: [784] })];
  [16, 32].forEach((filters, i) => {
    layers.push(
      tfl.layers.conv2d({ filters, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.heUniform({ seed: 1000 + i }) }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
    );
  });
  layers.push(tfl.layers.flatten(), fastKAN({ units: 16, seed: 1 }), fastKAN({ units: 10, seed: 2 }));
  return tfl.sequential({ layers });
}

describe.skipIf(skip)('the mnist conv front end trains on cuda as on cpu', () => {
  it('four AdamW steps give the losses and weights of cpu within 1e-4, and forward nothing', async () => {
    const forwarded = forwardedConvCalls();
    const X = values([8, 784], 0, 1);
    const labels = Int32Array.from({ length: 8 }, (_, i) => i % 10);
    const train = async (backend: string) => {
      await tf.setBackend(backend);
      const model = convKan();
      const optimizer = new AdamW(1e-3, 1e-4);
      const x = tf.tensor2d(X, [8, 784]);
      const targets = tf.oneHot(tf.tensor1d(labels, 'int32'), 10) as tf.Tensor2D;
      const losses: number[] = [];
      for (let step = 0; step < 4; step++) {
        const loss = optimizer.minimize(() => softmaxCrossEntropy(targets, model.apply(x, { training: true }) as tf.Tensor2D), true)!;
        losses.push((await loss.data())[0]!);
        loss.dispose();
      }
      const logits = model.predict(x) as tf.Tensor; // FusedConv2D: bias and ReLU in the convolution's launch
      const weights = await Promise.all([...model.getWeights(), logits].map(async (w) => Float32Array.from(await w.data())));
      tf.dispose([x, targets, logits]);
      optimizer.dispose();
      model.dispose();
      return { losses, weights };
    };
    const cpu = await train('cpu');
    const cuda = await train('cuda');
    expect(relativeError(cuda.losses, cpu.losses)).toBeLessThanOrEqual(1e-4);
    cpu.weights.forEach((expected, i) => expect(relativeError(cuda.weights[i]!, expected), `weight ${i}`).toBeLessThanOrEqual(1e-4));
    expect(cuda.losses[3]).toBeLessThan(cuda.losses[0]!);
    expect(forwardedConvCalls()).toBe(forwarded);
  });
});
