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

/** pykan's `KAN(width, grid, k=3, seed)` initialisation: spline noise 0.3 and every spline scale scale_sp = 1/√in. */
export function pykanModel(layers, gridSize, seed) {
  const model = kan({ layers, basis: { name: 'bspline', gridSize }, scaleNoise: 0.3, seed });
  for (const layer of kanLayers(model)) {
    const scaler = layer.weights.find((weight) => weight.originalName.endsWith('spline_scaler'));
    tf.tidy(() => scaler.write(tf.fill(scaler.shape, 1 / Math.sqrt(layer.inFeatures))));
  }
  return model;
}

/**
 * pykan's hellokan tutorial, phase by phase (each pykan call is quoted above its phase); `onPhase(name, seconds,
 * model, rmse)` hears about each, with the training RMSE after the phases that train. Returns the final model, the
 * formula, its largest relative error on 1000 held-out points, the widths after pruning, the RMSEs and the pictures.
 */
export function tutorial({ onPhase = () => {} } = {}) {
  const rows = dataset(1000, 1);
  const test = dataset(1000, 2);
  const x = tf.tensor2d(rows);
  const y = tf.tensor2d(rows.map((row) => [target(row)]));
  const pictures = {};
  const losses = {};
  // model = KAN(width=[2, 5, 1], grid=3, k=3, seed=1)
  let model = pykanModel([2, 5, 1], 3, 1);
  const phase = (name, run) => {
    const start = performance.now();
    const mse = run();
    if (mse !== undefined) losses[name] = Math.sqrt(mse);
    onPhase(name, (performance.now() - start) / 1000, model, losses[name]);
  };
  // model.fit(dataset, opt="LBFGS", steps=50, lamb=0.001)
  phase('train', () => fit(model, x, y, { steps: 50, lamb: 0.001 }));
  pictures.trained = plotKAN(model, { data: x, inputNames: ['x', 'y'], outputNames: ['f'] });
  // model = model.prune()
  phase('prune', () => {
    const trained = model;
    model = prune(trained, x);
    trained.dispose();
  });
  pictures.pruned = plotKAN(model, { data: x, inputNames: ['x', 'y'], outputNames: ['f'] });
  const widths = [kanLayers(model)[0].inFeatures, ...kanLayers(model).map((layer) => layer.units)];
  // model.fit(dataset, opt="LBFGS", steps=50)
  phase('train pruned', () => fit(model, x, y, { steps: 50 }));
  // model = model.refine(10); model.fit(dataset, opt="LBFGS", steps=50)
  phase('refine', () => {
    const coarse = model;
    model = extendGrid(coarse, 10);
    coarse.dispose();
    return fit(model, x, y, { steps: 50 });
  });
  // model.auto_symbolic(lib=lib)
  let report;
  phase('autoSymbolic', () => {
    report = autoSymbolic(model, x, { library: LIBRARY });
  });
  pictures.symbolic = plotKAN(model, { data: x, inputNames: ['x', 'y'], outputNames: ['f'] });
  // model.fit(dataset, opt="LBFGS", steps=50)
  phase('train symbolic', () => fit(model, x, y, { steps: 50 }));
  let formula;
  phase('formula', () => {
    formula = symbolicFormula(model, { variables: ['x', 'y'] })[0];
  });
  const values = formula.evaluate(test);
  const error = Math.max(...test.map((row, n) => Math.abs(values[n][0] - target(row)) / Math.abs(target(row))));
  tf.dispose([x, y]);
  return { model, formula, error, widths, losses, report, pictures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync, mkdirSync } = await import('node:fs');
  await tf.setBackend('wasm');
  const result = tutorial({
    onPhase: (name, seconds, _model, rmse) => console.log(`${name.padEnd(16)} ${seconds.toFixed(2)} s${rmse === undefined ? '' : `, train RMSE ${rmse.toExponential(2)}`}`),
  });
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
