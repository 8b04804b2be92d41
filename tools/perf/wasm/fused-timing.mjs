// The fused wasm-SIMD kernels of @kanjs/backend-wasm against the generic composition (evaluate + matMul), in one
// process, interleaved: the forward (with read back) and an AdamW training step of FastKAN and KANLinear
// [784, 64, 10] at batch 64, on the wasm and cpu backends, and the MNIST epoch (938 steps) that the step implies.
// Prints markdown.
//
//   node tools/perf/wasm/fused-timing.mjs [--repeats 15] [--backends wasm,cpu]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { execSync } from 'node:child_process';
import os from 'node:os';
import { registerFusedBasisLinear } from '@kanjs/kernels';
import { AdamW, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { registerWasmKernels, supportsBasis } from '@kanjs/backend-wasm';
import { median } from '../lib/timing.mjs';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '15' }, backends: { type: 'string', default: 'wasm,cpu' } } });
const repeats = Number(values.repeats);
const batch = 64;
const stepsPerEpoch = Math.ceil(60000 / batch);
await registerWasmKernels();

const setFused = (backend, on) => registerFusedBasisLinear(backend, on ? supportsBasis : () => false);

/**
 * Median ms of one call of each contender and the median of the per-repeat ratios generic/fused: each repeat
 * runs both once, the starting one alternating, after `warmup` repeats that are not kept.
 */
async function interleaved(contenders, { warmup = 3 } = {}) {
  const names = Object.keys(contenders);
  const times = Object.fromEntries(names.map((k) => [k, []]));
  const ratios = [];
  for (let r = -warmup; r < repeats; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    const took = {};
    for (const name of order) {
      const { setup, run } = contenders[name];
      setup();
      const start = performance.now();
      await run();
      took[name] = performance.now() - start;
    }
    if (r < 0) continue;
    for (const name of names) times[name].push(took[name]);
    ratios.push(took.generic / took.fused);
  }
  return { ...Object.fromEntries(names.map((k) => [k, median(times[k])])), ratio: median(ratios) };
}

let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim() + (execSync('git status --porcelain', { encoding: 'utf8' }).trim() ? ' + working tree' : '');
} catch {}
console.log(`# fused wasm-SIMD basis-linear kernels against the generic composition\n`);
console.log(`commit ${commit}; ${os.cpus().length} cores (${os.cpus()[0]?.model}); node ${process.version}; float32; batch ${batch}; medians of ${repeats} repeats after warm-up, generic and fused interleaved (the first alternating); speed-up: the median of the per-repeat ratios.\n`);

const rows = [];
for (const backend of values.backends.split(',')) {
  await tf.setBackend(backend);
  await tf.ready();
  const threads = backend === 'wasm' ? `, ${getThreadsCount()} thread(s) in tfjs-wasm` : '';
  for (const layer of ['fastkan', 'kan-linear']) {
    const model = kan({ layers: [784, 64, 10], layer, seed: 1 });
    const optimizer = new AdamW(1e-3, 1e-4);
    const x = tf.randomUniform([batch, 784], -1, 1, 'float32', 1);
    const targets = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32'), 10), 'float32'));
    const variables = model.trainableWeights.map((w) => w.read());
    const forward = async () => {
      const y = tf.tidy(() => model.apply(x));
      await y.data();
      y.dispose();
    };
    const step = async () => {
      const loss = optimizer.minimize(() => softmaxCrossEntropy(targets, model.apply(x)), true, variables);
      await loss.data();
      loss.dispose();
    };
    const slow = backend === 'cpu' && layer === 'kan-linear';
    const fwd = await interleaved({ generic: { setup: () => setFused(backend, false), run: forward }, fused: { setup: () => setFused(backend, true), run: forward } }, { warmup: slow ? 1 : 3 });
    await step(); // creates the optimizer's moments
    const tensors = tf.memory().numTensors;
    const stp = await interleaved({ generic: { setup: () => setFused(backend, false), run: step }, fused: { setup: () => setFused(backend, true), run: step } }, { warmup: slow ? 1 : 3 });
    rows.push({ backend: backend + threads, layer, fwd, stp, leak: tf.memory().numTensors - tensors });
    tf.dispose([x, targets]);
    optimizer.dispose();
    model.dispose();
  }
}
const f = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
console.log('| backend | layer [784, 64, 10] @64 | forward generic (ms) | forward fused (ms) | speed-up | step generic (ms) | step fused (ms) | speed-up | epoch generic (s) | epoch fused (s) |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { backend, layer, fwd, stp, leak } of rows) {
  if (leak !== 0) throw new Error(`fused-timing: ${backend} ${layer} leaked ${leak} tensors over its steps, expected 0.`);
  console.log(
    `| ${backend} | ${layer} | ${f(fwd.generic)} | ${f(fwd.fused)} | ${fwd.ratio.toFixed(2)}× | ${f(stp.generic)} | ${f(stp.fused)} | ${stp.ratio.toFixed(2)}× | ` +
      `${((stp.generic * stepsPerEpoch) / 1000).toFixed(1)} | ${((stp.fused * stepsPerEpoch) / 1000).toFixed(1)} |`,
  );
}
console.log(`\nepoch: ${stepsPerEpoch} training steps (60 000 MNIST images at batch ${batch}) × the median step, without data loading or evaluation.`);
