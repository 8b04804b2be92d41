// What one training step asks of the WebGPU device, per setting of @kanjs/backend-webgpu's host-side switches, in
// one run: compute dispatches, buffers, bind groups and pipelines created, uniform buffers written, queue
// submissions, the host time of recording the step (the synchronous optimizer.minimize call: JS, tfjs and the
// calls into Dawn, not the GPU; its wall time and the process's CPU time) and the wall time of the step with its
// loss read back. The cases: FastKAN and KANLinear [784, 64, 10] MNIST steps (AdamW + softmax cross-entropy from @kanjs/kan-layers) at batch 64 and 1024.
// Then the dispatches of one FastKAN step at batch 64 by program. Run through dispatch-probe.mjs --steps.
import * as tf from '@tensorflow/tfjs-core';
import { AdamW, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { countsPer, installWebGPUCounters, webgpuCounts } from '../lib/webgpu-counters.mjs';
import { median, numberArg } from '../lib/timing.mjs';

const SAMPLES = numberArg('samples', 20);
const WARMUP = numberArg('warmup', 5);

/** The settings compared, from none of the host-side savings to all of them (flags of @kanjs/backend-webgpu). */
const SETTINGS = [
  { name: 'before: AdamW 3 dispatches a variable, tfjs Sum over rows', flags: { KANJS_WEBGPU_FUSE_ADAMW: false, KANJS_WEBGPU_CACHE_UNIFORMS: false, KANJS_WEBGPU_COLUMN_SUM: false } },
  { name: 'AdamW 1 a variable (direct), uniforms written each time', flags: { KANJS_WEBGPU_FUSE_ADAMW: true, KANJS_WEBGPU_CACHE_UNIFORMS: false, KANJS_WEBGPU_COLUMN_SUM: false } },
  { name: 'AdamW 1 a variable, uniforms cached', flags: { KANJS_WEBGPU_FUSE_ADAMW: true, KANJS_WEBGPU_CACHE_UNIFORMS: true, KANJS_WEBGPU_COLUMN_SUM: false } },
  { name: 'after: the same + column sums for bias gradients', flags: { KANJS_WEBGPU_FUSE_ADAMW: true, KANJS_WEBGPU_CACHE_UNIFORMS: true, KANJS_WEBGPU_COLUMN_SUM: true } },
];

const BATCHES = (process.argv.includes('--batches') ? process.argv[process.argv.indexOf('--batches') + 1] : '64,1024').split(',').map(Number);
const CASES = ['fastkan', 'kan-linear'].flatMap((layer) => BATCHES.map((batch) => ({ layer, batch })));

const registered = (flag) => tf.env().flagRegistry[flag] !== undefined;

function withFlags(flags, f) {
  const saved = Object.fromEntries(Object.keys(flags).map((k) => [k, tf.env().get(k)]));
  for (const [k, v] of Object.entries(flags)) tf.env().set(k, v);
  return f().finally(() => {
    for (const [k, v] of Object.entries(saved)) tf.env().set(k, v);
  });
}

/** A step of one case, with its own model, optimizer and seeded batch; `dispose` frees them. */
function makeStep({ layer, batch }) {
  const model = kan({ layers: [784, 64, 10], layer, seed: 1 });
  const optimizer = new AdamW(1e-3, 1e-4);
  const x = tf.randomUniform([batch, 784], -1, 1, 'float32', 1);
  const labels = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32'), 10), 'float32'));
  const variables = model.trainableWeights.map((w) => w.read());
  const record = () => optimizer.minimize(() => softmaxCrossEntropy(labels, model.apply(x)), true, variables);
  return { record, dispose: () => { tf.dispose([x, labels]); optimizer.dispose(); model.dispose(); } };
}

function setFlags(flags) {
  for (const [k, v] of Object.entries(flags)) tf.env().set(k, v);
}

/**
 * One case under every setting, interleaved (sample by sample, setting by setting, so that a busy machine slows
 * them alike; the first setting of a sample rotates): per setting the mean counts per step and the median host
 * and wall ms.
 */
async function measureCase(spec, settings) {
  const { record, dispose } = makeStep(spec);
  const saved = Object.fromEntries(Object.keys(settings[0].flags).map((k) => [k, tf.env().get(k)]));
  const results = settings.map(() => ({ host: [], cpu: [], wall: [], counts: {} }));
  for (let i = -WARMUP; i < SAMPLES; i++) {
    // The starting setting rotates from sample to sample.
    for (let turn = 0; turn < settings.length; turn++) {
      const j = (turn + i + WARMUP) % settings.length;
      setFlags(settings[j].flags);
      const before = webgpuCounts();
      const cpu = process.cpuUsage();
      const start = performance.now();
      const loss = record();
      const host = performance.now() - start;
      const { user, system } = process.cpuUsage(cpu);
      await loss.data();
      const wall = performance.now() - start;
      loss.dispose();
      if (i < 0) continue;
      const r = results[j];
      r.host.push(host);
      r.cpu.push((user + system) / 1000);
      r.wall.push(wall);
      for (const [k, v] of Object.entries(countsPer(before, webgpuCounts(), SAMPLES))) r.counts[k] = (r.counts[k] ?? 0) + v;
    }
  }
  setFlags(saved);
  dispose();
  return results.map((r) => ({ ...r.counts, hostMs: median(r.host), cpuMs: median(r.cpu), wallMs: median(r.wall) }));
}

/** Dispatches of one step by program (its class name, and the shader key's head for kanjs programs). */
async function byProgram(spec) {
  const backend = tf.backend();
  const { record, dispose } = makeStep(spec);
  for (let i = 0; i < 3; i++) tf.dispose(record());
  const names = new Map();
  const original = backend.runWebGPUProgram;
  backend.runWebGPUProgram = function (program, ...rest) {
    const key = program.shaderKey.startsWith('kan') ? program.shaderKey.split('_').slice(0, 2).join('_') : program.constructor.name;
    names.set(key, (names.get(key) ?? 0) + 1);
    return original.call(this, program, ...rest);
  };
  const before = webgpuCounts().dispatches;
  const loss = record();
  backend.runWebGPUProgram = original;
  const direct = webgpuCounts().dispatches - before - [...names.values()].reduce((a, b) => a + b, 0);
  if (direct > 0) names.set('kanDirect (our own dispatches: AdamW)', direct);
  await loss.data();
  loss.dispose();
  dispose();
  return [...names].sort((a, b) => b[1] - a[1]);
}

/** A mean count: whole numbers without decimals, others to one decimal. */
const fmt = (v) => String(+v.toFixed(1));

/** Prints the tables (markdown) for the active webgpu backend, `info` from useBackend. */
export async function printStepCounts(info) {
  installWebGPUCounters();
  // The whole step in one submission (the loss read), so that no GPU work runs on the CPU (SwiftShader) while a
  // step is recorded and timed.
  tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', numberArg('submit-batch', 1024));
  const known = SETTINGS.filter((s) => Object.keys(s.flags).every(registered));
  const settings = known.length > 0 ? known : [{ name: 'as built (no switches)', flags: {} }];
  console.log(`Adapter: ${JSON.stringify(info.adapter)}. Per step, mean over ${SAMPLES} steps after ${WARMUP} warm-up steps, the settings interleaved step by step (rotating); host and wall ms are medians.`);
  console.log(`Host ms: the synchronous optimizer.minimize call (recording the step: JS, tfjs, Dawn's API), not GPU time; host CPU ms: the process's CPU time during that call. Submit batch ${tf.env().get('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE')} dispatches (--submit-batch; kanjs's default in Node is 64).\n`);
  console.log('| case | setting | dispatches | bind groups | buffers | pipelines | uniform writes | submits | host ms | host CPU ms | wall ms |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const spec of CASES) {
    const results = await measureCase(spec, settings);
    for (const [j, setting] of settings.entries()) {
      const r = results[j];
      console.log(`| ${spec.layer} @${spec.batch} | ${setting.name} | ${fmt(r.dispatches)} | ${fmt(r.bindGroups)} | ${fmt(r.buffers)} | ${fmt(r.pipelines)} | ${fmt(r.uniformWrites)} | ${fmt(r.submits)} | ${r.hostMs.toFixed(2)} | ${r.cpuMs.toFixed(2)} | ${r.wallMs.toFixed(0)} |`);
    }
  }
  for (const setting of settings) {
    const rows = await withFlags(setting.flags, () => byProgram({ layer: 'fastkan', batch: 64 }));
    console.log(`\nFastKAN @64, one step, ${setting.name}: dispatches by program\n`);
    console.log('| program | dispatches |\n| --- | ---: |');
    for (const [name, n] of rows) console.log(`| ${name} | ${n} |`);
  }
}
