// Quick timing of the spline-branch op on webgpu: fused kernels against the generic composition, interleaved
// in one run (medians of repeats after warm-up). The bench package has the full harness; this is the kernel
// developer's loop. Usage: node tools/perf/webgpu/fused-timing.mjs [--repeats 15]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { createBasis } from '@kanjs/basis-core';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { useBackend } from '@kanjs/backends';
import { numberArg, relativeError, timeBursts } from '../lib/timing.mjs';

const REPEATS = numberArg('repeats', 15);
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
    const m = await timeBursts(contenders, { burst: s.batch >= 1024 ? 5 : 20, repeats: REPEATS });
    // Correctness on this device: fused against generic, forward and both gradients.
    const check = async (op) => {
      const r = tf.randomUniform([s.batch, s.out], -1, 1, 'float32', 7);
      const outs = tf.tidy(() => { const [a, b] = tf.grads((p, q) => tf.sum(tf.mul(op(p, q, basis, state), r)))([x, w]); return [op(x, w, basis, state), a, b]; });
      const data = await Promise.all(outs.map((t) => t.data()));
      tf.dispose([r, ...outs]);
      return data;
    };
    const [fusedData, genericData] = [await check(basisLinear), await check(genericBasisLinear)];
    m['rel err y/dx/dW'] = fusedData.map((a, i) => relativeError(a, genericData[i])).join(' ');
    rows.push({ basis: basisName, shape: s.name, ...m, 'fwd ×': +(m['generic fwd'] / m['fused fwd']).toFixed(2), 'fwd+bwd ×': +(m['generic fwd+bwd'] / m['fused fwd+bwd']).toFixed(2) });
    tf.dispose([x, w, ...Object.values(state)]);
  }
}
console.table(rows);
console.log(JSON.stringify(rows));
