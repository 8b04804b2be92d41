// The times of each phase of pykan's headline tutorial (packages/interpret/examples/tutorial.mjs) on one
// backend, and its formula's error: wall seconds, and the process's CPU seconds (user + system, all its threads)
// since the previous phase ended (so a phase's CPU includes the plot drawn before it), which a busy machine
// disturbs less. Run from the repository root after building @kanjs/interpret:
//
//     taskset -c 0,1 node tools/perf/interpret/tutorial-timing.mjs [--backend wasm|cpu]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { tutorial } from '../../../packages/interpret/examples/tutorial.mjs';

const flag = process.argv.indexOf('--backend');
const backend = flag < 0 ? 'wasm' : process.argv[flag + 1];
await tf.setBackend(backend);
const phases = [];
const cpuSeconds = (usage) => (usage.user + usage.system) / 1e6;
const start = performance.now();
const startCpu = process.cpuUsage();
let lastCpu = startCpu;
const { error, widths } = tutorial({
  onPhase: (name, seconds) => {
    const now = process.cpuUsage();
    phases.push([name, seconds, cpuSeconds(process.cpuUsage(lastCpu))]);
    lastCpu = now;
  },
});
const total = (performance.now() - start) / 1000;
const totalCpu = cpuSeconds(process.cpuUsage(startCpu));
console.log(`backend ${tf.getBackend()}, node ${process.version}`);
console.log('| phase | seconds | CPU seconds |\n| --- | --- | --- |');
for (const [name, seconds, cpu] of phases) console.log(`| ${name} | ${seconds.toFixed(2)} | ${cpu.toFixed(2)} |`);
console.log(`| all (with the plots) | ${total.toFixed(2)} | ${totalCpu.toFixed(2)} |`);
console.log(`widths after pruning [${widths.join(', ')}], largest relative error of the formula ${error.toExponential(2)}`);
