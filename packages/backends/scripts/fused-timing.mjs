// Quick timing of the spline-branch op on webgpu: fused kernels against the generic composition, interleaved
// in one run (medians of repeats after warm-up). The bench package has the full harness; this is the kernel
// developer's loop. Usage: node packages/backends/scripts/fused-timing.mjs [--repeats 15]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { createBasis } from '@kanjs/basis-core';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { useBackend } from '@kanjs/backends';

const i = process.argv.indexOf('--repeats');
const REPEATS = i < 0 ? 15 : Number(process.argv[i + 1]);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const info = await useBackend('webgpu');
console.log(JSON.stringify({ backend: info.name, adapter: info.adapter }));

const shapes = [
  { name: '100→100 b8', inF: 100, out: 100, batch: 8 },
  { name: '784→64 b64', inF: 784, out: 64, batch: 64 },
  { name: '1024→1024 b4096', inF: 1024, out: 1024, batch: 4096 },
];
const rows = [];
for (const basisName of ['gaussian', 'bspline']) {
  for (const s of shapes) {
    const basis = createBasis(basisName, s.inF);
    const x = tf.randomUniform([s.batch, s.inF], -1, 1);
    const w = tf.randomUniform([s.inF * basis.size, s.out], -0.1, 0.1);
    const state = initialState(basis);
    const contenders = {
      'fused fwd': () => basisLinear(x, w, basis, state),
      'generic fwd': () => genericBasisLinear(x, w, basis, state),
      'fused fwd+bwd': () => { const [a, b] = tf.grads((p, q) => tf.sum(basisLinear(p, q, basis, state)))([x, w]); return tf.add(tf.sum(a), tf.sum(b)); },
      'generic fwd+bwd': () => { const [a, b] = tf.grads((p, q) => tf.sum(genericBasisLinear(p, q, basis, state)))([x, w]); return tf.add(tf.sum(a), tf.sum(b)); },
    };
    // Throughput: BURST calls back to back, one read at the end (the GPU stays busy, as in training).
    const BURST = s.batch >= 1024 ? 5 : 20;
    const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
    for (let r = -3; r < REPEATS; r++) {
      for (const [name, f] of Object.entries(contenders)) {
        const start = performance.now();
        const outs = [];
        for (let b = 0; b < BURST; b++) outs.push(tf.tidy(f));
        await tf.sum(outs[outs.length - 1]).data(); // wait for the GPU
        const ms = (performance.now() - start) / BURST;
        tf.dispose(outs);
        if (r >= 0) times[name].push(ms);
      }
    }
    // Correctness on this device: fused against generic, forward and both gradients.
    const check = async (op) => {
      const r = tf.randomUniform([s.batch, s.out], -1, 1, 'float32', 7);
      const outs = tf.tidy(() => { const [a, b] = tf.grads((p, q) => tf.sum(tf.mul(op(p, q, basis, state), r)))([x, w]); return [op(x, w, basis, state), a, b]; });
      const data = await Promise.all(outs.map((t) => t.data()));
      tf.dispose([r, ...outs]);
      return data;
    };
    const [fusedData, genericData] = [await check(basisLinear), await check(genericBasisLinear)];
    const relErr = (a, b) => { let d = 0, m = 0; for (let i = 0; i < b.length; i++) { d = Math.max(d, Math.abs(a[i] - b[i])); m = Math.max(m, Math.abs(b[i])); } return d / m; };
    const errors = fusedData.map((a, i) => relErr(a, genericData[i]).toExponential(1));
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, +median(v).toFixed(3)]));
    m['rel err y/dx/dW'] = errors.join(' ');
    rows.push({ basis: basisName, shape: s.name, ...m, 'fwd ×': +(m['generic fwd'] / m['fused fwd']).toFixed(2), 'fwd+bwd ×': +(m['generic fwd+bwd'] / m['fused fwd+bwd']).toFixed(2) });
    tf.dispose([x, w, ...Object.values(state)]);
  }
}
console.table(rows);
console.log(JSON.stringify(rows));
