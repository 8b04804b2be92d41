// Where does the time of a small tfjs-webgpu op go in Node (Dawn)? Measures, in one run:
//   - the per-op cost of a chain of N small element-wise ops ending in one readback, per flag setting;
//   - the latency of reading one value back;
//   - the same chain with the submit batch size and CPU forwarding varied.
// Usage (built packages): node tools/perf/webgpu/dispatch-probe.mjs [--ops 400] [--repeats 7]
//
// With --steps, instead: what one training step asks of the device (step-counts.mjs), as markdown:
//   node tools/perf/webgpu/dispatch-probe.mjs --steps [--samples 20] [--warmup 5] [--batches 64,1024] [--submit-batch 1024] > benchmarks/webgpu/step-dispatches.md
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { useBackend } from '@kanjs/backends';
import { AdamW, kan } from '@kanjs/kan-layers';
import { median, numberArg } from '../lib/timing.mjs';

const OPS = numberArg('ops', 400);
const REPEATS = numberArg('repeats', 7);

const info = await useBackend('webgpu');
if (process.argv.includes('--steps')) {
  const { printStepCounts } = await import('./step-counts.mjs');
  await printStepCounts(info);
  process.exit(0);
}
console.log(JSON.stringify({ backend: info.name, adapter: info.adapter }));

/** A GPU-resident tensor: made by a GPU program (fill), never uploaded from the CPU. */
const onGpu = (shape) => tf.fill(shape, 1);

async function chain(n, shape) {
  const x = onGpu(shape);
  const start = performance.now();
  let y = x;
  for (let i = 0; i < n; i++) {
    const next = tf.add(y, 1);
    if (y !== x) y.dispose();
    y = next;
  }
  await y.data();
  const ms = performance.now() - start;
  tf.dispose([x, y]);
  return ms;
}

async function readback() {
  const a = onGpu([1]);
  const x = tf.add(a, a);
  a.dispose();
  const start = performance.now();
  await x.data();
  const ms = performance.now() - start;
  x.dispose();
  return ms;
}

async function perOp(label, shape) {
  for (let i = 0; i < 3; i++) await chain(OPS, shape);
  const long = [];
  const short = [];
  for (let r = 0; r < REPEATS; r++) {
    long.push(await chain(OPS, shape));
    short.push(await chain(1, shape));
  }
  const perOpUs = ((median(long) - median(short)) / (OPS - 1)) * 1000;
  return { label, shape, ops: OPS, chainMs: +median(long).toFixed(3), oneOpMs: +median(short).toFixed(3), perOpUs: +perOpUs.toFixed(1) };
}

/** One MNIST training step of FastKAN [784, 64, 10] at batch 64 (AdamW, cross-entropy, loss read back). */
async function trainStepMs(layer) {
  const model = kan({ layers: [784, 64, 10], layer, seed: 1 });
  const optimizer = new AdamW(1e-3, 1e-4);
  const x = tf.randomUniform([64, 784], -1, 1);
  const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10);
  const step = async () => {
    const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x)), true);
    await loss.data();
    loss.dispose();
  };
  for (let i = 0; i < 5; i++) await step();
  const times = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await step();
    times.push(performance.now() - start);
  }
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return +median(times).toFixed(3);
}

const settings = [
  { name: 'tfjs defaults (15, cpu forward)', flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 15, WEBGPU_CPU_FORWARD: true } },
  { name: 'batch 15, no cpu forward', flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 15, WEBGPU_CPU_FORWARD: false } },
  { name: 'batch 64, no cpu forward (kanjs)', flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 64, WEBGPU_CPU_FORWARD: false } },
  { name: 'batch 256, no cpu forward', flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 256, WEBGPU_CPU_FORWARD: false } },
  { name: 'batch 1024, no cpu forward', flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 1024, WEBGPU_CPU_FORWARD: false } },
];
const results = [];
for (const { name, flags } of settings) {
  const saved = Object.fromEntries(Object.keys(flags).map((k) => [k, tf.env().get(k)]));
  for (const [k, v] of Object.entries(flags)) tf.env().set(k, v);
  const small = await perOp(name, [64, 64]);
  const large = await perOp(name, [4096, 1024]);
  results.push({ setting: name, 'per op µs [64,64]': small.perOpUs, 'per op µs [4096,1024]': large.perOpUs, 'fastkan step ms': await trainStepMs('fastkan'), 'kan-linear step ms': await trainStepMs('kan-linear') });
  for (const [k, v] of Object.entries(saved)) tf.env().set(k, v);
}
const reads = [];
for (let r = 0; r < 20; r++) reads.push(await readback());
console.table(results);
console.log(JSON.stringify({ readbackMedianMs: +median(reads).toFixed(3), readbackMinMs: +Math.min(...reads).toFixed(3) }));
console.log(JSON.stringify({ flags: ['WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', 'WEBGPU_CPU_FORWARD'].map((k) => [k, tf.env().get(k)]), results }));
