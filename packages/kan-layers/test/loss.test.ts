// softmaxCrossEntropy: the loss and its gradient against float64, equal to tf.losses.softmaxCrossEntropy on a
// backend without the fused kernels, and the dispatch to the fused kernels (SOFTMAX_CROSS_ENTROPY_KERNELS) on
// one that has them: a second cpu backend with the two kernels written in plain JS from the contract's formulas.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOFTMAX_CROSS_ENTROPY_KERNELS } from '@kanjs/kernels';
import { softmaxCrossEntropy } from '@kanjs/kan-layers';
import { relativeError, rng, uniform } from '@kanjs/testing';
import { useCpu } from './helpers.js';

beforeAll(useCpu);
afterAll(useCpu);

const [B, C] = [7, 10];
const random = rng(5);
const logits = Float32Array.from(uniform(random, B * C, -6, 6));
const classes = Array.from({ length: B }, (_, b) => (b * 3) % C);
const oneHot = Float32Array.from({ length: B * C }, (_, j) => (classes[Math.floor(j / C)] === j % C ? 1 : 0));

/** The mean loss and dlogits = (softmax − labels)/B in float64. */
function reference(z: Float32Array, labels: Float32Array) {
  let loss = 0;
  const grad = new Float64Array(B * C);
  for (let b = 0; b < B; b++) {
    const row = Array.from(z.subarray(b * C, b * C + C));
    const max = Math.max(...row);
    const lse = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
    for (let c = 0; c < C; c++) {
      loss -= (labels[b * C + c]! * (row[c]! - lse)) / B;
      grad[b * C + c] = (Math.exp(row[c]! - lse) - labels[b * C + c]!) / B;
    }
  }
  return { loss, grad };
}

async function lossAndGrad(labels: tf.Tensor2D) {
  const z = tf.tensor2d(logits, [B, C]);
  const profile = await tf.profile(() => {
    const { value, grads } = tf.valueAndGrads((t: tf.Tensor) => softmaxCrossEntropy(labels, t as tf.Tensor2D))([z]);
    return [value, grads[0]!];
  });
  const [loss, grad] = (profile.result as tf.Tensor[]).map((t) => t.dataSync() as Float32Array);
  tf.dispose([z, ...(profile.result as tf.Tensor[])]);
  return { loss: loss![0]!, grad: grad!, kernels: profile.kernels.map((k) => k.name) };
}

describe('softmaxCrossEntropy', () => {
  it('is the mean cross-entropy, with gradient (softmax − labels)/B, against float64', async () => {
    const labels = tf.tensor2d(oneHot, [B, C]);
    const got = await lossAndGrad(labels);
    const want = reference(logits, oneHot);
    expect(got.loss).toBeCloseTo(want.loss, 5);
    expect(relativeError(got.grad, want.grad)).toBeLessThanOrEqual(1e-5);
    expect(got.kernels).not.toContain(SOFTMAX_CROSS_ENTROPY_KERNELS.forward);
    const tfjs = tf.tidy(() => tf.losses.softmaxCrossEntropy(labels, tf.tensor2d(logits, [B, C])).dataSync()[0]!);
    expect(got.loss).toBe(tfjs);
    labels.dispose();
  });

  it('takes int32 labels from tf.oneHot', async () => {
    const labels = tf.oneHot(tf.tensor1d(classes, 'int32'), C) as tf.Tensor2D;
    expect((await lossAndGrad(labels)).loss).toBeCloseTo(reference(logits, oneHot).loss, 5);
    labels.dispose();
  });

  it('names the shapes it expected and found', () => {
    const labels = tf.zeros([3, 4]) as tf.Tensor2D;
    const z = tf.zeros([3, 5]) as tf.Tensor2D;
    expect(() => softmaxCrossEntropy(labels, z)).toThrow('softmaxCrossEntropy: labels and logits must both be [batch, classes] of one shape, got labels [3, 4] and logits [3, 5].');
    tf.dispose([labels, z]);
  });
});

