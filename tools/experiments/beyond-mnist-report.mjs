// Turns the result files of tools/experiments/beyond-mnist.sh (DIR/<dataset>/<run>-seed<seed>.json, one model or
// `{ runs: [...] }`) into a markdown table and an SVG chart of the test error.
//
//   node tools/experiments/beyond-mnist-report.mjs DIR     (writes DIR/README.md and DIR/beyond-mnist-error.svg)
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { barChart } from '@kanjs/bench';

const dir = process.argv[2];
if (!dir || !existsSync(dir)) throw new Error(`beyond-mnist-report: expected the experiment's folder as the argument, got ${dir ?? 'nothing'}.`);
const SERIES = { fastkan: 'FastKAN, Gaussian', 'kan-linear': 'KANLinear, cubic B-spline', mlp: 'MLP (ReLU), same parameters' };
const series = Object.values(SERIES).map((name) => ({ name }));
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const pct = (v) => `${(100 * v).toFixed(2)}%`;
/** The architecture of a run, as the chart groups it. */
const architecture = (config) => (config.conv ? 'conv front end' : config.layers.length > 3 ? `${config.layers.length - 2} hidden layers` : '1 hidden layer');

const ORDER = ['mnist', 'fashion', 'cifar10'];
const datasets = readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()).sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
const runs = datasets.flatMap((dataset) =>
  readdirSync(join(dir, dataset)).filter((f) => /-seed\d+\.json$/.test(f)).sort().flatMap((file) => {
    const payload = JSON.parse(readFileSync(join(dir, dataset, file), 'utf8'));
    return (payload.runs ?? [payload]).map(({ config, final, epochs }) => ({
      dataset, file, config, seed: config.seed, accuracy: final.testAccuracy, params: final.params, secondsPerEpoch: final.secondsPerEpoch,
      best: Math.max(...epochs.map((e) => e.valAccuracy)), key: `${config.model} [${config.layers.join(', ')}]`,
    }));
  }),
);
if (runs.length === 0) throw new Error(`beyond-mnist-report: ${dir} holds no <dataset>/<run>-seed<N>.json result files.`);
const epochs = [...new Set(runs.map((r) => r.config.epochs))];
const backends = [...new Set(runs.map((r) => r.config.backend))];

const lines = ['# Open question 5: does accuracy hold beyond MNIST?', '',
  `Made by \`bash tools/experiments/beyond-mnist.sh ${dir} BACKEND "SEEDS" EPOCHS\` (see its header for the data folders);`,
  `this file by \`node tools/experiments/beyond-mnist-report.mjs ${dir}\`.`, '',
  `The default recipe (batch 64, AdamW lr 1e-3 with weight decay 1e-4, lr × 0.8 per epoch), ${epochs.join(' or ')} epoch${epochs.join() === '1' ? '' : 's'}, on ${backends.join(', ')}.`,
  'The conv front end is two 3×3 convolutions (16 and 32 channels, ReLU, no padding), each followed by 2×2 max-pooling,',
  'flattened into the KAN; the MLP baseline has the parameter count of the FastKAN it was trained with.', ''];
for (const dataset of datasets) {
  const here = runs.filter((r) => r.dataset === dataset);
  if (here.length === 0) continue;
  const sizes = [...new Set(here.map((r) => `${r.config.trainExamples} train / ${r.config.testExamples} test examples`))];
  lines.push(`## ${dataset}`, '', `${sizes.join('; ')}.`, '', '| model | fully connected layers | parameters | test accuracy, mean of seeds (each) | best epoch, mean | s/epoch |',
    '| --- | --- | ---: | ---: | ---: | ---: |');
  for (const key of [...new Set(here.map((r) => r.key))]) {
    const cell = here.filter((r) => r.key === key).sort((a, b) => a.seed - b.seed);
    const { config } = cell[0];
    lines.push(`| ${config.conv ? 'conv + ' : ''}${SERIES[config.layer]} | [${config.layers.join(', ')}] | ${cell[0].params.toLocaleString('en')} | `
      + `${pct(mean(cell.map((r) => r.accuracy)))} (${cell.map((r) => pct(r.accuracy)).join(', ')}) | ${pct(mean(cell.map((r) => r.best)))} | ${mean(cell.map((r) => r.secondsPerEpoch)).toFixed(1)} |`);
  }
  lines.push('');
}
const panels = datasets.map((dataset) => {
  const here = runs.filter((r) => r.dataset === dataset);
  const groups = [...new Set(here.map((r) => architecture(r.config)))];
  return {
    title: dataset,
    groups: groups.map((label) => ({
      label,
      bars: Object.keys(SERIES).flatMap((layer, s) => {
        const errors = here.filter((r) => architecture(r.config) === label && r.config.layer === layer).map((r) => 100 * (1 - r.accuracy));
        return errors.length === 0 ? [] : [{ series: s, value: mean(errors), low: Math.min(...errors), high: Math.max(...errors) }];
      }),
    })),
  };
}).filter((panel) => panel.groups.length > 0);
writeFileSync(join(dir, 'beyond-mnist-error.svg'), barChart({ title: 'Test error beyond MNIST (mean of seeds, whiskers: min–max)', series, yLabel: 'test error, %', panels }));
lines.push('![test error by data set and model](beyond-mnist-error.svg)', '');
writeFileSync(join(dir, 'README.md'), `${lines.join('\n')}\n`);
console.log(`wrote ${join(dir, 'README.md')}`);
