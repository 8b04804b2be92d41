// Where the time of a FastKAN layer's forward + backward goes on webgpu: the three fused spline-branch kernels
// alone, Sum's gradient both ways (tfjs-core's dy · ones, made on the host, against broadcasting dy on the
// device), and the whole layer. Median milliseconds per call; each sample runs the op `inner` times and reads
// one value back (which waits for the GPU).
//
// Then the layer's forward + backward per kernel, from tf.profile.
//
//   node tools/perf/webgpu/profile-webgpu.mjs [--batch 4096] [--in 1024] [--out 1024] > profile.md
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { parseArgs } from 'node:util';
import { createBasis } from '@kanjs/basis-core';
import { BASIS_LINEAR_KERNELS } from '@kanjs/kernels';
import '@kanjs/basis-gaussian/register';
import { basisLinear, initialState, kan } from '@kanjs/kan-layers';
import { useBackend } from '@kanjs/backends';

const { values } = parseArgs({ options: { batch: { type: 'string', default: '4096' }, in: { type: 'string', default: '1024' }, out: { type: 'string', default: '1024' }, repeats: { type: 'string', default: '9' } } });
const [B, IN, OUT, repeats] = [values.batch, values.in, values.out, values.repeats].map(Number);
const info = await useBackend('webgpu');

async function time(name, op, inner = 5) {
  const run = async (n) => {
    const start = performance.now();
    let last;
    for (let i = 0; i < n; i++) {
      tf.dispose(last);
      last = op();
    }
    const tensors = Array.isArray(last) ? last : [last];
    await Promise.all(tensors.map((t) => tf.slice(tf.reshape(t, [-1]), 0, 1).data()));
    tf.dispose(last);
    return (performance.now() - start) / n;
  };
  await run(2); // compiles
  const samples = [];
  for (let r = 0; r < repeats; r++) samples.push(await run(inner));
  samples.sort((a, b) => a - b);
  console.log(`| ${name} | ${samples[Math.floor(samples.length / 2)].toFixed(3)} |`);
}

const basis = createBasis({ name: 'gaussian' }, IN);
const K = basis.size;
const state = initialState(basis);
const stateList = basis.stateSpecs.map((s) => state[s.name]);
const x = tf.randomUniform([B, IN], -1.5, 1.5, 'float32', 1);
const w = tf.randomUniform([IN * K, OUT], -0.1, 0.1, 'float32', 2);
const dy = tf.randomUniform([B, OUT], -1, 1, 'float32', 3);
const y = tf.randomUniform([B, OUT], -1, 1, 'float32', 4);

console.log(`webgpu (${JSON.stringify(info.adapter ?? {})}), FastKAN gaussian ${IN}→${OUT} @${B}, median ms per call over ${repeats} samples\n`);
console.log('| op | ms |\n| --- | ---: |');
await time('fused forward (KanBasisLinear)', () => tf.engine().runKernel(BASIS_LINEAR_KERNELS.forward, [x, w, ...stateList], { basis }));
await time('fused dx (KanBasisLinearGradInput)', () => tf.engine().runKernel(BASIS_LINEAR_KERNELS.gradInput, [dy, x, w, ...stateList], { basis }));
await time('fused dW (KanBasisLinearGradWeight)', () => tf.engine().runKernel(BASIS_LINEAR_KERNELS.gradWeight, [dy, x, ...stateList], { basis }));
await time("Sum's gradient as tfjs-core writes it: dy · ones(x.shape), ones made on the host", () => tf.tidy(() => tf.mul(tf.reshape(tf.scalar(1), [1, 1]), tf.ones([B, OUT]))));
await time("Sum's gradient broadcast on the device (broadcastTo)", () => tf.tidy(() => tf.broadcastTo(tf.reshape(tf.scalar(1), [1, 1]), [B, OUT])));
await time('tf.sum(y) to a scalar', () => tf.sum(y));
await time('tf.grad of tf.sum(y) as registered now', () => tf.grad((t) => tf.sum(t))(y));
await time('spline branch forward + backward: grads of Σ basisLinear(x, W)', () => tf.grads((a, b) => tf.sum(basisLinear(a, b, basis, state)))([x, w]));
const model = kan({ layers: [IN, OUT], layer: 'fastkan', seed: 1 });
await time('FastKAN layer forward', () => model.apply(x));
await time('FastKAN layer forward + backward (every weight)', () => {
  const { value, grads } = tf.variableGrads(() => tf.sum(model.apply(x)), model.trainableWeights.map((v) => v.read()));
  return [value, ...Object.values(grads)];
});

// Per kernel, from tf.profile (GPU times from timestamp queries, where the adapter offers them).
const fwdBwd = () => {
  const { value, grads } = tf.variableGrads(() => tf.sum(model.apply(x)), model.trainableWeights.map((v) => v.read()));
  return [value, ...Object.values(grads)];
};
tf.dispose(fwdBwd());
const profile = await tf.profile(() => fwdBwd());
const byKernel = new Map();
for (const k of profile.kernels) {
  const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : Number.NaN;
  const entry = byKernel.get(k.name) ?? { calls: 0, ms: 0 };
  entry.calls += 1;
  entry.ms += ms;
  byKernel.set(k.name, entry);
}
console.log(`\nFastKAN layer forward + backward, per kernel (tf.profile; ${profile.kernels.length} kernels)\n`);
console.log('| kernel | calls | GPU ms |\n| --- | ---: | ---: |');
for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms)) console.log(`| ${name} | ${e.calls} | ${e.ms.toFixed(3)} |`);
