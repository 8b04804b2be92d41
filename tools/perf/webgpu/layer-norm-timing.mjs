// The fused LayerNorm on webgpu against the composition of tfjs ops (the same math, what other backends run),
// interleaved in one run: throughput of bursts of calls, medians of repeats after warm-up. Also checks that
// both agree on the device. Usage: node tools/perf/webgpu/layer-norm-timing.mjs [--repeats 15]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { layerNorm } from '@kanjs/kan-layers';
import { useBackend } from '@kanjs/backends';
import { numberArg, relativeError, timeBursts } from '../lib/timing.mjs';

const REPEATS = numberArg('repeats', 15);
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
  const med = await timeBursts(contenders, { burst: batch >= 1024 ? 5 : 20, repeats: REPEATS });
  const [yf, yc] = await Promise.all([tf.tidy(() => ops.fused(x, g, b)).data(), tf.tidy(() => composition(x, g, b)).data()]);
  rows.push({ shape: `[${batch}, ${n}]`, ...med, 'fwd ×': +(med['composition fwd'] / med['fused fwd']).toFixed(2), 'fwd+bwd ×': +(med['composition fwd+bwd'] / med['fused fwd+bwd']).toFixed(2), 'rel err y': relativeError(yf, yc) });
  tf.dispose([x, g, b]);
}
console.table(rows);
console.log(JSON.stringify(rows));
