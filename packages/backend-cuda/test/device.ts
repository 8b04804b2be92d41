// Starts the real cuda backend for tests, or gives the reason it cannot (printed, and the tests skip). There is
// no GPU in CI, so there the reason is expected; on a GPU machine the tests run.
import * as tf from '@tensorflow/tfjs-core';
import { describeDevice } from '../src/index.js';

export async function cudaOrSkipReason(): Promise<string | null> {
  try {
    describeDevice();
  } catch (error) {
    const reason = `no CUDA device (${(error as Error).message})`;
    console.warn(`skipping cuda device tests: ${reason}`);
    return reason;
  }
  await tf.setBackend('cuda');
  return null;
}
