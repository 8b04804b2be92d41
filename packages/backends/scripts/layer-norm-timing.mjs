// The fused LayerNorm on webgpu against the composition of tfjs ops (the same math, what other backends run),
// interleaved in one run: throughput of bursts of calls, medians of repeats after warm-up. Also checks that
// both agree on the device. Usage: node packages/backends/scripts/layer-norm-timing.mjs [--repeats 15]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { layerNorm } from '@kanjs/kan-layers';
import { useBackend } from '@kanjs/backends';

const i = process.argv.indexOf('--repeats');
const REPEATS = i < 0 ? 15 : Number(process.argv[i + 1]);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const info = await useBackend('webgpu');
console.log(JSON.stringify({ backend: info.name, adapter: info.adapter }));

const composition = (x, g, b) => {
  const { mean, variance } = tf.moments(x, 1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), g), b);
};
const rows = [];
for (const [batch, n] of [[8, 100], [64, 784], [4096, 1024]]) {
  const x = tf.randomUniform([batch, n], -3, 3);
  const g = tf.randomUniform([n], 0.5, 1.5);
  const b = tf.randomUniform([n]);
  const ops = { fused: (p, q, r) => layerNorm(p, q, r, 1e-5), composition };
  const contenders = {};
  for (const [name, op] of Object.entries(ops)) {
    contenders[`${name} fwd`] = () => op(x, g, b);
    contenders[`${name} fwd+bwd`] = () => { const grads = tf.grads((p, q, r) => tf.sum(op(p, q, r)))([x, g, b]); return tf.addN(grads.map((t) => tf.sum(t))); };
  }
  const BURST = batch >= 1024 ? 5 : 20;
  const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let rep = -3; rep < REPEATS; rep++) {
    for (const [name, f] of Object.entries(contenders)) {
      const start = performance.now();
      const outs = [];
      for (let k = 0; k < BURST; k++) outs.push(tf.tidy(f));
      await tf.sum(outs[outs.length - 1]).data();
      if (rep >= 0) times[name].push((performance.now() - start) / BURST);
      tf.dispose(outs);
    }
  }
  const [yf, yc] = await Promise.all([tf.tidy(() => ops.fused(x, g, b)).data(), tf.tidy(() => composition(x, g, b)).data()]);
  let d = 0, m = 0;
  for (let k = 0; k < yc.length; k++) { d = Math.max(d, Math.abs(yf[k] - yc[k])); m = Math.max(m, Math.abs(yc[k])); }
  const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, +median(v).toFixed(3)]));
  rows.push({ shape: `[${batch}, ${n}]`, ...med, 'fwd ×': +(med['composition fwd'] / med['fused fwd']).toFixed(2), 'fwd+bwd ×': +(med['composition fwd+bwd'] / med['fused fwd+bwd']).toFixed(2), 'rel err y': (d / m).toExponential(1) });
  tf.dispose([x, g, b]);
}
console.table(rows);
console.log(JSON.stringify(rows));
