// The training-step kernels on webgpu: the fused AdamW step against AdamW's composition on the same backend, the
// fused softmax cross-entropy against tfjs-core's composition on cpu, and a FastKAN step that uses both without
// leaking tensors. Runs on SwiftShader without a GPU.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { ADAMW_KERNEL } from '@kanjs/kernels';
import { AdamW, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { adamSteps, expectFusedLossMatchesCpu, expectStepsLowerLoss, relativeError, rng, uniform } from '@kanjs/testing';
import { CACHE_UNIFORMS_FLAG, FUSE_ADAMW_FLAG } from '../src/flags-webgpu.js';
import { activate, webgpuForTests } from './gpu.js';

/** Runs `f` with tfjs flags set, then puts them back. */
async function withFlags<T>(flags: Record<string, boolean>, f: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(flags).map((k) => [k, tf.env().getBool(k)]));
  Object.entries(flags).forEach(([k, v]) => tf.env().set(k, v));
  try {
    return await f();
  } finally {
    Object.entries(saved).forEach(([k, v]) => tf.env().set(k, v));
  }
}

const gpu = await webgpuForTests();

describe.skipIf(gpu.skip)('the training-step kernels on webgpu', () => {
  it('AdamW: the fused step equals the composition to float32 rounding', async () => {
    await activate('webgpu');
    const fused = await adamSteps(() => new AdamW(0.01, 0.1));
    expect(fused.kernels).toContain(ADAMW_KERNEL);
    const kernel = tf.getKernel(ADAMW_KERNEL, 'webgpu')!;
    tf.unregisterKernel(ADAMW_KERNEL, 'webgpu');
    try {
      const composed = await adamSteps(() => new AdamW(0.01, 0.1));
      expect(composed.kernels).not.toContain(ADAMW_KERNEL);
      expect(fused.values.length).toBe(composed.values.length);
      fused.values.forEach((v, i) => expect(relativeError(v, composed.values[i]!)).toBeLessThanOrEqual(1e-6));
    } finally {
      tf.registerKernel(kernel);
    }
  });

  it('AdamW: one direct dispatch a variable (three outputs) equals the three programs, with and without cached uniforms', async () => {
    await activate('webgpu');
    const three = await withFlags({ [FUSE_ADAMW_FLAG]: false }, () => adamSteps(() => new AdamW(0.01, 0.1)));
    for (const cached of [true, false]) {
      const one = await withFlags({ [FUSE_ADAMW_FLAG]: true, [CACHE_UNIFORMS_FLAG]: cached }, () => adamSteps(() => new AdamW(0.01, 0.1)));
      expect(one.kernels).toContain(ADAMW_KERNEL);
      expect(one.values.length).toBe(three.values.length);
      one.values.forEach((v, i) => expect(relativeError(v, three.values[i]!)).toBeLessThanOrEqual(1e-5));
    }
  });

  it('AdamW: the direct programs read a gradient stored as int32 (a cast) as numbers', async () => {
    await activate('webgpu');
    const step = async (grad: () => tf.Tensor) => {
      const variable = tf.variable(tf.tensor1d([0.5, -1, 2]));
      const optimizer = new AdamW(0.1, 0.01);
      const g = grad();
      optimizer.applyGradients([{ name: variable.name, tensor: g }]);
      const values = Array.from(await variable.data());
      tf.dispose([variable, g]);
      optimizer.dispose();
      return values;
    };
    const fromInt = await step(() => tf.cast(tf.tensor1d([3, -2, 1], 'int32'), 'float32'));
    const fromFloat = await step(() => tf.tensor1d([3, -2, 1]));
    expect(fromInt).toEqual(fromFloat);
  });

  const cases: [batch: number, classes: number, soft: boolean][] = [[1, 1, false], [7, 10, false], [64, 10, false], [300, 37, true]];
  for (const [batch, classes, soft] of cases) {
    it(`softmaxCrossEntropy: the fused kernels match tfjs-core's composition on cpu: batch ${batch}, ${classes} classes${soft ? ', soft labels' : ''}`, async () => {
      await expectFusedLossMatchesCpu(softmaxCrossEntropy, 'webgpu', [batch, classes, soft]);
    });
  }

  it('a FastKAN step with both leaves numTensors unchanged and lowers the loss', async () => {
    await activate('webgpu');
    const model = kan({ layers: [20, 8, 4], layer: 'fastkan', seed: 1 });
    const optimizer = new AdamW(1e-2, 1e-4);
    const x = tf.tensor2d(Float32Array.from(uniform(rng(3), 16 * 20, -1, 1)), [16, 20]);
    await expectStepsLowerLoss(optimizer, (input) => model.apply(input, { training: true }) as tf.Tensor2D, softmaxCrossEntropy, x);
    x.dispose();
    optimizer.dispose();
    model.dispose();
  });
});

describe.skipIf(gpu.skip)('int32 tensors cast to float32 (tfjs-webgpu relabels them, the storage stays i32)', () => {
  it('are read as numbers by the fused loss and the fused basis-linear op', async () => {
    await activate('webgpu');
    const labels = tf.cast(tf.oneHot(tf.tensor1d([1, 0, 2], 'int32'), 3), 'float32') as tf.Tensor2D;
    const z = tf.tensor2d([[1, 2, 0.5], [3, -1, 0], [0.1, 0.2, 0.3]]);
    const fused = await softmaxCrossEntropy(labels, z).data();
    await activate('cpu');
    const [l, t] = [tf.cast(tf.oneHot(tf.tensor1d([1, 0, 2], 'int32'), 3), 'float32') as tf.Tensor2D, tf.tensor2d([[1, 2, 0.5], [3, -1, 0], [0.1, 0.2, 0.3]])];
    const expected = await tf.losses.softmaxCrossEntropy(l, t).data();
    expect(relativeError(fused, expected)).toBeLessThanOrEqual(1e-6);

    await activate('webgpu');
    const { basisLinear, initialState } = await import('@kanjs/kan-layers');
    const { createBasis } = await import('@kanjs/basis-core');
    const basis = createBasis('gaussian', 3);
    const state = initialState(basis);
    const xInt = tf.cast(tf.tensor2d([[1, -1, 0], [2, 0, -2]], [2, 3], 'int32'), 'float32') as tf.Tensor2D;
    const w = tf.ones([3 * basis.size, 2]) as tf.Tensor2D;
    const fromInt = await basisLinear(xInt, w, basis, state).data();
    const fromFloat = await basisLinear(tf.tensor2d([[1, -1, 0], [2, 0, -2]]), w, basis, state).data();
    expect(Array.from(fromInt)).toEqual(Array.from(fromFloat));
    tf.dispose([labels, z, l, t, xInt, w, ...Object.values(state)]);
  });
});
