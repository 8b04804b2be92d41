// Summarises a Node .cpuprofile: self time by where the code lives (tfjs-core, tfjs-layers, a @kanjs package,
// Node internals, the addon and GC as V8 reports them), then the functions with the most self time.
//
//   node tools/perf/cuda/cpuprofile-summary.mjs prof/CPU.*.cpuprofile [--top 30]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
if (positionals.length !== 1) throw new Error(`Expected one .cpuprofile path, got ${positionals.length}.`);
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
}

function place(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native: addon calls, builtins)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url) ?? /packages\/([^/]+)\//.exec(url);
  if (pkg) return pkg[1].startsWith('@') || url.includes('node_modules') ? pkg[1] : `@kanjs/${pkg[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

const byPlace = new Map();
const byFunction = new Map();
let total = 0;
for (const [id, us] of selfUs) {
  const { callFrame } = nodes.get(id);
  const where = place(callFrame.url, callFrame.functionName);
  byPlace.set(where, (byPlace.get(where) ?? 0) + us);
  const fn = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  total += us;
}
const row = (name, us) => `| ${name} | ${(us / 1000).toFixed(1)} | ${((100 * us) / total).toFixed(1)}% |`;
console.log(`${(total / 1e6).toFixed(2)} s sampled\n\n| where | self ms | share |\n| --- | ---: | ---: |`);
for (const [name, us] of [...byPlace].sort((a, b) => b[1] - a[1])) console.log(row(name, us));
console.log(`\n| function | self ms | share |\n| --- | ---: | ---: |`);
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(row(name.replaceAll('|', '\\|'), us));
