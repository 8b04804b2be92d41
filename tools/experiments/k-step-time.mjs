// Open question 2, the speed side: the time of one training step of [784, 64, 10] (AdamW, softmax
// cross-entropy, batch 64) for every K of the sweep, FastKAN with K Gaussian centres and KANLinear with cubic
// B-splines on G = K − 3 intervals. The contenders of a backend are interleaved: each repeat runs a burst of steps
// of every model in turn, the starting one rotating; the figure is the median ms per step.
//
//   node tools/experiments/k-step-time.mjs --backend cuda|webgpu|wasm|cpu [--ks 4,8,16,32] [--batch 64]
//        [--repeats 7] [--burst 20] [--out FILE.json] [--machine 'words for the report']
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { useBackend } from '@kanjs/backends';
import { AdamW, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';
import '@kanjs/basis-gaussian';
import '@kanjs/basis-bspline';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' }, ks: { type: 'string', default: '4,8,16,32' },
    batch: { type: 'string', default: '64' }, repeats: { type: 'string', default: '7' },
    burst: { type: 'string', default: '20' }, out: { type: 'string' }, machine: { type: 'string' },
  },
});
const ks = values.ks.split(',').map(Number);
const batch = Number(values.batch);
const repeats = Number(values.repeats);
const burst = Number(values.burst);
if (!ks.every((k) => Number.isInteger(k) && k >= 4)) throw new Error(`--ks must list integers ≥ 4, got ${values.ks}.`);
await useBackend(values.backend);

const x = tf.randomUniform([batch, 784], -1, 1, 'float32', 1);
const targets = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32'), 10), 'float32'));
const contenders = ks.flatMap((k) => [
  { name: `fastkan-gaussian-k${k}`, layer: 'fastkan', k, basis: { name: 'gaussian', numCenters: k } },
  { name: `kan-linear-bspline-k${k}`, layer: 'kan-linear', k, basis: { name: 'bspline', gridSize: k - 3 } },
]).map((c) => {
  const model = kan({ layers: [784, 64, 10], layer: c.layer, basis: c.basis, seed: 1 });
  const optimizer = new AdamW(1e-3, 1e-4);
  const variables = model.trainableWeights.map((w) => w.read());
  return { ...c, step: () => optimizer.minimize(() => softmaxCrossEntropy(targets, model.apply(x)), true, variables), times: [] };
});

const runBurst = async (c, n) => {
  let loss;
  for (let i = 0; i < n; i++) {
    loss?.dispose();
    loss = c.step();
  }
  await loss.data();
  loss.dispose();
};
for (const c of contenders) await runBurst(c, 5); // compiles kernels, fills the allocator's cache
const tensors = tf.memory().numTensors;
for (let r = 0; r < repeats; r++) {
  for (let j = 0; j < contenders.length; j++) {
    const c = contenders[(r + j) % contenders.length];
    const start = performance.now();
    await runBurst(c, burst);
    c.times.push((performance.now() - start) / burst);
  }
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const result = {
  backend: tf.getBackend(), ...(values.machine ? { machine: values.machine } : {}), batch, repeats, burst, node: process.version, cores: availableParallelism(),
  leakedTensors: tf.memory().numTensors - tensors,
  rows: contenders.map((c) => ({ model: c.name, layer: c.layer, k: c.k, msPerStep: +median(c.times).toFixed(3) })),
};
for (const row of result.rows) console.log(`${result.backend} ${row.model}: ${row.msPerStep} ms per step`);
if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
