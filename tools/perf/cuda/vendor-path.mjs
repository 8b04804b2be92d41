// KanBasisLinear's two cuda paths against each other and against the generic composition (evaluate + matMul), in
// one process, interleaved: the fused SIMT kernels (setBasisLinearPath('fused')), the chunked cuBLAS path
// ('vendor') and genericBasisLinear, forward and forward + backward (dx and dW), Gaussian and B-spline, fp32 and
// TF32. Every repeat runs each contender once as a burst of calls ending with one read; medians over repeats.
// Also: the peak device bytes each call adds (the backend's numBytesInGPUPeak, reset before the call: it counts
// the vendor path's scratch buffer, which is not a tensor), the forward's relative error against generic, and
// what `auto` picks. Shapes: the issue-17 cases, then a grid for the crossover (batch 64 … 16384 × width
// 256 … 4096, square layers). Prints a markdown table; writes everything as JSON to --out.
//
//   node tools/perf/cuda/vendor-path.mjs --out vendor-path.json [--repeats 7] [--no-grid | --grid-only] [--bases gaussian,bspline]
//        [--chunk-mib N] [--shapes 4096x4096@8192,...] > vendor-path.md
// --chunk-mib sets the vendor path's scratch budget (default VENDOR_CHUNK_BYTES); --shapes replaces the named cases.
import * as tf from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createBasis } from '@kanjs/basis-core';
import '@kanjs/basis-bspline/register';
import '@kanjs/basis-gaussian/register';
import { basisLinear, genericBasisLinear } from '@kanjs/kan-layers';
import { autoBasisLinearPath, setBasisLinearPath, VENDOR_CHUNK_BYTES } from '@kanjs/backend-cuda';
import { basisLinearInputs } from '../lib/basis-linear-inputs.mjs';
import { median, relativeError } from '../lib/timing.mjs';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    repeats: { type: 'string', default: '7' },
    'no-grid': { type: 'boolean', default: false },
    'grid-only': { type: 'boolean', default: false },
    bases: { type: 'string', default: 'gaussian,bspline' },
    'chunk-mib': { type: 'string' },
    shapes: { type: 'string' },
  },
});
if (values.out === undefined) {
  console.error('usage: vendor-path.mjs --out FILE.json [--repeats 7] [--no-grid | --grid-only] [--bases gaussian,bspline]');
  process.exit(1);
}
const repeats = Number(values.repeats);
const chunkBytes = values['chunk-mib'] === undefined ? VENDOR_CHUNK_BYTES : Number(values['chunk-mib']) * 2 ** 20;
if (!(chunkBytes > 0)) throw new Error(`--chunk-mib must be a positive number, got ${values['chunk-mib']}.`);

await tf.setBackend('cuda');
const backend = tf.backend();

const named = (IN, OUT, B, note) => ({ name: `${IN}→${OUT} @${B}`, IN, OUT, B, note });
const parseShape = (text) => {
  const m = /^(\d+)x(\d+)@(\d+)$/.exec(text);
  if (!m) throw new Error(`--shapes takes INxOUT@BATCH items such as 4096x4096@8192, got ${text}.`);
  return named(Number(m[1]), Number(m[2]), Number(m[3]), 'asked for');
};
const CASES = values['grid-only']
  ? []
  : values.shapes !== undefined ? values.shapes.split(',').map(parseShape) : [named(1024, 1024, 4096, 'issue 17'), named(4096, 4096, 8192, 'issue 17, large'), named(784, 64, 64, 'MNIST layer 1'), named(100, 100, 8, 'the paper layer')];
if (!values['no-grid']) {
  for (const width of [256, 1024, 4096]) for (const B of [64, 256, 1024, 4096, 16384]) CASES.push(named(width, width, B, 'grid'));
}
const PATHS = ['fused', 'vendor', 'generic'];

/** One call of a contender: y (forward), or dW after dx and dW (forward + backward). */
function call(path, op, t, basis) {
  if (path !== 'generic') setBasisLinearPath(path, { chunkBytes });
  const run = path === 'generic' ? genericBasisLinear : basisLinear;
  if (op === 'forward') return run(t.x, t.w, basis, t.stateMap);
  const [, dw] = tf.grads((a, w) => tf.sum(run(a, w, basis, t.stateMap)))([t.x, t.w]);
  return dw;
}

/** ms per call of a burst of `burst` calls ending with a one-value read. */
async function burstMs(f, burst) {
  const start = performance.now();
  const outs = [];
  for (let b = 0; b < burst; b++) outs.push(tf.tidy(f));
  const probe = tf.tidy(() => tf.slice(tf.reshape(outs[outs.length - 1], [-1]), [0], [1]));
  await probe.data();
  const ms = (performance.now() - start) / burst;
  tf.dispose([probe, ...outs]);
  return ms;
}

