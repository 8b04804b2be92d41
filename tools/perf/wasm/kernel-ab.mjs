// The fused basis-linear kernels of two builds of @kanjs/backend-wasm's wasm module in one process, interleaved
// sample by sample (so that a busy machine slows both alike): forward, dx (with W's transposed packing) and dW,
// for the Gaussian (K 8 on [-2, 2], FastKAN's default), the cubic B-spline (G 5, K 8) and SiLU (K 1), at FastKAN's anchor
// sizes 100→100 @8 and 784→64 @64, on x uniform on [-2, 2] (the Gaussians' grid, where LayerNorm puts most
// inputs); and how far the two builds' outputs are apart (max |a − b| / max |b|). BEFORE is a backend-wasm dist
// (tools/perf/ab/build-dist-at.sh COMMIT DIR packages/backend-wasm).
//
//   taskset -c 0,1 node tools/perf/wasm/kernel-ab.mjs BEFORE_DIST [--repeats 15] [--sample-ms 30]     (after npm run build)
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median, relativeError } from '../lib/timing.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { repeats: { type: 'string', default: '15' }, 'sample-ms': { type: 'string', default: '30' } } });
if (positionals.length !== 1) throw new Error('kernel-ab: expected one argument, the dist folder of the other build, found ' + positionals.length + '.');
const bytesOf = async (dist) => (await import(pathToFileURL(path.resolve(dist, 'wasm/module-bytes.js')).href)).MODULE_BASE64;
const instance = async (base64) => (await WebAssembly.instantiate(Buffer.from(base64, 'base64'))).instance.exports;
const builds = { before: await instance(await bytesOf(positionals[0])), after: await instance(await bytesOf('packages/backend-wasm/dist')) };

// K and the features per tile as src/kernels/fused-basis-linear.ts picks them (about 256 values a tile row)
const BASES = {
  // kind 0: centres linspace(-2, 2, 8) padded to a multiple of 4; param 1/h
  gaussian: { kind: 0, K: 8, features: 32, order: 0, knots: 0, param: 7 / 4, state: () => Float32Array.from({ length: 12 }, (_, j) => (j < 8 ? Math.fround(-2 + (4 * j) / 7) : 0)) },
  // kind 2: each input's 12 uniform knots on [-1, 1] (G 5, order 3)
  bspline: { kind: 2, K: 8, features: 32, order: 3, knots: 12, param: 0, state: (inF) => Float32Array.from({ length: inF * 12 + 4 }, (_, n) => Math.fround(-1 + ((n % 12) - 3) * 0.4)) },
  // kind 6: the SiLU base branch (K 1, no state)
  silu: { kind: 6, K: 1, features: 256, order: 0, knots: 0, param: 0, state: () => new Float32Array(0) },
};

/** The module buffers of one case, laid out as fused-basis-linear.ts lays them out, and its three calls. */
function setup(m, basis, inF, out, batch) {
  const { K, features: FEATURES } = basis;
  const batchP = Math.ceil(batch / 4) * 4;
  const outP = Math.ceil(out / 8) * 8;
  const tileRows = Math.min(64, batchP);
  const state = basis.state(inF);
  const sizes = { x: batchP * inF, w: inF * K * outP, wt: Math.ceil((inF * K) / 8) * 8 * out, state: state.length + 4, y: batchP * outP, a: tileRows * (FEATURES * K + 4) + 4, raw: inF * K * out, dy: batchP * outP, dw: inF * K * outP, dx: batchP * inF, g: 4 * FEATURES * K };
  let offset = (m.heapBase() + 15) & ~15;
  const at = Object.fromEntries(Object.entries(sizes).map(([name, n]) => [name, (offset += Math.ceil(n / 4) * 16) - Math.ceil(n / 4) * 16]));
  if (offset > m.memory.buffer.byteLength) m.memory.grow(Math.ceil((offset - m.memory.buffer.byteLength) / 65536));
  const view = (name, n = sizes[name]) => new Float32Array(m.memory.buffer, at[name], n);
  let seed = 1;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  view('x').fill(0).set(Float32Array.from({ length: batch * inF }, () => 4 * random() - 2));
  view('raw').set(Float32Array.from({ length: inF * K * out }, () => random() - 0.5));
  view('dy').fill(0);
  for (let b = 0; b < batch; b++) for (let o = 0; o < out; o++) view('dy')[b * outP + o] = random() - 0.5;
  view('state').fill(0).set(state);
  const { kind, order, knots, param } = basis;
  return {
    forward: () => {
      m.packPanels(at.raw, inF * K, out, at.w);
      m.forward(kind, at.x, batchP, inF, K, at.w, outP, at.state, order, knots, param, at.y, at.a, tileRows, FEATURES);
      return view('y');
    },
    dx: () => {
      m.packTransposed(at.raw, inF * K, out, at.wt);
      m.gradInput(kind, at.x, batchP, inF, K, at.wt, out, outP, at.state, order, knots, param, at.dy, at.dx, at.a, at.g, tileRows, FEATURES);
      return view('dx', batch * inF);
    },
    dW: () => {
      m.gradWeight(kind, at.x, batchP, inF, K, outP, at.state, order, knots, param, at.dy, at.dw, at.a, tileRows, FEATURES);
      return view('dw');
    },
  };
}

const repeats = Number(values.repeats);
const sampleMs = Number(values['sample-ms']);
console.log('| basis | size | kernel | before (ms) | after (ms) | speed-up | before vs after |');
console.log('| --- | --- | --- | ---: | ---: | ---: | ---: |');
for (const [name, basis] of Object.entries(BASES)) {
  for (const [inF, out, batch] of [[100, 100, 8], [784, 64, 64]]) {
    const calls = { before: setup(builds.before, basis, inF, out, batch), after: setup(builds.after, basis, inF, out, batch) };
    for (const kernel of ['forward', 'dx', 'dW']) {
      const start = performance.now();
      calls.after[kernel]();
      const n = Math.max(1, Math.ceil(sampleMs / (performance.now() - start)));
      const times = { before: [], after: [] };
      const ratios = [];
      for (let r = 0; r < repeats; r++) {
        const took = {};
        for (const build of r % 2 === 0 ? ['before', 'after'] : ['after', 'before']) {
          const t = performance.now();
          for (let i = 0; i < n; i++) calls[build][kernel]();
          took[build] = (performance.now() - t) / n;
          times[build].push(took[build]);
        }
        ratios.push(took.before / took.after);
      }
      const error = relativeError(calls.after[kernel]().slice(), calls.before[kernel]().slice());
      console.log(`| ${name} | ${inF}→${out} @${batch} | ${kernel} | ${median(times.before).toFixed(3)} | ${median(times.after).toFixed(3)} | ${median(ratios).toFixed(2)}× | ${error} |`);
    }
  }
}
