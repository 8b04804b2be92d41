// A/B timing of the fused KanBasisLinear kernels (forward, dx, dW) of this build (fp32, and TF32) against another
// build's, in one process on one GPU, interleaved: every repeat times each contender once, the first one
// rotating. Give the other build's dist folder (e.g. an older commit's packages/backend-cuda/dist); each
// compiles its own kernels. Prints a markdown table of median microseconds per call (each sample: `inner`
// calls, then a device sync) and this build's GFLOP/s (2·B·in·K·out per call).
//
//   node tools/perf/cuda/ab-fused.mjs OTHER_DIST [--repeats 15] > ab.md
import * as tf from '@tensorflow/tfjs-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createBasis } from '@kanjs/basis-core';
import '@kanjs/basis-bspline/register';
import '@kanjs/basis-gaussian/register';
import { basisLinearInputs } from '../lib/basis-linear-inputs.mjs';
import '@kanjs/backend-cuda';
import { BASIS_LINEAR_CUDA_KERNELS as THIS } from '../../../packages/backend-cuda/dist/kernels/basis-linear.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { repeats: { type: 'string', default: '15' } } });
if (positionals.length !== 1) {
  console.error('usage: ab-fused.mjs OTHER_DIST [--repeats N]');
  process.exit(1);
}
const { BASIS_LINEAR_CUDA_KERNELS: OTHER } = await import(pathToFileURL(resolve(positionals[0], 'kernels/basis-linear.js')).href);
const repeats = Number(values.repeats);

await tf.setBackend('cuda');
const backend = tf.backend();

const CASES = [
  { name: '784→64 @64 (MNIST layer 1)', B: 64, IN: 784, OUT: 64 },
  { name: '64→10 @64 (MNIST layer 2)', B: 64, IN: 64, OUT: 10 },
  { name: '784→64 @1024', B: 1024, IN: 784, OUT: 64 },
  { name: '100→100 @8', B: 8, IN: 100, OUT: 100 },
  { name: '1024→1024 @4096', B: 4096, IN: 1024, OUT: 1024 },
];
const BASES = [{ name: 'gaussian' }, { name: 'bspline' }];
const OPS = ['forward', 'gradInput', 'gradWeight'];
const kernelOf = (set, op) => set.find((k) => k.kernelName === { forward: 'KanBasisLinear', gradInput: 'KanBasisLinearGradInput', gradWeight: 'KanBasisLinearGradWeight' }[op]);

function inputsFor(op, t) {
  if (op === 'forward') return [t.x, t.w, ...t.state];
  if (op === 'gradInput') return [t.dy, t.x, t.w, ...t.state];
  return [t.dy, t.x, ...t.state];
}

function sample(kernel, inputs, attrs, inner) {
  const start = performance.now();
  for (let n = 0; n < inner; n++) {
    const out = kernel.kernelFunc({ inputs, backend, attrs });
    backend.disposeData(out.dataId);
  }
  backend.native.synchronize();
  return ((performance.now() - start) * 1000) / inner;
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

console.log(`A/B of the fused kernels: this build against ${positionals[0]}; median µs per call over ${repeats} interleaved repeats\n`);
console.log('| shape | basis | op | this µs | other µs | other / this | this GFLOP/s | this, TF32 µs | TF32 GFLOP/s |');
console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const c of CASES) {
  for (const spec of BASES) {
    const basis = createBasis(spec, c.IN);
    const K = basis.size;
    const t = basisLinearInputs(basis, c);
    for (const op of OPS) {
      const contenders = [
        { kernel: kernelOf(THIS, op), tf32: false },
        { kernel: kernelOf(OTHER, op), tf32: false },
        { kernel: kernelOf(THIS, op), tf32: true },
      ];
      const inputs = inputsFor(op, t);
      const attrs = { basis };
      const run = (who, inner) => {
        backend.tf32 = who.tf32;
        return sample(who.kernel, inputs, attrs, inner);
      };
      const warm = contenders.map((who) => run(who, 2)); // compiles, then one more call
      const inner = Math.max(1, Math.min(200, Math.round(20000 / Math.max(...warm))));
      const times = contenders.map(() => []);
      for (let r = 0; r < repeats; r++) {
        for (let j = 0; j < contenders.length; j++) {
          const i = (r + j) % contenders.length;
          times[i].push(run(contenders[i], inner));
        }
      }
      backend.tf32 = false;
      const [a, b, c32] = times.map(median);
      const flop = 2 * c.B * c.IN * K * c.OUT;
      console.log(`| ${c.name} | ${spec.name} | ${op} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(2)}× | ${(flop / (a * 1e3)).toFixed(0)} | ${c32.toFixed(1)} | ${(flop / (c32 * 1e3)).toFixed(0)} |`);
    }
    t.dispose();
  }
}
