// kanjs's side of the CPU anchor (issue 19): the cases of cases.json with kanjs on wasm (useBackend('wasm',
// { threads }) from @kanjs/backends, so with @kanjs/backend-wasm's fused kernels), forward + read and forward +
// backward, timed as torch_cpu_anchor.py times PyTorch. Writes one JSON object of the same schema, with what
// tfjs-wasm's thread pool got. torch-vs-wasm.sh runs it pinned with taskset next to PyTorch.
//
//   taskset -c 0,1 node tools/perf/cpu/wasm_anchor.mjs [--out FILE]      (after npm run build)
//
// - forward: tidy(layer.apply(x)), then y.dataSync() (tfjs-wasm runs each op when called; the read copies y out).
// - forward-backward: tf.variableGrads(() => tf.sum(layer.apply(x)), its trainable variables), the loss read with
//   dataSync, the loss and gradients disposed. A timed call that leaves tensors behind throws.
// The layers (FastKANLayer, KANLinear) and networks (kan({ layers, layer })) have their default options, seed 1; x is
// uniform on [-1, 1], float32, seeded.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { useBackend } from '@kanjs/backends';
import { FastKANLayer, KANLinear, kan } from '@kanjs/kan-layers';
import { measure } from '../lib/timing.mjs';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const plan = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url), 'utf8'));
// KANJS_ANCHOR_THREADS overrides cases.json's threads (e.g. 1: the kernels single-threaded, for a before/after)
const info = await useBackend('wasm', { threads: Number(process.env.KANJS_ANCHOR_THREADS ?? plan.threads) });

/** kanjs's counterpart of a case's PyTorch module, built on x. */
function build(case_, x) {
  const model =
    case_.kind === 'layer'
      ? new (case_.model === 'fastkan' ? FastKANLayer : KANLinear)({ units: case_.widths[1], seed: 1 })
      : kan({ layers: case_.widths, layer: case_.model === 'fastkan' ? 'fastkan' : 'kan-linear', seed: 1 });
  tf.tidy(() => model.apply(x)); // builds it
  return model;
}

const results = [];
for (const case_ of plan.cases) {
  const x = tf.randomUniform([case_.batch, case_.widths[0]], -1, 1, 'float32', 2);
  const model = build(case_, x);
  const variables = model.trainableWeights.map((w) => w.read());
  const calls = {
    forward: () => {
      const y = tf.tidy(() => model.apply(x));
      y.dataSync();
      y.dispose();
    },
    'forward-backward': () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(model.apply(x)), variables);
      value.dataSync();
      tf.dispose([value, ...Object.values(grads)]);
    },
  };
  for (const mode of plan.modes) {
    const tensors = tf.memory().numTensors;
    const { ms, samples, callsPerSample } = measure(calls[mode], plan);
    const leaked = tf.memory().numTensors - tensors;
    if (leaked !== 0) throw new Error(`wasm_anchor: ${case_.name} ${mode} left ${leaked} tensors behind, expected 0.`);
    results.push({ case: case_.name, mode, ms: +ms.toFixed(4), samples: samples.map((s) => +s.toFixed(4)), callsPerSample });
    console.error(`${case_.name} ${mode}: ${ms.toFixed(3)} ms`);
  }
  x.dispose();
  model.dispose();
}

const result = {
  runner: 'kanjs-wasm',
  tfjs: tf.version_core,
  node: process.version,
  availableParallelism: os.availableParallelism(),
  backend: info.name,
  wasm: info.details,
  read: 'y.dataSync()',
  method: { warmup: plan.warmup, samples: plan.samples, minSampleMs: plan.minSampleMs },
  results,
};
const text = JSON.stringify(result, null, 2);
if (values.out) writeFileSync(values.out, text + '\n');
else console.log(text);
