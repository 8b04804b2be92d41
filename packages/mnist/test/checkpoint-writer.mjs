// A child process for the checkpoint kill tests: saves the checkpoints of epochs FROM..TO under DIR, each with
// every weight equal to its epoch number, and prints "saved N" after each. Runs on the built dist/.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { AdamW } from '@kanjs/kan-layers';
import { saveCheckpoint } from '../dist/node/checkpoint.js';
import { tinyModel } from './checkpoint-model.mjs';

const [dir, from, to] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
await tf.setBackend('cpu');
const model = tinyModel();
const optimizer = new AdamW(1e-3, 0);
optimizer.minimize(() => tf.sum(model.apply(tf.ones([2, 4]))));
for (let epoch = from; epoch <= to; epoch++) {
  model.setWeights(model.weights.map((w) => tf.fill(w.shape, epoch)));
  const history = Array.from({ length: epoch }, (_, i) => ({ epoch: i + 1 }));
  await saveCheckpoint(dir, model, optimizer, { epoch, history, config: { run: 'kill-test' } });
  process.stdout.write(`saved ${epoch}\n`);
}
