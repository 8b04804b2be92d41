// Runs FastKAN [784, 64, 10] AdamW training steps (softmax cross-entropy, batch 64 by default) in a loop and
// prints the mean milliseconds per step. Meant to run under Node's sampling profiler, to see where the host
// time of a small step goes (tfjs-core's engine, this backend's TypeScript, the addon):
//
//   node --cpu-prof --cpu-prof-dir=prof tools/perf/cuda/step-loop.mjs [--backend cuda|cpu] [--steps 2000]
//   node tools/perf/cuda/cpuprofile-summary.mjs prof/*.cpuprofile
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { parseArgs } from 'node:util';
import { AdamW, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';

const { values } = parseArgs({
  options: { backend: { type: 'string', default: 'cuda' }, steps: { type: 'string', default: '2000' }, batch: { type: 'string', default: '64' } },
});
const steps = Number(values.steps);
const batch = Number(values.batch);
if (values.backend === 'cuda') await import('@kanjs/backend-cuda');
else await import('@tensorflow/tfjs-backend-cpu');
await tf.setBackend(values.backend);

const model = kan({ layers: [784, 64, 10], layer: 'fastkan', seed: 1 });
const optimizer = new AdamW(1e-3, 1e-4);
const x = tf.randomUniform([batch, 784], -1, 1, 'float32', 1);
const targets = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32'), 10), 'float32'));
const variables = model.trainableWeights.map((w) => w.read());
const step = () => optimizer.minimize(() => softmaxCrossEntropy(targets, model.apply(x)), true, variables);

for (let i = 0; i < 20; i++) step().dispose(); // compiles, fills the allocator's cache
await step().data();
const tensors = tf.memory().numTensors;
const start = performance.now();
let loss;
for (let i = 0; i < steps; i++) {
  loss?.dispose();
  loss = step();
}
const value = (await loss.data())[0];
const ms = (performance.now() - start) / steps;
loss.dispose();
console.log(`${values.backend}: ${ms.toFixed(3)} ms per step over ${steps} steps (batch ${batch}), loss ${value.toFixed(4)}, tensors ${tensors} → ${tf.memory().numTensors}`);
