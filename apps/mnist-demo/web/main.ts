// The page's wiring: picks a backend, loads the data, builds the chosen KAN, and connects training, the
// charts (the LayerNorm domain's too), the drawing pad, the curves and the comparison table. URL parameters, for quick runs and tests:
// `steps=N` ends a run after N batches, `test=N` evaluates on the first N test images only, `report=N` reports
// every N batches (default 5), `domain=N` measures the LayerNorm domain every N batches (default 10),
// `backend=webgl,cpu` narrows the backends tried.
import type * as tfl from '@tensorflow/tfjs-layers';
import { kanLayers } from '@kanjs/kan-layers';
import { PIXELS, normalise, take, type Split } from '../src/data/dataset.js';
import { buildModel, modelName, trainableParams, type ModelSpec } from '../src/train/models.js';
import { PAPER_RECIPE, classify } from '../src/train/trainer.js';
import { layerNormDomain } from '../src/train/domain.js';
import { backendCandidates, chooseBackend } from './backend.js';
import { TrainingCharts } from './charts.js';
import { Comparison } from './comparison.js';
import { DomainChart } from './domain-chart.js';
import { CurveGrid, inkedPixels } from './curves.js';
import { loadMnistAsset } from './data.js';
import { DrawingPad } from './draw.js';
import { ProbabilityBars } from './probabilities.js';
import { runTraining } from './training.js';

const HIDDEN = 64;
const CURVES_EVERY_MS = 2_000;
// The LayerNorm domain is measured on the first this many test images: the same ones every time, and few, so that
// a measurement between two training steps is short.
const DOMAIN_IMAGES = 200;
type KanKind = 'fastkan' | 'kan-linear';
const LABELS: Record<KanKind, string> = { fastkan: 'FastKAN (Gaussian)', 'kan-linear': 'KANLinear (B-spline)' };

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`index.html has no #${id}.`);
  return found as T;
}

const ui = {
  backend: element('backend'),
  dataset: element('dataset'),
  status: element('status'),
  model: element<HTMLSelectElement>('model'),
  epochs: element<HTMLInputElement>('epochs'),
  train: element<HTMLButtonElement>('train'),
  params: element('params'),
  step: element('step'),
  epoch: element('epoch'),
  loss: element('loss'),
  accuracy: element('accuracy'),
  testAccuracy: element('test-accuracy'),
  speed: element('speed'),
  canvas: element<HTMLCanvasElement>('canvas'),
  preview: element<HTMLCanvasElement>('preview'),
  clear: element<HTMLButtonElement>('clear'),
  neuron: element<HTMLInputElement>('neuron'),
  curveMode: element<HTMLSelectElement>('curve-mode'),
};

function setStatus(state: 'loading' | 'ready' | 'training' | 'done' | 'error', text: string): void {
  ui.status.dataset['state'] = state;
  ui.status.textContent = text;
}

function positiveParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`?${name}= must be a whole number ≥ 1, got "${raw}".`);
  return value;
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const maxSteps = positiveParam(params, 'steps');
  const reportEvery = positiveParam(params, 'report') ?? 5;
  const testCount = positiveParam(params, 'test');
  const domainEvery = positiveParam(params, 'domain') ?? 10;

  setStatus('loading', 'Starting TensorFlow.js…');
  const backend = await chooseBackend(backendCandidates(params.get('backend')));
  ui.backend.textContent = backend.name;
  ui.backend.title = backend.skipped.length === 0 ? 'the fastest backend' : `passed over: ${backend.skipped.join('; ')}`;

  setStatus('loading', 'Loading MNIST…');
  const asset = await loadMnistAsset();
  const data: Split = testCount === undefined ? asset : { train: asset.train, test: take(asset.test, testCount) };
  ui.dataset.textContent =
    `${asset.train.count.toLocaleString('en')} train / ${asset.test.count.toLocaleString('en')} test images` +
    (testCount === undefined ? '' : ` (evaluating on the first ${data.test.count.toLocaleString('en')})`);

  const charts = new TrainingCharts(element('loss-chart'), element('accuracy-chart'));
  const comparison = new Comparison(element<HTMLTableElement>('comparison'));
  const bars = new ProbabilityBars(element('probabilities'), element('prediction'));
  const curves = new CurveGrid(element('curves'), element('curves-caption'), inkedPixels(data.train));
  const domainSample = take(asset.test, DOMAIN_IMAGES);
  const domain = new DomainChart(element('domain-chart'), element('domain-caption'), { images: domainSample.count, every: domainEvery });

  const specOf = (kind: KanKind): ModelSpec => ({ kind, hidden: HIDDEN, seed: PAPER_RECIPE.seed });
  let kind: KanKind = 'fastkan';
  let model: tfl.Sequential = buildModel(specOf(kind));
  let training = false;
  let stopRequested = false;

  const firstLayer = () => kanLayers(model)[0]!;
  const neuron = () => Math.min(HIDDEN - 1, Math.max(0, Math.floor(Number(ui.neuron.value) || 0)));
  const showCurves = () => curves.show(firstLayer(), neuron());

  // Classifies the drawing. Requests made while one runs collapse into one more run, so the latest drawing (and
  // the latest weights) always get a result; the training loop waits for a running one between steps, so on a slow
  // backend a prediction is not queued behind the steps that follow.
  let predicting: Promise<void> | null = null;
  let predictAgain = false;
  const predictOnce = async () => {
    const image = pad.toMnist();
    drawPreview(ui.preview, image);
    if (image === null) return bars.show(null);
    const pixels = new Float32Array(PIXELS);
    normalise(image, 0, 1, pixels);
    bars.show(await classify(model, pixels));
  };
  const predict = (): Promise<void> => {
    predictAgain = true;
    predicting ??= (async () => {
      try {
        while (predictAgain) {
          predictAgain = false;
          await predictOnce();
        }
      } finally {
        predicting = null;
      }
    })();
    return predicting;
  };
  const pad = new DrawingPad(ui.canvas, () => void predict());
  ui.clear.addEventListener('click', () => pad.clear());

  // The LayerNorm domain of the current weights at `step`. A model replaced while it measures drops the result.
  const measureDomain = async (step: number) => {
    const measured = model;
    try {
      const records = await layerNormDomain(measured, domainSample, domainSample.count);
      if (measured === model) domain.add(step, records);
    } catch (error) {
      if (measured === model) throw error;
    }
  };
  const restartDomain = () => {
    domain.reset();
    return measureDomain(0);
  };

  const showModel = () => {
    ui.params.textContent = `[784, ${HIDDEN}, 10] · ${trainableParams(model).toLocaleString('en')} parameters`;
    return Promise.all([predict(), showCurves(), restartDomain()]);
  };
  ui.model.addEventListener('change', () => {
    model.dispose();
    kind = ui.model.value === 'kan-linear' ? 'kan-linear' : 'fastkan';
    model = buildModel(specOf(kind));
    curves.setInitial(firstLayer());
    void showModel();
  });
  ui.neuron.max = String(HIDDEN - 1);
  ui.neuron.addEventListener('input', () => void showCurves());
  // Read at start too: a reload may restore the select's last value without a change event.
  const readCurveMode = () => (curves.mode = ui.curveMode.value === 'curve' ? 'curve' : 'change');
  readCurveMode();
  ui.curveMode.addEventListener('change', () => {
    readCurveMode();
    void showCurves();
  });

  ui.train.addEventListener('click', () => {
    if (training) {
      stopRequested = true;
      return;
    }
    void train();
  });

  const train = async () => {
    training = true;
    stopRequested = false;
    ui.train.textContent = 'Stop';
    ui.model.disabled = true;
    ui.epochs.disabled = true;
    charts.reset();
    delete ui.loss.dataset['first'];
    const epochs = Math.max(1, Math.floor(Number(ui.epochs.value) || 1));
    setStatus('training', `Training ${LABELS[kind]}…`);
    let lastCurves = performance.now();
    try {
      await restartDomain();
      const summary = await runTraining(model, data, {
        config: { ...PAPER_RECIPE, epochs },
        ...(maxSteps === undefined ? {} : { maxSteps }),
        reportEvery,
        shouldStop: () => stopRequested,
        betweenSteps: async (step) => {
          await predicting;
          if (step % domainEvery === 0) await measureDomain(step);
        },
        onProgress: (p) => {
          ui.step.textContent = String(p.step);
          ui.epoch.textContent = `${p.epoch + 1} (${p.batch}/${p.batches})`;
          ui.loss.textContent = p.loss.toFixed(4);
          ui.loss.dataset['value'] = String(p.loss);
          ui.loss.dataset['first'] ??= String(p.loss);
          ui.accuracy.textContent = `${(100 * p.accuracy).toFixed(1)}%`;
          ui.speed.textContent = p.examplesPerSecond.toFixed(0);
          charts.addTrain(p.step, p.loss, p.accuracy);
          void predict();
          if (performance.now() - lastCurves > CURVES_EVERY_MS) {
            lastCurves = performance.now();
            void showCurves();
          }
        },
        onTest: (t) => {
          ui.testAccuracy.textContent = `${(100 * t.accuracy).toFixed(2)}%`;
          charts.addTest(t.step, t.loss, t.accuracy);
        },
      });
      comparison.add({ ...summary, model: modelName(specOf(kind)), label: LABELS[kind], params: trainableParams(model), backend: backend.name });
      await Promise.all([predict(), showCurves(), summary.steps % domainEvery === 0 ? undefined : measureDomain(summary.steps)]);
      setStatus('done', `${stopRequested ? 'Stopped' : 'Finished'} after ${summary.steps} steps in ${summary.seconds.toFixed(1)} s.`);
    } catch (error) {
      setStatus('error', `Training failed: ${(error as Error).message}`);
      throw error;
    } finally {
      training = false;
      ui.train.textContent = 'Train';
      ui.model.disabled = false;
      ui.epochs.disabled = false;
    }
  };

  await showModel();
  ui.train.disabled = false;
  setStatus('ready', maxSteps === undefined ? 'Ready.' : `Ready (quick runs: ${maxSteps} steps).`);
}

/** Draws the 28×28 image the model sees (black when there is none). */
function drawPreview(canvas: HTMLCanvasElement, image: Uint8Array | null): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  const pixels = context.createImageData(28, 28);
  for (let p = 0; p < PIXELS; p++) {
    const v = image?.[p] ?? 0;
    pixels.data.set([v, v, v, 255], p * 4);
  }
  context.putImageData(pixels, 0, 0);
}

main().catch((error: unknown) => {
  setStatus('error', (error as Error).message);
  console.error(error);
});
