// Per-kernel GPU times of two workloads on the cuda backend, from tf.profile (each kernel timed between CUDA
// events): a FastKAN [784, 64, 10] AdamW training step at batch 64, and forward + backward of a KANLinear and a
// FastKAN 1024 → 1024 layer at batch 4096. Prints, per workload, the kernels by total time, and the wall time.
//
//   node tools/perf/cuda/profile.mjs > benchmarks/h200/probes/profile-cuda-h200.md
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@kanjs/backend-cuda';
import { AdamW, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';

await tf.setBackend('cuda');

async function report(title, run) {
  await run(); // warm-up: compiles the kernels
  const start = performance.now();
  await run();
  const wall = performance.now() - start;
  const info = await tf.profile(run);
  const byKernel = new Map();
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const entry = byKernel.get(k.name) ?? { calls: 0, ms: 0 };
    entry.calls += 1;
    entry.ms += ms;
    byKernel.set(k.name, entry);
  }
  const total = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
  console.log(`\n## ${title}\nwall ${wall.toFixed(2)} ms (unprofiled); ${info.kernels.length} kernels, GPU time ${total.toFixed(2)} ms\n`);
  console.log('| kernel | calls | GPU ms | share |\n| --- | ---: | ---: | ---: |');
  for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`| ${name} | ${e.calls} | ${e.ms.toFixed(3)} | ${((100 * e.ms) / total).toFixed(1)}% |`);
  }
}

{
  const model = kan({ layers: [784, 64, 10], layer: 'fastkan', seed: 1 });
  const optimizer = new AdamW(1e-3, 1e-4);
  const x = tf.randomUniform([64, 784], -1, 1, 'float32', 1);
  const labels = tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 10), 'int32');
  await report('FastKAN [784, 64, 10], AdamW training step, batch 64', async () => {
    const loss = optimizer.minimize(() => softmaxCrossEntropy(tf.oneHot(labels, 10), model.apply(x, { training: true })), true);
    await loss.data();
    loss.dispose();
  });
}

for (const layer of ['kan-linear', 'fastkan']) {
  const model = kan({ layers: [1024, 1024], layer, seed: 1 });
  const x = tf.variable(tf.randomUniform([4096, 1024], -1, 1, 'float32', 2));
  const r = tf.randomUniform([4096, 1024], -1, 1, 'float32', 3);
  const variables = [x, ...model.trainableWeights.map((w) => w.read())];
  await report(`${layer} 1024 → 1024, batch 4096, forward + backward (input and every weight, one backward pass)`, async () => {
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(model.apply(x), r)), variables);
    await Promise.all(Object.values(grads).map((g) => g.data()));
    tf.dispose([value, ...Object.values(grads)]);
  });
}