/** A cpu backend with the two fused kernels in plain JS (float64 inside, float32 out). */
async function cpuWithFusedLoss(): Promise<string> {
  const name = 'cpu-fused-loss';
  if (tf.findBackendFactory(name) !== null) return name;
  tf.registerBackend(name, () => new MathBackendCPU());
  tf.copyRegisteredKernels('cpu', name);
  const rows = (cpu: MathBackendCPU, labels: tf.TensorInfo, z: tf.TensorInfo) => {
    const [n, c] = z.shape as [number, number];
    const [l, v] = [cpu.readSync(labels.dataId) as Float32Array, cpu.readSync(z.dataId) as Float32Array];
    return Array.from({ length: n }, (_, b) => {
      const row = Array.from(v.subarray(b * c, b * c + c));
      const max = Math.max(...row);
      const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
      return { row, labels: Array.from(l.subarray(b * c, b * c + c)), lse };
    });
  };
  tf.registerKernel({
    kernelName: SOFTMAX_CROSS_ENTROPY_KERNELS.forward,
    backendName: name,
    kernelFunc: ({ inputs, backend }) => {
      const cpu = backend as MathBackendCPU;
      const [labels, z] = inputs as unknown as tf.TensorInfo[];
      const all = rows(cpu, labels!, z!);
      const loss = all.reduce((s, r) => s - r.row.reduce((t, x, c) => t + r.labels[c]! * (x - r.lse), 0), 0) / all.length;
      return cpu.makeTensorInfo([], 'float32', Float32Array.of(loss));
    },
  });
  tf.registerKernel({
    kernelName: SOFTMAX_CROSS_ENTROPY_KERNELS.grad,
    backendName: name,
    kernelFunc: ({ inputs, backend }) => {
      const cpu = backend as MathBackendCPU;
      const [dy, labels, z] = inputs as unknown as tf.TensorInfo[];
      const scale = (cpu.readSync(dy!.dataId) as Float32Array)[0]! / z!.shape[0]!;
      const grad = rows(cpu, labels!, z!).flatMap((r) => r.row.map((x, c) => scale * (Math.exp(x - r.lse) - r.labels[c]!)));
      return cpu.makeTensorInfo([...z!.shape], 'float32', Float32Array.from(grad));
    },
  });
  return name;
}

describe('softmaxCrossEntropy on a backend with the fused kernels', () => {
  it('runs the two kernels instead of the composition, with the same loss and gradients', async () => {
    await tf.setBackend(await cpuWithFusedLoss());
    const labels = tf.tensor2d(oneHot, [B, C]);
    const got = await lossAndGrad(labels);
    expect(got.kernels).toContain(SOFTMAX_CROSS_ENTROPY_KERNELS.forward);
    expect(got.kernels).toContain(SOFTMAX_CROSS_ENTROPY_KERNELS.grad);
    expect(got.kernels).not.toContain('Exp');
    const want = reference(logits, oneHot);
    expect(got.loss).toBeCloseTo(want.loss, 5);
    expect(relativeError(got.grad, want.grad)).toBeLessThanOrEqual(1e-6);

    // The labels' gradient is tfjs-core's: the negated logits' gradient.
    const z = tf.tensor2d(logits, [B, C]);
    const [dLabels] = tf.grads((l: tf.Tensor) => softmaxCrossEntropy(l as tf.Tensor2D, z))([labels]);
    expect(relativeError(dLabels!.dataSync(), want.grad.map((g) => -g))).toBeLessThanOrEqual(1e-6);

    // No tensors left behind by a step through it.
    const variable = tf.variable(z);
    const optimizer = tf.train.sgd(0.1);
    optimizer.minimize(() => softmaxCrossEntropy(labels, variable as tf.Tensor2D))?.dispose(); // makes the optimizer's constants
    const before = tf.memory().numTensors;
    optimizer.minimize(() => softmaxCrossEntropy(labels, variable as tf.Tensor2D))?.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([labels, z, dLabels!, variable]);
    optimizer.dispose();
    await tf.setBackend('cpu');
  });
});
