// The table of a torch-vs-wasm.sh run: per case and mode, the median over the rounds of PyTorch's and kanjs's
// medians, kanjs's speed relative to PyTorch (PyTorch ms / kanjs ms: above 1, kanjs is faster) and whether issue
// 19's target (kanjs takes no longer) is met. Writes OUT_DIR/torch-vs-wasm.md and OUT_DIR/torch-vs-wasm.json (the
// table, the machine and every round's results).
//
//   node tools/perf/cpu/torch-vs-wasm-report.mjs --rounds-dir DIR [--out-dir benchmarks/cpu] [--command TEXT]
//
// DIR holds round-<n>-torch.json (torch_cpu_anchor.py) and round-<n>-kanjs.json (wasm_anchor.mjs) for n = 1, 2, …
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median } from '../lib/timing.mjs';

const { values } = parseArgs({
  options: { 'rounds-dir': { type: 'string' }, 'out-dir': { type: 'string', default: 'benchmarks/cpu' }, command: { type: 'string' } },
});
const dir = values['rounds-dir'];
if (dir === undefined) throw new Error('torch-vs-wasm-report: expected --rounds-dir DIR, found none.');
const plan = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url), 'utf8'));

/** The rounds in DIR, in order, each { torch, kanjs }; both runners' files must be there for every round. */
function readRounds() {
  const numbers = [...new Set(readdirSync(dir).flatMap((f) => f.match(/^round-(\d+)-(torch|kanjs)\.json$/)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
  if (numbers.length === 0) throw new Error(`torch-vs-wasm-report: expected round-<n>-torch.json and round-<n>-kanjs.json in ${dir}, found none.`);
  return numbers.map((n) => {
    const read = (runner, expected) => {
      const file = path.join(dir, `round-${n}-${runner}.json`);
      if (!existsSync(file)) throw new Error(`torch-vs-wasm-report: expected ${file} for round ${n}, found none.`);
      const result = JSON.parse(readFileSync(file, 'utf8'));
      if (result.runner !== expected) throw new Error(`torch-vs-wasm-report: expected runner ${expected} in ${file}, found ${result.runner}.`);
      return result;
    };
    return { round: n, torch: read('torch', 'pytorch'), kanjs: read('kanjs', 'kanjs-wasm') };
  });
}

/** ms of one case and mode in a runner's result, or one clear error. */
function msOf(result, file, name, mode) {
  const entry = result.results.find((r) => r.case === name && r.mode === mode);
  if (entry === undefined) throw new Error(`torch-vs-wasm-report: expected "${name}" ${mode} in ${file}, found none.`);
  return entry.ms;
}

/** The CPU model and processor count from /proc/cpuinfo, and core 0's thread siblings. */
function machine() {
  const text = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const siblings = '/sys/devices/system/cpu/cpu0/topology/thread_siblings_list';
  return {
    cpuModel: text.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? 'unknown',
    processors: (text.match(/^processor\s*:/gm) ?? []).length,
    nproc: Number(execSync('nproc --all', { encoding: 'utf8' }).trim()),
    cpu0ThreadSiblings: existsSync(siblings) ? readFileSync(siblings, 'utf8').trim() : 'unknown',
  };
}

function commit() {
  if (process.env.KANJS_COMMIT) return process.env.KANJS_COMMIT;
  try {
    const head = execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execSync('git status --porcelain', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return head + (dirty ? ' + working tree' : '');
  } catch {
    return 'unknown';
  }
}

const rounds = readRounds();
const rows = plan.cases.flatMap((case_) =>
  plan.modes.map((mode) => {
    const torch = rounds.map(({ round, torch: r }) => msOf(r, `round ${round} (PyTorch)`, case_.name, mode));
    const kanjs = rounds.map(({ round, kanjs: r }) => msOf(r, `round ${round} (kanjs)`, case_.name, mode));
    const torchMs = median(torch);
    const kanjsMs = median(kanjs);
    return { case: case_.name, mode, torchMs, kanjsMs, speed: torchMs / kanjsMs, target: case_.target ? kanjsMs <= torchMs : null, torchRounds: torch, kanjsRounds: kanjs };
  }),
);

const first = rounds[0];
const report = {
  commit: commit(),
  date: new Date().toISOString().slice(0, 10),
  command: values.command ?? null,
  machine: machine(),
  pinning: 'taskset -c 0,1, OMP_NUM_THREADS=2',
  torch: first.torch.torch,
  torchThreads: first.torch.threads,
  torchRead: first.torch.read,
  originals: first.torch.originals,
  tfjs: first.kanjs.tfjs,
  node: first.kanjs.node,
  wasm: first.kanjs.wasm,
  method: plan,
  rows,
  rounds,
};

const ms = (v) => (v < 1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v.toFixed(1));
const mdLines = [
  '# kanjs on wasm against PyTorch on the CPU, 2 cores (taskset -c 0,1), issue 19',
  '',
  `commit ${report.commit}, ${report.date}; ${report.machine.processors} processors on the machine (nproc ${report.machine.nproc}), ${report.machine.cpuModel}; core 0's thread siblings: ${report.machine.cpu0ThreadSiblings}.`,
  '',
  `- PyTorch ${report.torch}, ${report.torchThreads} threads, OMP_NUM_THREADS=2: the original code, fast-kan ${report.originals['fast-kan']} and efficient-kan ${report.originals['efficient-kan']} ([anchors/](../../tools/perf/cpu/anchors/README.md)); forward read with ${report.torchRead}.`,
  `- kanjs: tfjs ${report.tfjs} on wasm with @kanjs/backend-wasm's fused kernels (${report.wasm.fusedKernels}), node ${report.node}; tfjs-wasm: ${report.wasm.threads} thread(s) of ${report.wasm.threadsRequested} asked for, ${report.wasm.threading}; the fused kernels: ${report.wasm.kernelThreads ?? 1} thread(s)${report.wasm.kernelThreading ? ` (${report.wasm.kernelThreading})` : ' (worker threads on one shared wasm memory)'}; forward read with ${first.kanjs.read}.`,
  `- Each figure: the median over ${rounds.length} interleaved rounds (PyTorch, kanjs, PyTorch, …) of each run's median of ${plan.samples} samples (after ${plan.warmup} warm-up calls; a sample lasts about ${plan.minSampleMs} ms). forward: forward + read back under no_grad; forward-backward: the sum's gradients with respect to every trainable weight. Default options (fast-kan: LayerNorm, 8 Gaussians on [-2, 2], SiLU base; efficient-kan: B-spline G = 5, k = 3), float32, x uniform on [-1, 1].`,
  '- speed: PyTorch ms / kanjs ms (above 1: kanjs is faster). target: issue 19 asks that kanjs take no longer than PyTorch for the layers; the networks are for reference.',
  '',
  '| case | mode | PyTorch (ms) | kanjs wasm (ms) | kanjs speed vs PyTorch | target met |',
  '| --- | --- | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.case} | ${r.mode} | ${ms(r.torchMs)} | ${ms(r.kanjsMs)} | ${r.speed.toFixed(2)}× | ${r.target === null ? '—' : r.target ? 'yes' : 'no'} |`),
  '',
  `Command (from the repository root): \`${report.command ?? 'node tools/perf/cpu/torch-vs-wasm-report.mjs'}\`. Every round's figures are in [torch-vs-wasm.json](torch-vs-wasm.json).`,
];
writeFileSync(path.join(values['out-dir'], 'torch-vs-wasm.md'), mdLines.join('\n') + '\n');
writeFileSync(path.join(values['out-dir'], 'torch-vs-wasm.json'), JSON.stringify(report, null, 2) + '\n');
console.log(mdLines.join('\n'));
