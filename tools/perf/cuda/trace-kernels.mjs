// Lists the tfjs kernels that KAN training steps run, by wrapping every kernel of the cpu backend and logging
// the names it is called with: the FastKAN and KANLinear [784, 64, 10] models of the MNIST demo, trained with
// AdamW through optimizer.minimize (the demo's loop), and with Adam and SGD through model.fit with the
// accuracy metric, then evaluated. Writes benchmarks/cpu/kernel-trace.json.
//
//   node tools/perf/cuda/trace-kernels.mjs
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { AdamW, kan } from '@kanjs/kan-layers';
import { registerInstalledBases } from '@kanjs/kan-layers/node';

await registerInstalledBases();
await tf.setBackend('cpu');
const counts = new Map();
let phase = 'setup';
for (const config of tf.getKernelsForBackend('cpu')) {
  tf.unregisterKernel(config.kernelName, 'cpu');
  tf.registerKernel({
    ...config,
    kernelFunc: (args) => {
      const key = `${phase}\t${config.kernelName}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return config.kernelFunc(args);
    },
  });
}

const batch = 64;
const x = tf.randomUniform([batch, 784], -1, 1, 'float32', 1);
const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32');
const oneHot = tf.oneHot(labels, 10);

for (const [layer, basis] of [['fastkan', 'gaussian'], ['kan-linear', 'bspline']]) {
  const model = kan({ layers: [784, 64, 10], layer, basis, seed: 1 });
  const optimizer = new AdamW(1e-3, 1e-4);
  phase = `${layer}: AdamW step (optimizer.minimize, cross-entropy, accuracy)`;
  for (let step = 0; step < 2; step++) {
    const loss = optimizer.minimize(() => {
      const logits = model.apply(x, { training: true });
      tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'))).dispose();
      return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 10), logits);
    }, true);
    await loss.data();
    loss.dispose();
  }
  for (const [name, opt] of [['Adam', tf.train.adam(1e-3)], ['SGD', tf.train.sgd(1e-2)]]) {
    phase = `${layer}: ${name} step (model.fit, categoricalCrossentropy from softmax, accuracy)`;
    const withSoftmax = tfl.sequential({ layers: [model, tfl.layers.activation({ activation: 'softmax' })] });
    withSoftmax.compile({ optimizer: opt, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await withSoftmax.fit(x, oneHot, { epochs: 1, batchSize: batch, verbose: 0 });
  }
  phase = `${layer}: evaluation (predict, argMax, accuracy)`;
  const accuracy = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(model.predict(x), 1), labels), 'float32')));
  await accuracy.data();
  accuracy.dispose();
}

const phases = {};
for (const [key, n] of counts) {
  const [p, kernel] = key.split('\t');
  (phases[p] ??= {})[kernel] = n;
}
const all = [...new Set([...counts.keys()].filter((k) => !k.startsWith('setup')).map((k) => k.split('\t')[1]))].sort();
const out = new URL('../../../benchmarks/cpu/kernel-trace.json', import.meta.url);
writeFileSync(out, JSON.stringify({ tfjs: tf.version_core, kernels: all, phases }, null, 2) + '\n');
console.log(`${all.length} kernels: ${all.join(', ')}`);
