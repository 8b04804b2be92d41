// The page's wiring: picks a backend, samples the target, and connects the Train, Prune and Symbolize steps to
// the numbers, the network plot and the formula. URL parameters, for quick and repeatable runs: `steps=N`
// trains N steps from scratch (default: the recipe's), `seed=N` seeds the samples and the model (default 1),
// `samples=N` draws N training and N held-out samples (default 1000), `report=N` reports and redraws every N
// steps (default 25), `backend=wasm,cpu` narrows the backends tried.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { extendGrid, kanLayers } from '@kanjs/kan-layers';
import { prune } from '@kanjs/interpret';
import { backendCandidates, chooseBackend } from './backend.js';
import { readFormula, symbolize } from './formula.js';
import { showLatex } from './latex.js';
import { elements } from './page-elements.js';
import { positiveParam } from './url-params.js';
import { showComparison, showNetwork } from './plot.js';
import { NODE_THRESHOLD, REFINED_GRID, TRAIN, TRAIN_PRUNED, TRAIN_REFINED, TRAIN_SYMBOLIC, tutorialModel } from './recipe.js';
import { PRESETS, parseCsv, parseExpression, sampleExpression, type Dataset } from './target.js';
import { toTensors, trainPhase, type TensorData, type TrainPhase, type TrainProgress } from './train.js';

const ui = {
  ...elements(
    ['backend', 'dataset', 'status', 'target-note', 'widths', 'phase', 'step', 'train-rmse', 'test-rmse', 'network'],
    HTMLElement,
  ),
  ...elements(['formula-rendered', 'formula-text', 'formula-latex', 'r2', 'max-error', 'relative-error', 'comparison'], HTMLElement),
  ...elements(['preset'], HTMLSelectElement),
  ...elements(['expression', 'csv', 'edge-threshold'], HTMLInputElement),
  ...elements(['edge-threshold-value'], HTMLOutputElement),
  ...elements(['train', 'prune', 'symbolize'], HTMLButtonElement),
};

type State = 'loading' | 'ready' | 'training' | 'trained' | 'pruning' | 'pruned' | 'symbolizing' | 'symbolized' | 'error';

function setStatus(state: State, text: string): void {
  ui.status.dataset['state'] = state;
  ui.status.textContent = text;
}

