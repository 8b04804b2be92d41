// The table of kernel-threads.sh: per case and mode, the fastest round with the fused kernels on 1 thread and on 2,
// and their ratio. Usage: node tools/perf/cpu/kernel-threads-report.mjs DIR COMMAND > kernel-threads.md
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, command] = process.argv.slice(2);
if (!dir || !command) throw new Error('kernel-threads-report: expected DIR and COMMAND, e.g. benchmarks/cpu/kernel-threads "bash tools/perf/cpu/kernel-threads.sh 3".');
const runs = { 1: [], 2: [] };
for (const name of readdirSync(dir).filter((f) => /^[12]-round-\d+\.json$/.test(f)).sort()) runs[name[0]].push(JSON.parse(readFileSync(join(dir, name), 'utf8')));
if (runs[1].length === 0 || runs[2].length === 0) throw new Error(`kernel-threads-report: expected 1-round-N.json and 2-round-N.json in ${dir}, found ${runs[1].length} and ${runs[2].length}.`);
const fastest = (list, r) => Math.min(...list.map((run) => run.results.find((x) => x.case === r.case && x.mode === r.mode).ms));
const fmt = (ms) => (ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const rows = runs[1][0].results.map((r) => {
  const [one, two] = [fastest(runs[1], r), fastest(runs[2], r)];
  return `| ${r.case} | ${r.mode} | ${fmt(one)} | ${fmt(two)} | ${(one / two).toFixed(2)}× |`;
});
const details = runs[2][0].wasm;
console.log(`# @kanjs/backend-wasm's fused kernels on 1 thread and on 2, 2 cores (taskset -c 0,1), issue 19

commit ${process.env.KANJS_COMMIT ?? 'unknown (set KANJS_COMMIT)'}; node ${runs[2][0].node}, tfjs ${runs[2][0].tfjs}; ${runs[1].length} rounds of each, alternating (1 thread, 2 threads, …), each a fresh process; every figure is the fastest round's median (wasm_anchor.mjs: 5 warm-up calls, 7 samples of about 50 ms). With 2: ${details.kernelThreads} kernel thread(s)${details.kernelThreading ? ` (${details.kernelThreading})` : ''}.

| case | mode | 1 thread (ms) | 2 threads (ms) | speed-up |
| --- | --- | ---: | ---: | ---: |
${rows.join('\n')}

Command (from the repository root): \`${command}\`. Every round is in [kernel-threads/](kernel-threads/).`);
