// pykan's headline tutorial on kanjs: a [2, 5, 1] KAN learns f(x, y) = exp(sin(πx) + y²), is pruned, refined,
// made symbolic, and gives back the formula. Run after `npx nx run @kanjs/interpret:build`:
//
//     node packages/interpret/examples/tutorial.mjs [output folder for the SVG pictures]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-wasm';
import { extendGrid, kan, kanLayers } from '@kanjs/kan-layers';
import { autoSymbolic, fit, plotKAN, prune, symbolicFormula } from '@kanjs/interpret';

/** The tutorial's target function. */
export const target = ([x, y]) => Math.exp(Math.sin(Math.PI * x) + y * y);

/** pykan's symbolic library for this tutorial. */
export const LIBRARY = ['x', 'x^2', 'x^3', 'x^4', 'exp', 'log', 'sqrt', 'tanh', 'sin', 'abs'];

/** `count` points uniform on [−1, 1]², from a seeded generator (mulberry32). */
export function dataset(count, seed) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => [2 * random() - 1, 2 * random() - 1]);
}

/**
 * The tutorial, phase by phase; `onPhase(name, seconds, model)` hears about each. Returns the final model, the
 * formula, its largest relative error on 1000 held-out points, the widths after pruning and the pictures.
 */
export function tutorial({ onPhase = () => {} } = {}) {
  const rows = dataset(1000, 1);
  const test = dataset(1000, 2);
  const x = tf.tensor2d(rows);
  const y = tf.tensor2d(rows.map((row) => [target(row)]));
  const pictures = {};
  let model = kan({ layers: [2, 5, 1], basis: { name: 'bspline', gridSize: 3 }, seed: 1 });
  const phase = (name, run) => {
    const start = performance.now();
    run();
    onPhase(name, (performance.now() - start) / 1000, model);
  };
  phase('train', () => fit(model, x, y, { steps: 300, learningRate: 2e-2, finalLearningRate: 2e-3, lamb: 0.1, gridUpdateEvery: 10, stopGridUpdateStep: 150 }));
  pictures.trained = plotKAN(model, { data: x, inputNames: ['x', 'y'], outputNames: ['f'] });
  phase('prune', () => {
    model = prune(model, x);
  });
  pictures.pruned = plotKAN(model, { data: x, inputNames: ['x', 'y'], outputNames: ['f'] });
  const widths = [kanLayers(model)[0].inFeatures, ...kanLayers(model).map((layer) => layer.units)];
  phase('train pruned', () => fit(model, x, y, { steps: 200, learningRate: 1e-2, finalLearningRate: 1e-3 }));
  phase('refine', () => {
    const coarse = kanLayers(model);
    model = extendGrid(model, 10);
    kanLayers(model).forEach((layer, l) => layer.setEdgeMasks(coarse[l].edgeMask()));
    fit(model, x, y, { steps: 200, learningRate: 5e-3, finalLearningRate: 5e-4 });
  });
  let report;
  phase('autoSymbolic', () => {
    report = autoSymbolic(model, x, { library: LIBRARY });
  });
  pictures.symbolic = plotKAN(model, { data: x, inputNames: ['x', 'y'], outputNames: ['f'] });
  phase('train symbolic', () => fit(model, x, y, { steps: 300, learningRate: 1e-2, finalLearningRate: 1e-4 }));
  let formula;
  phase('formula', () => {
    formula = symbolicFormula(model, { variables: ['x', 'y'] })[0];
  });
  const values = formula.evaluate(test);
  const error = Math.max(...test.map((row, n) => Math.abs(values[n][0] - target(row)) / Math.abs(target(row))));
  tf.dispose([x, y]);
  return { model, formula, error, widths, report, pictures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync, mkdirSync } = await import('node:fs');
  await tf.setBackend('wasm');
  const result = tutorial({ onPhase: (name, seconds) => console.log(`${name.padEnd(16)} ${seconds.toFixed(2)} s`) });
  console.log(`widths after pruning: [${result.widths.join(', ')}]`);
  for (const edge of result.report) console.log(`edge (${edge.layer}, ${edge.input}, ${edge.output}): ${edge.action} ${edge.name}${edge.r2 === null ? '' : `, R² = ${edge.r2.toFixed(5)}`}`);
  console.log(`f = ${symbolicFormula(result.model, { variables: ['x', 'y'], round: 4 })[0].text}`);
  console.log(`largest relative error on 1000 held-out points: ${result.error.toExponential(2)}`);
  const folder = process.argv[2];
  if (folder !== undefined) {
    mkdirSync(folder, { recursive: true });
    for (const [name, svg] of Object.entries(result.pictures)) writeFileSync(`${folder}/tutorial-${name}.svg`, svg);
  }
}