/** A number for the page, and its full value in `data-value` for tests. */
function show(target: HTMLElement, value: number, digits = 3): void {
  target.textContent = Number.isFinite(value) ? value.toExponential(digits) : String(value);
  target.dataset['value'] = String(value);
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const seed = positiveParam(params, 'seed') ?? 1;
  const samples = positiveParam(params, 'samples') ?? 1000;
  const reportEvery = positiveParam(params, 'report') ?? 25;
  const steps = positiveParam(params, 'steps');
  const firstPhase: TrainPhase = steps === undefined ? TRAIN : { ...TRAIN, steps };

  setStatus('loading', 'Starting TensorFlow.js…');
  const backend = await chooseBackend(backendCandidates(params.get('backend')));
  ui.backend.textContent = backend.name;
  ui.backend.title = backend.skipped.length === 0 ? 'the first choice' : `passed over: ${backend.skipped.join('; ')}`;

  let data: Dataset | null = null;
  let tensors: TensorData | null = null;
  let model: tfl.LayersModel | null = null;
  let busy = false;

  const enable = () => {
    ui.train.disabled = busy || tensors === null;
    ui.prune.disabled = busy || model === null;
    ui.symbolize.disabled = busy || model === null;
    ui.preset.disabled = ui.expression.disabled = ui.csv.disabled = busy;
  };

  /** Makes `next` the model, disposing the layers of the old one that `next` does not reuse. */
  const replaceModel = (next: tfl.LayersModel | null) => {
    for (const layer of model?.layers ?? []) if (!next?.layers.includes(layer)) layer.dispose();
    model = next;
    ui.widths.textContent = next === null ? '' : `widths [${[next.inputs[0]!.shape[1], ...next.layers.map((l) => (l.outputShape as number[])[1])].join(', ')}]`;
  };

  const clearFormula = () => {
    for (const target of [ui.formulaText, ui.formulaLatex, ui.r2, ui.maxError, ui.relativeError]) {
      target.textContent = '–';
      delete target.dataset['value'];
    }
    ui.formulaRendered.replaceChildren('–');
    ui.comparison.replaceChildren();
  };

  const useData = (next: Dataset, note: string) => {
    replaceModel(null);
    if (tensors !== null) tf.dispose(Object.values(tensors));
    data = next;
    tensors = toTensors(next);
    ui.dataset.textContent = `${next.variables.length} variables (${next.variables.join(', ')}) · ${next.train.y.length.toLocaleString('en')} train / ${next.test.y.length.toLocaleString('en')} held-out samples`;
    ui.targetNote.textContent = note;
    ui.network.replaceChildren();
    clearFormula();
    enable();
    setStatus('ready', 'Ready: press Train.');
  };

  const useExpression = (expression: string) => {
    try {
      const target = parseExpression(expression);
      useData(sampleExpression(target, { train: samples, test: samples, seed }), `f(${target.variables.join(', ')}) = ${expression}, sampled uniformly on [−1, 1] with seed ${seed}.`);
    } catch (error) {
      ui.targetNote.textContent = (error as Error).message;
    }
  };

  /** Runs one phase on the current model, showing its progress, the network and the tensor count. */
  const runPhase = (name: string, phase: TrainPhase): Promise<TrainProgress> => {
    ui.phase.textContent = name;
    delete ui.step.dataset['tensorsFirst'];
    delete ui.testRmse.dataset['first'];
    return trainPhase(model!, tensors!, phase, {
      reportEvery,
      shouldStop: () => false,
      onReport: (progress) => {
        ui.step.textContent = `${progress.step} / ${progress.steps}`;
        ui.step.dataset['value'] = String(progress.step);
        ui.step.dataset['tensors'] = String(tf.memory().numTensors);
        ui.step.dataset['tensorsFirst'] ??= ui.step.dataset['tensors'];
        show(ui.trainRmse, progress.trainRmse);
        show(ui.testRmse, progress.testRmse);
        ui.testRmse.dataset['first'] ??= String(progress.testRmse); // where the phase started from
        showNetwork(ui.network, model!, tensors!.xTrain);
      },
    });
  };

  /** Runs a step of the tutorial with the buttons disabled, reporting failures in the status. */
  const step = (running: State, text: string, action: () => Promise<string>, done: State) => async () => {
    busy = true;
    enable();
    setStatus(running, text);
    try {
      await tf.nextFrame(); // show the status before the first synchronous work
      setStatus(done, await action());
    } catch (error) {
      setStatus('error', `${text.replace(/…$/, '')} failed: ${(error as Error).message}`);
      throw error;
    } finally {
      busy = false;
      enable();
    }
  };

  ui.train.addEventListener(
    'click',
    step('training', 'Training…', async () => {
      clearFormula();
      const inputs = data!.variables.length;
      replaceModel(tutorialModel(inputs, seed));
      const last = await runPhase('train', firstPhase);
      return `Trained ${last.step} steps: held-out RMSE ${last.testRmse.toExponential(2)}.`;
    }, 'trained'),
  );

  ui.edgeThreshold.addEventListener('input', () => (ui.edgeThresholdValue.textContent = Number(ui.edgeThreshold.value).toFixed(3)));
  ui.prune.addEventListener(
    'click',
    step('pruning', 'Pruning…', async () => {
      clearFormula();
      replaceModel(prune(model!, tensors!.xTrain, { nodeThreshold: NODE_THRESHOLD, edgeThreshold: Number(ui.edgeThreshold.value) }));
      const widths = ui.widths.textContent;
      await runPhase('train pruned', TRAIN_PRUNED);
      // The refined model keeps the pruned edges masked.
      const coarse = model!;
      const refined = extendGrid(coarse as tfl.Sequential, REFINED_GRID);
      kanLayers(refined).forEach((layer, l) => layer.setEdgeMasks(kanLayers(coarse)[l]!.edgeMask()));
      replaceModel(refined);
      const last = await runPhase('train refined', TRAIN_REFINED);
      return `Pruned to ${widths}, retrained, refined to ${REFINED_GRID} grid intervals and trained: held-out RMSE ${last.testRmse.toExponential(2)}.`;
    }, 'pruned'),
  );

  ui.symbolize.addEventListener(
    'click',
    step('symbolizing', 'Symbolizing…', async () => {
      symbolize(model!, tensors!.xTrain);
      await runPhase('train symbolic', TRAIN_SYMBOLIC);
      const formula = readFormula(model!, data!.variables, data!.test);
      showLatex(ui.formulaRendered, formula.displayLatex);
      ui.formulaText.textContent = formula.text;
      ui.formulaLatex.textContent = formula.latex;
      show(ui.r2, formula.agreement.r2, 6);
      show(ui.maxError, formula.agreement.maxError);
      show(ui.relativeError, formula.agreement.maxRelativeError);
      showComparison(ui.comparison, data!.test.y, formula.predicted);
      return `Symbolized: largest relative error ${formula.agreement.maxRelativeError.toExponential(2)} on the held-out samples.`;
    }, 'symbolized'),
  );

  for (const preset of PRESETS) ui.preset.append(new Option(preset.label, preset.expression));
  ui.preset.append(new Option('typed below', ''));
  ui.preset.addEventListener('change', () => {
    if (ui.preset.value === '') return;
    ui.expression.value = ui.preset.value;
    useExpression(ui.preset.value);
  });
  ui.expression.addEventListener('change', () => {
    ui.preset.value = PRESETS.some((p) => p.expression === ui.expression.value) ? ui.expression.value : '';
    useExpression(ui.expression.value);
  });
  ui.csv.addEventListener('change', () => {
    const file = ui.csv.files?.[0];
    if (file === undefined) return;
    void file.text().then((text) => {
      try {
        const next = parseCsv(text, seed);
        ui.preset.value = '';
        ui.expression.value = '';
        useData(next, `${file.name}: the last column is the output; ${next.test.y.length} rows are held out.`);
      } catch (error) {
        ui.targetNote.textContent = (error as Error).message;
      }
    });
  });

  ui.expression.value = PRESETS[0]!.expression;
  useExpression(ui.expression.value);
}

main().catch((error: Error) => setStatus('error', `The playground failed to start: ${error.message}`));
