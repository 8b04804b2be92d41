import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import { useDeviceReductionGradients } from '@kanjs/kernels';

// A second cpu backend declared as a device: its Sum and Mean gradients must broadcast dy (Tile) and give the
// same values as tfjs-core's dy · ones on the plain cpu backend.
tf.registerBackend('cpu-device', () => new MathBackendCPU());
tf.copyRegisteredKernels('cpu', 'cpu-device');
useDeviceReductionGradients('cpu-device');

afterAll(async () => {
  await tf.setBackend('cpu');
  tf.removeBackend('cpu-device');
});

async function gradients(backend: string) {
  await tf.setBackend(backend);
  const x = tf.tensor2d([[0.5, -1, 2], [3, 0.25, -0.75]]);
  const r = tf.tensor1d([0.3, -0.2, 1.5]);
  const profile = await tf.profile(() =>
    tf.stack([
      tf.grad((t: tf.Tensor) => tf.sum(tf.mul(t, t)))(x),
      tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.mean(t, 0), r)))(x),
      tf.grad((t: tf.Tensor) => tf.sum(tf.mean(t, 1, true)))(x),
      tf.grad((t: tf.Tensor) => tf.mean(t))(x),
    ]),
  );
  const values = Array.from(await (profile.result as tf.Tensor).data());
  tf.dispose([x, r, profile.result as tf.Tensor]);
  return { values, kernels: profile.kernels.map((k) => k.name) };
}

describe('useDeviceReductionGradients', () => {
  it('broadcasts dy with Tile on a declared backend, with the values of dy · ones elsewhere', async () => {
    const plain = await gradients('cpu');
    const device = await gradients('cpu-device');
    expect(device.values).toEqual(plain.values);
    expect(device.kernels.filter((k) => k === 'Tile').length).toBeGreaterThanOrEqual(4);
    expect(plain.kernels).not.toContain('Tile');
  });
});
