import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADAMW_KERNEL } from '@kanjs/kernels';
import { AdamW } from '@kanjs/kan-layers';
import { relativeError } from '@kanjs/testing';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

/** torch.optim.AdamW's step in float64, written from its documented algorithm. */
function torchAdamW(p: number[], grads: number[][], lr: number, wd: number, b1 = 0.9, b2 = 0.999, eps = 1e-8): number[] {
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  grads.forEach((g, step) => {
    const t = step + 1;
    p.forEach((_, i) => {
      p[i]! *= 1 - lr * wd;
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
      const mHat = m[i]! / (1 - b1 ** t);
      const vHat = v[i]! / (1 - b2 ** t);
      p[i]! -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    });
  });
  return p;
}

describe('AdamW', () => {
  it('matches torch.optim.AdamW over several steps', () => {
    const start = [0.5, -1.25, 2, 0.01];
    const grads = [[0.1, -0.2, 0.3, 0], [0.05, 0.4, -0.1, 1e-3], [-0.3, 0.1, 0.2, -2]];
    const variable = tf.variable(tf.tensor1d(start));
    const optimizer = new AdamW(0.01, 0.1);
    for (const g of grads) optimizer.applyGradients({ [variable.name]: tf.variable(tf.tensor1d(g)) });
    expect(relativeError(variable.dataSync(), torchAdamW([...start], grads, 0.01, 0.1))).toBeLessThanOrEqual(1e-6);
    optimizer.dispose();
    variable.dispose();
  });

  it('changes its learning rate for schedules, rejects bad values, and round-trips its config', () => {
    const optimizer = new AdamW(1e-3, 1e-4);
    optimizer.setLearningRate(8e-4);
    expect(optimizer.lr).toBe(8e-4);
    expect(() => optimizer.setLearningRate(0)).toThrow('AdamW: learningRate must be > 0, got 0.');
    expect(() => new AdamW(1e-3, -1)).toThrow('AdamW: weightDecay must be ≥ 0, got -1.');
    const again = AdamW.fromConfig(AdamW, optimizer.getConfig()) as AdamW;
    expect(again.weightDecay).toBe(1e-4);
    optimizer.dispose();
    again.dispose();
  });

  it('leaves no tensors behind per step', () => {
    const variable = tf.variable(tf.ones([3]));
    const optimizer = new AdamW();
    const step = () => optimizer.minimize(() => tf.sum(tf.square(variable)) as tf.Scalar);
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    variable.dispose();
  });
});

/**
 * A backend with a fused AdamW step: the cpu kernels plus ADAMW_KERNEL written in float32 (each operation
 * rounded, as the composition rounds it), registered under another name.
 */
let fusedCalls = 0;

async function cpuWithFusedAdamW(): Promise<string> {
  const name = 'cpu-fused-adamw';
  if (tf.findBackendFactory(name) === null) {
    tf.registerBackend(name, () => new MathBackendCPU());
    tf.copyRegisteredKernels('cpu', name);
    const f = Math.fround;
    tf.registerKernel({
      kernelName: ADAMW_KERNEL,
      backendName: name,
      kernelFunc: ({ inputs, backend, attrs }) => {
        fusedCalls++;
        const cpu = backend as MathBackendCPU;
        const values = (t: tf.TensorInfo) => cpu.readSync(t.dataId) as Float32Array;
        const [acc1, acc2, ...rest] = inputs as unknown as tf.TensorInfo[];
        const { beta1, beta2, epsilon, learningRate, decays } = attrs as unknown as { beta1: number; beta2: number; epsilon: number; learningRate: number; decays: number[] };
        const [b1, omb1, b2, omb2, eps, negLr] = [beta1, 1 - beta1, beta2, 1 - beta2, epsilon, -learningRate].map(f) as [number, number, number, number, number, number];
        const oma1 = f(1 - values(acc1!)[0]!);
        const oma2 = f(1 - values(acc2!)[0]!);
        const outputs: tf.TensorInfo[] = [];
        for (let k = 0; k < rest.length / 4; k++) {
          const [p, g, m, v] = rest.slice(4 * k, 4 * k + 4).map(values) as [Float32Array, Float32Array, Float32Array, Float32Array];
          const decay = f(decays[k]!);
          const [p2, m2, v2] = [new Float32Array(p.length), new Float32Array(p.length), new Float32Array(p.length)];
          for (let j = 0; j < p.length; j++) {
            const pd = f(p[j]! * decay);
            m2[j] = f(f(m[j]! * b1) + f(g[j]! * omb1));
            v2[j] = f(f(v[j]! * b2) + f(f(g[j]! * g[j]!) * omb2));
            const step = f(f(f(m2[j]! / oma1) / f(f(Math.sqrt(f(v2[j]! / oma2))) + eps)) * negLr);
            p2[j] = f(step + pd);
          }
          for (const out of [p2, m2, v2]) outputs.push(cpu.makeTensorInfo(rest[4 * k]!.shape, 'float32', out));
        }
        return outputs;
      },
    });
  }
  return name;
}

describe('AdamW on a backend with a fused step', () => {
  /** Five steps of a small KAN-sized problem; returns the variables, the optimizer's weights and numTensors per step. */
  async function train(backend: string) {
    await tf.setBackend(backend);
    const variables = [tf.variable(tf.tensor2d([[0.5, -1.25], [2, 0.01]]), true, 'w'), tf.variable(tf.tensor1d([0.3, -0.7, 0.2]), true, 'b'), tf.variable(tf.tensor1d([1, 2]), false, 'frozen')];
    const optimizer = new AdamW(0.01, 0.1);
    const counts: number[] = [];
    for (let step = 0; step < 5; step++) {
      const s = step + 1;
      const grads = [
        { name: 'w', tensor: tf.tensor2d([[0.1 * s, -0.2], [0.3, 1e-3 * s]]) },
        { name: 'b', tensor: tf.tensor1d([-0.3 / s, 0.1, 2 * s]) },
      ];
      optimizer.applyGradients(grads);
      tf.dispose(grads.map((g) => g.tensor));
      counts.push(tf.memory().numTensors);
    }
    const weights = await optimizer.getWeights();
    const result = {
      variables: variables.map((v) => Array.from(v.dataSync())),
      weights: weights.map((w) => [w.name, Array.from(w.tensor.dataSync())]),
      counts,
      iterations: optimizer.iterations,
    };
    optimizer.dispose();
    tf.dispose(variables);
    await tf.setBackend('cpu');
    return result;
  }

  it('gives the results of the composition exactly, and the same optimizer state, in one kernel per step', async () => {
    const fusedBackend = await cpuWithFusedAdamW();
    const composed = await train('cpu');
    const fused = await train(fusedBackend);
    expect(fusedCalls).toBe(5);
    expect(fused.variables).toEqual(composed.variables);
    expect(fused.weights).toEqual(composed.weights);
    expect(fused.weights.map(([name]) => name)).toEqual(['iter', 'w/m', 'b/m', 'w/v', 'b/v']);
    expect(fused.iterations).toBe(5);
    expect(new Set(fused.counts.slice(1)).size).toBe(1); // after the first step makes the moments, nothing is left per step
  });
});
