// The times of each phase of pykan's headline tutorial (packages/interpret/examples/tutorial.mjs) on one
// backend, and its formula's error. Run from the repository root after building @kanjs/interpret:
//
//     taskset -c 0,1 node tools/perf/interpret/tutorial-timing.mjs [--backend wasm|cpu]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { tutorial } from '../../../packages/interpret/examples/tutorial.mjs';

const flag = process.argv.indexOf('--backend');
const backend = flag < 0 ? 'wasm' : process.argv[flag + 1];
await tf.setBackend(backend);
const phases = [];
const start = performance.now();
const { error, widths } = tutorial({ onPhase: (name, seconds) => phases.push([name, seconds]) });
const total = (performance.now() - start) / 1000;
console.log(`backend ${tf.getBackend()}, node ${process.version}`);
console.log('| phase | seconds |\n| --- | --- |');
for (const [name, seconds] of phases) console.log(`| ${name} | ${seconds.toFixed(2)} |`);
console.log(`| all (with the plots) | ${total.toFixed(2)} |`);
console.log(`widths after pruning [${widths.join(', ')}], largest relative error of the formula ${error.toExponential(2)}`);
