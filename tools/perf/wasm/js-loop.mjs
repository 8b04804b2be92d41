// For the `cpu` backend, whose tensors are JS typed arrays: the fused forward as the wasm module on copies (what
// @kanjs/backend-wasm registers) against the same math as a plain JS loop, interleaved: a Gaussian layer
// 784 → 64, K = 8, batch 64. Prints medians and the median ratio.
//
//   npm run build && node tools/perf/wasm/js-loop.mjs [--repeats 15]
import '@kanjs/basis-gaussian/register';
import { createBasis } from '@kanjs/basis-core';
import { fusedForward } from '../../../packages/backend-wasm/dist/kernels/fused-basis-linear.js';
import { loadKernelModule } from '../../../packages/backend-wasm/dist/wasm/module.js';
import { median, numberArg } from '../lib/timing.mjs';

await loadKernelModule();
const repeats = numberArg('repeats', 15);
const [B, I, K, O] = [64, 784, 8, 64];
const basis = createBasis({ name: 'gaussian', numCenters: K }, I);
const x = Float32Array.from({ length: B * I }, (_, i) => Math.sin(i));
const w = Float32Array.from({ length: I * K * O }, (_, i) => Math.cos(i) / 100);
const centres = basis.stateSpecs[0].initial();
const h = basis.cpu.width;

/** y = Σᵢ Σₖ exp(−((x − cₖ)/h)²)·W[i·K + k, :], one row and one feature at a time. */
function jsForward() {
  const y = new Float32Array(B * O);
  const phi = new Float32Array(K);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < I; i++) {
      const xv = x[b * I + i];
      for (let k = 0; k < K; k++) {
        const z = (xv - centres[k]) / h;
        phi[k] = Math.exp(-z * z);
      }
      for (let k = 0; k < K; k++) {
        const p = phi[k];
        const row = (i * K + k) * O;
        for (let o = 0; o < O; o++) y[b * O + o] += p * w[row + o];
      }
    }
  }
  return y;
}
const wasmForward = () => fusedForward({ basis, x, batch: B, state: centres }, w, O);

const times = { js: [], wasm: [] };
const ratios = [];
for (let r = -3; r < repeats; r++) {
  const took = {};
  for (const [name, f] of r % 2 === 0 ? [['js', jsForward], ['wasm', wasmForward]] : [['wasm', wasmForward], ['js', jsForward]]) {
    const start = performance.now();
    f();
    took[name] = performance.now() - start;
  }
  if (r < 0) continue;
  times.js.push(took.js);
  times.wasm.push(took.wasm);
  ratios.push(took.js / took.wasm);
}
let diff = 0;
const [a, b] = [jsForward(), wasmForward()];
for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
console.log(`| forward 784 → 64, K 8, batch 64 | JS loop (ms) | wasm module on copies (ms) | ratio | max |Δy| |`);
console.log(`| --- | ---: | ---: | ---: | ---: |`);
console.log(`| medians of ${repeats} | ${median(times.js).toFixed(2)} | ${median(times.wasm).toFixed(2)} | ${median(ratios).toFixed(1)}× | ${diff.toExponential(1)} |`);
