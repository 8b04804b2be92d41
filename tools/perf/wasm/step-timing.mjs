// The fused kernels of the rest of a training step on wasm (@kanjs/backend-wasm's LayerNorm, SiLU base branch,
// AdamW and softmax cross-entropy; setFusedStepKernels) off and on, in one process, interleaved; KanBasisLinear
// is fused in both. The FastKAN and KANLinear layers at 100→100 @8 and 784→64 @64, forward (+ read) and forward +
// backward (the sum's gradients with respect to every trainable weight, as tools/perf/cpu/wasm_anchor.mjs times
// them), and an AdamW training step of the [784, 64, 10] networks @64. Prints markdown.
//
//   node tools/perf/wasm/step-timing.mjs [--repeats 11] [--sample-ms 40] [--backend wasm]      (after npm run build)
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { execSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { AdamW, FastKANLayer, KANLinear, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { registerWasmKernels, setFusedStepKernels } from '@kanjs/backend-wasm';
import { median } from '../lib/timing.mjs';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '11' }, 'sample-ms': { type: 'string', default: '40' }, backend: { type: 'string', default: 'wasm' } } });
const repeats = Number(values.repeats);
const sampleMs = Number(values['sample-ms']);
await tf.setBackend(values.backend);
await tf.ready();
await registerWasmKernels();

/**
 * Median ms per call of `call` with the step kernels off and on, and the median of the per-repeat ratios off/on:
 * each repeat times one sample of each (N calls back to back, N from the warm-up so that a sample lasts about
 * `sampleMs`), the first alternating. Throws if a call leaves tensors behind.
 */
function interleaved(call) {
  const run = (on, n) => {
    setFusedStepKernels(on);
    const tensors = tf.memory().numTensors;
    const start = performance.now();
    for (let i = 0; i < n; i++) call();
    const ms = (performance.now() - start) / n;
    if (tf.memory().numTensors !== tensors) throw new Error(`step-timing: a call left ${tf.memory().numTensors - tensors} tensors behind, expected 0.`);
    return ms;
  };
  let fastest = Infinity;
  for (let i = 0; i < 3; i++) for (const on of [false, true]) fastest = Math.min(fastest, run(on, 1));
  const n = Math.max(1, Math.ceil(sampleMs / fastest));
  const times = { off: [], on: [] };
  const ratios = [];
  for (let r = 0; r < repeats; r++) {
    const took = {};
    for (const on of r % 2 === 0 ? [false, true] : [true, false]) took[on ? 'on' : 'off'] = run(on, n);
    times.off.push(took.off);
    times.on.push(took.on);
    ratios.push(took.off / took.on);
  }
  setFusedStepKernels(true);
  return { off: median(times.off), on: median(times.on), ratio: median(ratios), n };
}

const rows = [];
for (const [name, Layer] of [['FastKAN layer', FastKANLayer], ['KANLinear', KANLinear]]) {
  for (const [inFeatures, units, batch] of [[100, 100, 8], [784, 64, 64]]) {
    const layer = new Layer({ units, seed: 1 });
    const x = tf.randomUniform([batch, inFeatures], -1, 1, 'float32', 2);
    tf.tidy(() => layer.apply(x)); // builds it
    const variables = layer.trainableWeights.map((w) => w.read());
    const forward = () => {
      const y = tf.tidy(() => layer.apply(x));
      y.dataSync();
      y.dispose();
    };
    const forwardBackward = () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x)), variables);
      value.dataSync();
      tf.dispose([value, ...Object.values(grads)]);
    };
    rows.push({ what: `${name} ${inFeatures}→${units} @${batch}`, mode: 'forward', ...interleaved(forward) });
    rows.push({ what: `${name} ${inFeatures}→${units} @${batch}`, mode: 'forward-backward', ...interleaved(forwardBackward) });
    x.dispose();
    layer.dispose();
  }
}
for (const layer of ['fastkan', 'kan-linear']) {
  const batch = 64;
  const model = kan({ layers: [784, 64, 10], layer, seed: 1 });
  const optimizer = new AdamW(1e-3, 1e-4);
  const x = tf.randomUniform([batch, 784], -1, 1, 'float32', 1);
  const targets = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32'), 10), 'float32'));
  const step = () => {
    const loss = optimizer.minimize(() => softmaxCrossEntropy(targets, model.apply(x, { training: true })), true);
    loss.dataSync();
    loss.dispose();
  };
  step(); // creates the optimizer's moments
  rows.push({ what: `${layer === 'fastkan' ? 'FastKAN' : 'KAN'} [784, 64, 10] @${batch}`, mode: 'AdamW step', ...interleaved(step) });
  tf.dispose([x, targets]);
  optimizer.dispose();
  model.dispose();
}

let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim() + (execSync('git status --porcelain', { encoding: 'utf8' }).trim() ? ' + working tree' : '');
} catch {}
const threads = values.backend === 'wasm' ? `, ${getThreadsCount()} thread(s) in tfjs-wasm` : '';
console.log(`# the fused training-step kernels on ${values.backend} (LayerNorm, SiLU base branch, AdamW, softmax cross-entropy), off and on\n`);
console.log(`commit ${commit}; ${os.cpus().length} cores (${os.cpus()[0]?.model}); node ${process.version}; tfjs ${tf.version_core} on ${values.backend}${threads}; float32. KanBasisLinear fused in both columns. Each figure: the median over ${repeats} repeats of one sample (N calls back to back, about ${sampleMs} ms), off and on interleaved, the first alternating; speed-up: the median of the per-repeat ratios off/on.\n`);
const f = (ms) => (ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
console.log('| case | mode | off (ms) | on (ms) | speed-up | N |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const { what, mode, off, on, ratio, n } of rows) console.log(`| ${what} | ${mode} | ${f(off)} | ${f(on)} | ${ratio.toFixed(2)}× | ${n} |`);
