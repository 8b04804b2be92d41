// The table of a build-ab.sh run: per case and mode of tools/perf/cpu/cases.json, the median over the rounds of
// each build's wasm_anchor.mjs median (before: the earlier commit's dists; after: this checkout's), and the speed-up,
// the median of the per-round ratios before/after. Writes OUT (markdown) and OUT with .json for .md (every round).
//
//   node tools/perf/wasm/build-ab-report.mjs --rounds-dir DIR --before SHA --out FILE.md [--command TEXT]
//
// DIR holds round-<n>-before.json and round-<n>-after.json (wasm_anchor.mjs) for n = 1, 2, …
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median } from '../lib/timing.mjs';

const { values } = parseArgs({ options: { 'rounds-dir': { type: 'string' }, before: { type: 'string' }, out: { type: 'string' }, command: { type: 'string' } } });
const dir = values['rounds-dir'];
if (dir === undefined || values.out === undefined) throw new Error('build-ab-report: expected --rounds-dir DIR and --out FILE.md, found too few.');
const plan = JSON.parse(readFileSync(new URL('../cpu/cases.json', import.meta.url), 'utf8'));
const numbers = [...new Set(readdirSync(dir).flatMap((f) => f.match(/^round-(\d+)-(before|after)\.json$/)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
if (numbers.length === 0) throw new Error(`build-ab-report: expected round-<n>-before.json and round-<n>-after.json in ${dir}, found none.`);
const rounds = numbers.map((n) => Object.fromEntries(['before', 'after'].map((build) => [build, JSON.parse(readFileSync(path.join(dir, `round-${n}-${build}.json`), 'utf8'))])));

function msOf(result, name, mode) {
  const entry = result.results.find((r) => r.case === name && r.mode === mode);
  if (entry === undefined) throw new Error(`build-ab-report: expected ${name} ${mode} in every round, found it missing.`);
  return entry.ms;
}

const rows = plan.cases.flatMap((c) =>
  plan.modes.map((mode) => {
    const before = rounds.map((r) => msOf(r.before, c.name, mode));
    const after = rounds.map((r) => msOf(r.after, c.name, mode));
    return { case: c.name, mode, before: median(before), after: median(after), speedup: median(before.map((b, i) => b / after[i])) };
  }),
);
const f = (ms) => (ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim() + (execSync('git status --porcelain', { encoding: 'utf8' }).trim() ? ' + working tree' : '');
} catch {}
const first = rounds[0].after;
const lines = [
  `before: commit ${values.before}; after: commit ${commit}. ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${first.node}, tfjs ${first.tfjs} on wasm (${first.wasm?.threads ?? '?'} thread(s)), pinned with taskset -c 0,1. Each figure: the median over ${rounds.length} rounds (before and after in separate processes, the first alternating) of each run's median of ${plan.samples} samples (wasm_anchor.mjs); speed-up: the median of the per-round ratios before/after.`,
  '',
  '| case | mode | before (ms) | after (ms) | speed-up |',
  '| --- | --- | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.case} | ${r.mode} | ${f(r.before)} | ${f(r.after)} | ${r.speedup.toFixed(2)}× |`),
  '',
  ...(values.command ? [`Command (from the repository root): \`${values.command}\`.`] : []),
];
writeFileSync(values.out, lines.join('\n') + '\n');
writeFileSync(values.out.replace(/\.md$/, '') + '.json', JSON.stringify({ before: values.before, after: commit, rows, rounds }, null, 2) + '\n');
console.log(lines.join('\n'));