/** Device bytes one call adds at its peak, above what was in use before it. */
async function peakAdded(f) {
  backend.resetMemoryPeak();
  const before = tf.memory().numBytesInGPU;
  const out = tf.tidy(f);
  await out.data();
  const peak = tf.memory().numBytesInGPUPeak - before;
  out.dispose();
  return peak;
}

const results = [];
const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
console.log(`KanBasisLinear on ${backend.device.name}: fused SIMT vs chunked cuBLAS (vendor, ${chunkBytes / 2 ** 20} MiB chunks) vs generic; median ms per call over ${repeats} interleaved repeats\n`);
console.log('| shape | basis | precision | op | fused ms | vendor ms | generic ms | fused / vendor | generic / best path | auto picks | peak MB fused / vendor / generic | forward error vendor, fused |');
console.log('| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |');
for (const c of CASES) {
  for (const name of values.bases.split(',')) {
    const basis = createBasis(name, c.IN);
    const K = basis.size;
    const t = basisLinearInputs(basis, c);
    for (const tf32 of [false, true]) {
      backend.tf32 = tf32;
      const precision = tf32 ? 'tf32' : 'fp32';
      const auto = autoBasisLinearPath({ batch: c.B, inFeatures: c.IN, outFeatures: c.OUT, size: K }, tf32);
      // A contender that fails (the generic composition out of memory at the largest shapes) is left out, with its reason.
      const failures = {};
      const forwards = {};
      for (const path of PATHS) {
        try {
          const y = tf.tidy(() => call(path, 'forward', t, basis));
          forwards[path] = await y.data();
          y.dispose();
        } catch (error) {
          failures[path] = error.message.split('\n')[0];
        }
      }
      const errorOf = (path) => (forwards[path] && forwards.generic ? relativeError(forwards[path], forwards.generic) : 'n/a');
      const errors = { vendor: errorOf('vendor'), fused: errorOf('fused') };
      for (const path of Object.keys(forwards)) delete forwards[path];
      for (const op of ['forward', 'forward-backward']) {
        const fs = PATHS.map((path) => () => call(path, op, t, basis));
        const alive = PATHS.map((path) => failures[path] === undefined);
        const guarded = async (i, burst) => {
          try {
            return await burstMs(fs[i], burst);
          } catch (error) {
            failures[PATHS[i]] = error.message.split('\n')[0];
            alive[i] = false;
            return NaN;
          }
        };
        for (let i = 0; i < fs.length; i++) if (alive[i]) await guarded(i, 1); // compiles the kernels
        const once = fs.map(() => NaN);
        for (let i = 0; i < fs.length; i++) if (alive[i]) once[i] = await guarded(i, 1);
        const slowest = Math.max(...once.filter((ms) => Number.isFinite(ms)), 1e-3);
        const burst = Math.max(1, Math.min(50, Math.round(20 / slowest)));
        const times = fs.map(() => []);
        for (let r = 0; r < repeats; r++) {
          for (let j = 0; j < fs.length; j++) {
            const i = (r + j) % fs.length;
            if (alive[i]) times[i].push(await guarded(i, burst));
          }
        }
        const peaks = [];
        for (let i = 0; i < fs.length; i++) peaks.push(alive[i] ? await peakAdded(fs[i]) : NaN);
        const [fused, vendor, generic] = times.map((v, i) => (alive[i] && v.length > 0 ? median(v) : NaN));
        const row = { case: c.name, note: c.note, B: c.B, IN: c.IN, OUT: c.OUT, K, basis: name, precision, op, auto, burst, ms: { fused, vendor, generic }, samplesMs: Object.fromEntries(PATHS.map((p, i) => [p, times[i]])), peakAddedBytes: Object.fromEntries(PATHS.map((p, i) => [p, peaks[i]])), forwardRelativeError: errors, failures: { ...failures } };
        results.push(row);
        console.log(`| ${c.name} | ${name} | ${precision} | ${op} | ${fused.toFixed(3)} | ${vendor.toFixed(3)} | ${generic.toFixed(3)} | ${(fused / vendor).toFixed(2)}× | ${(generic / Math.min(fused, vendor)).toFixed(2)}× | ${auto} | ${peaks.map(mb).join(' / ')} | ${errors.vendor}, ${errors.fused} |`);
      }
    }
    setBasisLinearPath('auto');
    backend.tf32 = false;
    t.dispose();
  }
}
writeFileSync(values.out, `${JSON.stringify({ device: backend.device, repeats, chunkBytes, startedAt: new Date().toISOString(), results }, null, 1)}\n`);
console.log(`\nJSON: ${values.out}`);
