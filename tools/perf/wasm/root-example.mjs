// The root README's example (KANLinear [2, 5, 1], B-spline G = 8, 100 AdamW steps at batch 512 with the
// regulariser, then the RMSE read back) on cpu and wasm, with @kanjs/backend-wasm's fused kernels off and on,
// interleaved. Prints markdown: the median seconds of the 100 steps.
//
//   npm run build && node tools/perf/wasm/root-example.mjs [--repeats 3]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerFusedBasisLinear } from '@kanjs/kernels';
import { AdamW, kan, regularizationLoss } from '@kanjs/kan-layers';
import { registerWasmKernels, supportsBasis } from '@kanjs/backend-wasm';
import { median, numberArg } from '../lib/timing.mjs';

const repeats = numberArg('repeats', 3);
await registerWasmKernels();

/** Seconds for the example's model, data and 100 steps, and its train RMSE. */
function run() {
  const start = performance.now();
  const model = kan({ layers: [2, 5, 1], layer: 'kan-linear', basis: { name: 'bspline', gridSize: 8 }, seed: 1 });
  const x = tf.randomUniform([512, 2], -1, 1, 'float32', 1);
  const y = tf.add(tf.sin(tf.mul(2, tf.slice(x, [0, 0], [-1, 1]))), tf.square(tf.slice(x, [0, 1], [-1, 1])));
  const mse = () => tf.losses.meanSquaredError(y, model.apply(x));
  const optimizer = new AdamW(1e-2, 1e-4);
  for (let step = 0; step < 100; step++) optimizer.minimize(() => tf.add(mse(), tf.mul(1e-4, regularizationLoss(model))));
  const rmse = Math.sqrt(tf.tidy(() => mse().dataSync()[0]));
  const seconds = (performance.now() - start) / 1000;
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return { seconds, rmse };
}

console.log('| backend | generic (s) | fused (s) | speed-up | train RMSE generic / fused |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const backend of ['cpu', 'wasm']) {
  await tf.setBackend(backend);
  const times = { generic: [], fused: [] };
  const rmse = {};
  for (let r = 0; r < repeats; r++) {
    for (const mode of r % 2 === 0 ? ['generic', 'fused'] : ['fused', 'generic']) {
      registerFusedBasisLinear(backend, mode === 'fused' ? supportsBasis : () => false);
      const result = run();
      times[mode].push(result.seconds);
      rmse[mode] = result.rmse;
    }
  }
  const [g, f] = [median(times.generic), median(times.fused)];
  console.log(`| ${backend} | ${g.toFixed(2)} | ${f.toFixed(2)} | ${(g / f).toFixed(1)}× | ${rmse.generic.toFixed(4)} / ${rmse.fused.toFixed(4)} |`);
}
