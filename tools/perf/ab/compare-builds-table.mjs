// The table of a compare-builds.sh run: per case, layer · basis and op, the median ms of every run in the folder
// (other-N, this-N, tf32-N), and mean(other) / mean(this).
//
//   node tools/perf/ab/compare-builds-table.mjs OUT_DIR > table.md
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (dir === undefined) throw new Error('Expected the folder of a compare-builds.sh run, got no argument.');
const order = (name) => [Number(/-(\d+)$/.exec(name)?.[1] ?? 0), ['other', 'this', 'tf32'].indexOf(name.split('-')[0])];
const names = readdirSync(dir).filter((f) => /^(other|this|tf32)-\d+\.json$/.test(f)).map((f) => f.slice(0, -5))
  .sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1]);
if (names.length === 0) throw new Error(`Expected other-N.json and this-N.json in ${dir}, found none.`);
const runs = Object.fromEntries(names.map((name) => {
  const { measurements } = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  return [name, new Map(measurements.filter((m) => m.variant === 'layer').map((m) => [`${m.caseId} | ${m.layer} · ${m.basis} | ${m.op}`, m.timeMs.median]))];
}));
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const fmt = (v) => (v === undefined ? '—' : v.toPrecision(3));
console.log(`| case | layer · basis | op | ${names.join(' | ')} | other / this |`);
console.log(`| --- | --- | --- | ${names.map(() => '---:').join(' | ')} | ---: |`);
for (const key of runs[names[0]].keys()) {
  const of = (prefix) => names.filter((n) => n.startsWith(prefix)).map((n) => runs[n].get(key)).filter((v) => v !== undefined);
  console.log(`| ${key} | ${names.map((n) => fmt(runs[n].get(key))).join(' | ')} | ${(mean(of('other')) / mean(of('this'))).toFixed(2)}× |`);
}
