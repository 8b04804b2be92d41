// Turns the K sweep's result files into a markdown report and SVG charts:
//   - accuracy: every `<dataset>/<layer>-<basis>-k<K>-seed<seed>.json` that tools/experiments/k-sweep.sh wrote;
//   - speed: every `steps-<backend>.json` that tools/experiments/k-step-time.mjs wrote.
//
//   node tools/experiments/k-sweep-report.mjs DIR     (writes DIR/README.md, DIR/k-sweep-error.svg, DIR/k-sweep-step.svg)
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineChart } from '@kanjs/bench';

const dir = process.argv[2];
if (!dir || !existsSync(dir)) throw new Error(`k-sweep-report: expected the sweep's folder as the argument, got ${dir ?? 'nothing'}.`);
const MODELS = { fastkan: 'FastKAN, Gaussian', 'kan-linear': 'KANLinear, cubic B-spline' };
const series = Object.values(MODELS).map((name) => ({ name }));
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const pct = (v) => `${(100 * v).toFixed(2)}%`;

const datasets = readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()).sort();
const runs = datasets.flatMap((dataset) =>
  readdirSync(join(dir, dataset)).flatMap((file) => {
    const m = /^(fastkan|kan-linear)-[a-z-]+-k(\d+)-seed(\d+)\.json$/.exec(file);
    if (!m) return [];
    const { final, config } = JSON.parse(readFileSync(join(dir, dataset, file), 'utf8'));
    if (config.epochs !== 20) throw new Error(`${file}: ${config.epochs} epochs; the sweep's recipe is 20.`);
    return [{ dataset, layer: m[1], k: Number(m[2]), seed: Number(m[3]), accuracy: final.testAccuracy, params: final.params }];
  }),
);
const ks = [...new Set(runs.map((r) => r.k))].sort((a, b) => a - b);
const cell = (dataset, layer, k) => runs.filter((r) => r.dataset === dataset && r.layer === layer && r.k === k);

const lines = ['# Open question 2: the number of basis functions per input, K', '',
  'Made by the commands in [docs/fastkan-questions.md](../../../docs/fastkan-questions.md#k); this file by',
  `\`node tools/experiments/k-sweep-report.mjs ${dir}\`.`, '',
  '[784, 64, 10], the default recipe (20 epochs, batch 64, AdamW lr 1e-3 with weight decay 1e-4, lr × 0.8 per',
  'epoch). FastKAN: K Gaussian centres on [−2, 2]; KANLinear: cubic B-splines on G = K − 3 grid intervals.', ''];
for (const dataset of datasets) {
  lines.push(`## Test accuracy, ${dataset}`, '', '| K | ' + Object.values(MODELS).map((m) => `${m} (mean of seeds) | parameters`).join(' | ') + ' |',
    '| ---: | ' + Object.keys(MODELS).map(() => '---: | ---:').join(' | ') + ' |');
  for (const k of ks) {
    const cells = Object.keys(MODELS).map((layer) => {
      const c = cell(dataset, layer, k);
      return c.length === 0 ? '– | –' : `${pct(mean(c.map((r) => r.accuracy)))} (${c.map((r) => pct(r.accuracy)).join(', ')}) | ${c[0].params.toLocaleString('en')}`;
    });
    lines.push(`| ${k} | ${cells.join(' | ')} |`);
  }
  lines.push('');
}
const errorPanels = datasets.map((dataset) => ({
  title: dataset,
  lines: Object.keys(MODELS).map((layer, s) => ({
    series: s,
    points: ks.filter((k) => cell(dataset, layer, k).length > 0).map((k) => {
      const errors = cell(dataset, layer, k).map((r) => 100 * (1 - r.accuracy));
      return { x: k, y: mean(errors), low: Math.min(...errors), high: Math.max(...errors) };
    }),
  })),
}));
writeFileSync(join(dir, 'k-sweep-error.svg'), lineChart({ title: 'Test error against K (mean of seeds, whiskers: min–max)', series, xLabel: 'K, basis functions per input', yLabel: 'test error, %', xLog: true, panels: errorPanels }));
lines.push('![test error against K](k-sweep-error.svg)', '');

const stepFiles = readdirSync(dir).filter((f) => /^steps-[a-z]+\.json$/.test(f)).sort();
if (stepFiles.length > 0) {
  const steps = stepFiles.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  lines.push('## Training step time, batch 64 (median ms per step, models interleaved)', '',
    '| backend | machine | ' + ks.flatMap((k) => Object.keys(MODELS).map((l) => `${l} K=${k}`)).join(' | ') + ' |',
    '| --- | --- | ' + ks.flatMap(() => Object.keys(MODELS).map(() => '---:')).join(' | ') + ' |');
  for (const s of steps) {
    const ms = (layer, k) => s.rows.find((r) => r.layer === layer && r.k === k)?.msPerStep ?? '–';
    lines.push(`| ${s.backend} | ${s.machine ?? `${s.cores} cores`} | ${ks.flatMap((k) => Object.keys(MODELS).map((l) => ms(l, k))).join(' | ')} |`);
  }
  lines.push('');
  const stepPanels = steps.map((s) => ({
    title: s.backend,
    lines: Object.keys(MODELS).map((layer, i) => ({ series: i, points: s.rows.filter((r) => r.layer === layer).map((r) => ({ x: r.k, y: r.msPerStep })) })),
  }));
  writeFileSync(join(dir, 'k-sweep-step.svg'), lineChart({ title: 'Training step time against K, batch 64', series, xLabel: 'K, basis functions per input', yLabel: 'ms per step', xLog: true, yLog: true, panels: stepPanels }));
  lines.push('![step time against K](k-sweep-step.svg)', '');
}
writeFileSync(join(dir, 'README.md'), `${lines.join('\n')}\n`);
console.log(`wrote ${join(dir, 'README.md')}`);
