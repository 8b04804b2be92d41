// The SiLU base branch on wasm (or cpu) as @kanjs/backend-wasm's fused op over siluBasis against
// matMul(silu(x), W), forward (+ read) and forward + dW, over a few shapes: the measurement behind the wasm
// crossover (fused only while a gradient tape records). Prints one line per shape.
//
//   node tools/perf/wasm/silu-base-probe.mjs [wasm|cpu]      (after npm run build)
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { siluBasis } from '@kanjs/kernels';
import { basisLinear } from '@kanjs/kan-layers';
import { registerWasmKernels } from '@kanjs/backend-wasm';
import { measure, median } from '../lib/timing.mjs';
await tf.setBackend(process.argv[2] ?? 'wasm'); await tf.ready(); await registerWasmKernels();
for (const [b, i, o] of [[8,100,100],[64,784,64],[64,64,10],[1,784,64],[256,784,256],[1024,784,256],[4096,256,256]]) {
  const x = tf.randomUniform([b, i], -1, 1); const w = tf.variable(tf.randomUniform([i, o], -1, 1));
  const fused = () => { const {value, grads} = tf.variableGrads(() => tf.sum(basisLinear(x, w, siluBasis(i))), [w]); value.dataSync(); tf.dispose([value, ...Object.values(grads)]); };
  const plain = () => { const {value, grads} = tf.variableGrads(() => tf.sum(tf.matMul(tf.mul(x, tf.sigmoid(x)), w)), [w]); value.dataSync(); tf.dispose([value, ...Object.values(grads)]); };
  const ff = () => { const y = basisLinear(x, w, siluBasis(i)); y.dataSync(); y.dispose(); };
  const pf = () => { const y = tf.tidy(() => tf.matMul(tf.mul(x, tf.sigmoid(x)), w)); y.dataSync(); y.dispose(); };
  const r = {};
  for (let k = 0; k < 3; k++) for (const [n, f] of Object.entries({ff, pf, fused, plain})) (r[n] ??= []).push(measure(f, { warmup: 3, samples: 5, minSampleMs: 30 }).ms);
  console.log(`${b}x${i}->${o}: fwd fused ${median(r.ff).toFixed(3)} plain ${median(r.pf).toFixed(3)} | fwd+bwd(dW) fused ${median(r.fused).toFixed(3)} plain ${median(r.plain).toFixed(3)}`);
  tf.dispose([x, w]);
}
