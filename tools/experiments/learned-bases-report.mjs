// Open question 3 (fixed against learned basis parameters): turns the result files of
// tools/experiments/learned-bases.sh into a markdown table and SVG charts. Every `*.json` that kanjs-mnist wrote
// (--json) in the folders given is one run; runs are grouped by model and basis options, each group's test
// accuracy summarised over its seeds.
//
//   node tools/experiments/learned-bases-report.mjs OUT_DIR [MORE_DIRS ...]
//        (writes OUT_DIR/README.md, OUT_DIR/learned-bases-error.svg, OUT_DIR/learned-bases-curves.svg)
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { barChart, lineChart } from '@kanjs/bench';

const dirs = process.argv.slice(2);
if (dirs.length === 0 || !dirs.every((d) => existsSync(d))) {
  throw new Error(`learned-bases-report: expected result folders as arguments, got ${dirs.join(' ') || 'nothing'}.`);
}
const out = dirs[0];
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v) => (v.length < 2 ? 0 : Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1)));
const pct = (v) => `${(100 * v).toFixed(2)}%`;

/** A readable name for a model and its basis options. */
function label(config) {
  const layer = config.layer === 'fastkan' ? 'FastKAN' : 'KANLinear';
  const options = config.basisOptions ?? {};
  if (config.basis === 'gaussian') return `${layer}, Gaussian, ${options.learnable ? 'learned centres and widths' : 'fixed centres'}`;
  if (config.basis === 'rational' && options.learnable) return `${layer}, group-rational (GR-KAN), ${options.groups ?? 1} groups`;
  if (config.basis === 'bspline' && Object.keys(options).length === 0) return `${layer}, cubic B-spline (fixed grid)`;
  return Object.keys(options).length === 0 ? `${layer}, ${config.basis}` : `${layer}, ${config.basis} ${JSON.stringify(options)}`;
}

const runs = dirs.flatMap((dir) =>
  readdirSync(dir).filter((f) => f.endsWith('.json')).map((file) => {
    const { config, epochs, final } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (config?.epochs === undefined || final?.testAccuracy === undefined) throw new Error(`${join(dir, file)}: not a kanjs-mnist --json result.`);
    return { file: join(dir, file), config, epochs, final, label: label(config) };
  }),
);
const recipe = new Set(runs.map((r) => `${r.config.epochs} epochs, batch ${r.config.batchSize}, lr ${r.config.lr}, wd ${r.config.weightDecay}, γ ${r.config.gamma}, ${r.config.dataset}, ${r.config.backend}`));
if (recipe.size !== 1) throw new Error(`learned-bases-report: the runs differ in recipe: ${[...recipe].join(' / ')}.`);
const groups = [...new Set(runs.map((r) => r.label))].map((name) => ({ name, runs: runs.filter((r) => r.label === name).sort((a, b) => a.config.seed - b.config.seed) }));
const seeds = [...new Set(runs.map((r) => r.config.seed))].sort((a, b) => a - b);

const lines = ['# Open question 3: fixed against learned basis parameters', '',
  `This file and its charts: \`node tools/experiments/learned-bases-report.mjs ${dirs.join(' ')}\`; the runs:`,
  '`bash tools/experiments/learned-bases.sh OUT_DIR cuda 20 "1 2 3 4 5"` (see [docs/fastkan-questions.md](../../../docs/fastkan-questions.md)).', '',
  `Recipe: [784, 64, 10], ${[...recipe][0]} (lr × γ per epoch; AdamW decays every trainable weight, basis parameters included, as torch.optim.AdamW does with one parameter group).`, '',
  `| model | parameters | ${seeds.map((s) => `seed ${s}`).join(' | ')} | mean (sd) | ≥ 97.5% |`,
  `| --- | ---: | ${seeds.map(() => '---:').join(' | ')} | ---: | :---: |`];
for (const g of groups) {
  const acc = g.runs.map((r) => r.final.testAccuracy);
  const bySeed = seeds.map((s) => g.runs.find((r) => r.config.seed === s)).map((r) => (r ? pct(r.final.testAccuracy) : '–'));
  lines.push(`| ${g.name} | ${g.runs[0].final.params.toLocaleString('en')} | ${bySeed.join(' | ')} | **${pct(mean(acc))}** (${(100 * sd(acc)).toFixed(3)}) | ${mean(acc) >= 0.975 ? 'yes' : 'no'} |`);
}
lines.push('', 'Seconds per epoch (mean over seeds; the runs went side by side, one process each, so these compare models only roughly):', '');
for (const g of groups) lines.push(`- ${g.name}: ${mean(g.runs.map((r) => r.final.secondsPerEpoch)).toFixed(1)} s`);
lines.push('', 'Result files:', '', ...runs.map((r) => `- [${relative(out, r.file)}](${relative(out, r.file)})`).sort(), '');

const series = groups.map((g) => ({ name: g.name }));
writeFileSync(join(out, 'learned-bases-error.svg'), barChart({
  title: 'Test error after the last epoch (mean of seeds, whiskers: min–max)', series, yLabel: 'test error, %',
  panels: [{ title: 'MNIST', groups: [{ label: 'test error', bars: groups.map((g, s) => {
    const errors = g.runs.map((r) => 100 * (1 - r.final.testAccuracy));
    return { series: s, value: mean(errors), low: Math.min(...errors), high: Math.max(...errors) };
  }) }] }],
}));
writeFileSync(join(out, 'learned-bases-curves.svg'), lineChart({
  title: 'Test error per epoch (mean of seeds)', series, xLabel: 'epoch', yLabel: 'test error, %',
  panels: [{ title: 'MNIST', lines: groups.map((g, s) => ({ series: s, points: g.runs[0].epochs.map((_, e) => ({ x: e + 1, y: mean(g.runs.map((r) => 100 * (1 - r.epochs[e].valAccuracy))) })) })) }],
}));
lines.push('![test error by model](learned-bases-error.svg)', '', '![test error per epoch](learned-bases-curves.svg)', '');
writeFileSync(join(out, 'README.md'), `${lines.join('\n')}\n`);
console.log(`wrote ${join(out, 'README.md')}`);
