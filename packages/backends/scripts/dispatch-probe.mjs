// Where does the time of a small tfjs-webgpu op go in Node (Dawn)? Measures, in one run:
//   - the per-op cost of a chain of N small element-wise ops ending in one readback, per flag setting;
//   - the latency of reading one value back;
//   - the same chain with the submit batch size and CPU forwarding varied.
// Usage (built packages): node packages/backends/scripts/dispatch-probe.mjs [--ops 400] [--repeats 7]
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@kanjs/backends';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const OPS = arg('ops', 400);
const REPEATS = arg('repeats', 7);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const info = await useBackend('webgpu');
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

const settings = [
  { name: 'defaults', flags: {} },
  { name: 'submit batch 1', flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 1 } },
  { name: 'submit batch 64', flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 64 } },
  { name: 'submit batch 1024', flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 1024 } },
  { name: 'no cpu forward', flags: { WEBGPU_CPU_FORWARD: false } },
];
const results = [];
for (const { name, flags } of settings) {
  const saved = Object.fromEntries(Object.keys(flags).map((k) => [k, tf.env().get(k)]));
  for (const [k, v] of Object.entries(flags)) tf.env().set(k, v);
  results.push({ setting: name, ...(await perOp(name, [64, 64])) });
  results.push({ setting: name, ...(await perOp(name, [4096, 1024])) });
  for (const [k, v] of Object.entries(saved)) tf.env().set(k, v);
}
const reads = [];
for (let r = 0; r < 20; r++) reads.push(await readback());
console.table(results);
console.log(JSON.stringify({ readbackMedianMs: +median(reads).toFixed(3), readbackMinMs: +Math.min(...reads).toFixed(3) }));
console.log(JSON.stringify({ flags: ['WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', 'WEBGPU_CPU_FORWARD'].map((k) => [k, tf.env().get(k)]), results }));
