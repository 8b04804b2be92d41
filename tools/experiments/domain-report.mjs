// The FastKAN paper's "next check": does LayerNorm keep each layer's inputs inside its grid of RBF centres during
// training? Reads the `layerNormDomain` records that `kanjs-mnist --json` writes for FastKAN models (per layer and
// epoch, the fraction of LayerNorm outputs below and above [gridMin, gridMax] on 1000 test examples), from the
// K sweep's runs, and writes a table and a chart.
//
//   node tools/experiments/domain-report.mjs RUNS_DIR OUT_DIR   (e.g. benchmarks/experiments/k-sweep/mnist benchmarks/experiments/layernorm-domain)
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineChart } from '@kanjs/bench';

const [runs, out] = process.argv.slice(2);
if (!runs || !out) throw new Error('domain-report: expected RUNS_DIR and OUT_DIR as the arguments.');
mkdirSync(out, { recursive: true });
const files = readdirSync(runs).filter((f) => /^fastkan-.*-seed\d+\.json$/.test(f)).sort();
const results = files.map((file) => {
  const { config, epochs } = JSON.parse(readFileSync(join(runs, file), 'utf8'));
  if (!epochs.every((e) => Array.isArray(e.layerNormDomain))) throw new Error(`${file}: an epoch without layerNormDomain; run a kanjs-mnist that records it.`);
  const k = config.basisOptions?.numCenters ?? 8;
  return { file, k, seed: config.seed, dataset: config.dataset, epochs };
});
if (results.length === 0) throw new Error(`domain-report: no FastKAN results in ${runs}.`);
const ks = [...new Set(results.map((r) => r.k))].sort((a, b) => a - b);
const layers = results[0].epochs[0].layerNormDomain.map((d) => d.layer);
const pct = (v) => (100 * v).toFixed(2);
const meanOver = (rs, f) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
const shown = [1, 2, 5, 10, 20];

const lines = ['# The LayerNorm domain: FastKAN inputs outside the grid of centres, per layer and epoch', '',
  `Made by \`node tools/experiments/domain-report.mjs ${runs} ${out}\` from the K sweep's FastKAN runs`,
  '(`kanjs-mnist --json` records `layerNormDomain` after each epoch: the fraction of each layer\'s LayerNorm outputs,',
  'over 1000 test examples × the layer\'s inputs, outside the first and last centre, [−2, 2] here). Means over seeds.', '',
  `| K | layer | ${shown.map((e) => `epoch ${e}`).join(' | ')} | below / above at epoch 20 |`,
  `| ---: | ---: | ${shown.map(() => '---:').join(' | ')} | ---: |`];
for (const k of ks) {
  const rs = results.filter((r) => r.k === k);
  for (const [li, layer] of layers.entries()) {
    const at = (e, key = 'outside') => meanOver(rs, (r) => r.epochs[e - 1].layerNormDomain[li][key]);
    lines.push(`| ${k} | ${layer} | ${shown.map((e) => `${pct(at(e))}%`).join(' | ')} | ${pct(at(20, 'below'))}% / ${pct(at(20, 'above'))}% |`);
  }
}
lines.push('');
const series = ks.map((k) => ({ name: `K = ${k}` }));
const panels = layers.map((layer, li) => ({
  title: `layer ${layer} (${li === 0 ? 'the pixels' : 'the hidden units'})`,
  lines: ks.map((k, s) => {
    const rs = results.filter((r) => r.k === k);
    return { series: s, points: rs[0].epochs.map((e, i) => ({ x: e.epoch, y: 100 * meanOver(rs, (r) => r.epochs[i].layerNormDomain[li].outside) })) };
  }),
}));
writeFileSync(join(out, 'layernorm-domain.svg'), lineChart({ title: 'LayerNorm outputs outside [first centre, last centre], FastKAN on MNIST', series, xLabel: 'epoch', yLabel: '% outside the grid', panels }));
lines.push('![outside the grid, per layer and epoch](layernorm-domain.svg)', '');
writeFileSync(join(out, 'README.md'), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
