// Open question 1 of the FastKAN paper, with bounds: how well do Gaussians approximate B-splines, as a function
// of the Gaussian width h, the grid size G and the B-spline degree k? For every (G, k), each of the K = G + k
// B-splines on a uniform grid over [−1, 1] is fitted by K Gaussians at the B-splines' support centres through one
// K×K linear map (least squares in float64 over 1001 points), for h / spacing from 0.2 to 3 in steps of 0.05.
// The table gives the best h (smallest max error), the errors there, and at h = spacing.
//
//   node tools/experiments/approx-table.mjs OUT_DIR    (after npm run build; writes approx.json, README.md, approx-*.svg)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitSplinesWithGaussians, hRatioSweep, lineChart } from '@kanjs/bench';

const out = process.argv[2];
if (!out) throw new Error('approx-table: expected the output folder as the argument, got nothing.');
mkdirSync(out, { recursive: true });
const GRID_SIZES = [2, 3, 5, 8, 12, 20];
const ORDERS = [1, 2, 3];
const range = [-1, 1];
const points = 1001;
const ratios = hRatioSweep();

const rows = ORDERS.flatMap((splineOrder) =>
  GRID_SIZES.map((gridSize) => {
    const spacing = (range[1] - range[0]) / gridSize;
    const sweep = ratios.map((hRatio) => ({ hRatio, ...fitSplinesWithGaussians({ gridSize, splineOrder, gridRange: range, points, h: hRatio * spacing }) }));
    const best = sweep.reduce((a, b) => (b.maxError < a.maxError ? b : a));
    const atSpacing = sweep.find((p) => p.hRatio === 1);
    return { gridSize, splineOrder, size: gridSize + splineOrder, spacing, best, atSpacing, sweep };
  }),
);
writeFileSync(join(out, 'approx.json'), `${JSON.stringify({ range, points, ratios, rows }, null, 1)}\n`);

const e = (v) => v.toExponential(2);
const lines = [
  '# Open question 1: Gaussian RBFs against B-splines, by h, G and k', '',
  `Made by \`node tools/experiments/approx-table.mjs ${out}\` (float64, no tfjs; a few seconds).`, '',
  `Each of the K = G + k B-splines of degree k on a uniform grid of G intervals over [${range.join(', ')}] is fitted by K`,
  'Gaussians exp(−((x − c)/h)²) centred on the B-splines\' support centres, through one K×K linear map (least squares',
  `over ${points} points); errors are absolute, over all points and basis functions (B-splines peak at 2/3 for k = 3,`,
  '3/4 for k = 2, 1 for k = 1). h runs over 0.2 to 3 grid spacings in steps of 0.05.', '',
  '| k | G | K | best h / spacing | max error there | mean error there | max error at h = spacing | mean error at h = spacing |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.splineOrder} | ${r.gridSize} | ${r.size} | ${r.best.hRatio} | ${e(r.best.maxError)} | ${e(r.best.meanError)} | ${e(r.atSpacing.maxError)} | ${e(r.atSpacing.meanError)} |`),
  '',
];
const series = ORDERS.map((k) => ({ name: `k = ${k}` }));
writeFileSync(join(out, 'approx-best-error.svg'), lineChart({
  title: 'Gaussian fit of B-splines: max error at the best h, against G',
  series, xLabel: 'G, grid intervals', yLabel: 'max abs error', xLog: true, yLog: true,
  panels: [{ title: 'best h', lines: ORDERS.map((k, s) => ({ series: s, points: rows.filter((r) => r.splineOrder === k).map((r) => ({ x: r.gridSize, y: r.best.maxError })) })) },
    { title: 'h = spacing', lines: ORDERS.map((k, s) => ({ series: s, points: rows.filter((r) => r.splineOrder === k).map((r) => ({ x: r.gridSize, y: r.atSpacing.maxError })) })) }],
}));
writeFileSync(join(out, 'approx-h-sweep.svg'), lineChart({
  title: 'Gaussian fit of B-splines: max error against h (G = 5)',
  series, xLabel: 'h / grid spacing', yLabel: 'max abs error', yLog: true,
  panels: [{ title: 'G = 5', lines: ORDERS.map((k, s) => ({ series: s, points: rows.find((r) => r.splineOrder === k && r.gridSize === 5).sweep.map((p) => ({ x: p.hRatio, y: p.maxError })) })) }],
}));
lines.push('![max error at the best h and at h = spacing, against G](approx-best-error.svg)', '', '![max error against h, G = 5](approx-h-sweep.svg)', '');
writeFileSync(join(out, 'README.md'), `${lines.join('\n')}\n`);
console.log(lines.slice(8).join('\n'));
