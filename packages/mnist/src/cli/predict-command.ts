// `kanjs-mnist predict`: classifies a PNG, or an example of the test set, with a model saved by --save.
import { readFile } from 'node:fs/promises';
import * as tfl from '@tensorflow/tfjs-layers';
import '@kanjs/kan-layers'; // registers the KAN layer classes for loading
import { fileSystem } from '@kanjs/kan-layers/node';
import { PIXELS, featureCount, imageShape, normalise } from '../data/dataset.js';
import { useBackend } from '../node/backend.js';
import { pngToMnist } from '../node/png.js';
import { classify } from '../train/trainer.js';
import type { PredictOptions } from './args.js';
import { UsageError } from './args.js';
import { loadSplit } from './train-command.js';

export interface Prediction {
  readonly label: number;
  readonly probabilities: number[];
  readonly truth?: number;
}

export async function predictCommand(options: PredictOptions, log: (line: string) => void = console.log): Promise<Prediction> {
  await useBackend(options.backend);
  let image: Uint8Array;
  let truth: number | undefined;
  if (options.png !== undefined) {
    const bytes = await readFile(options.png).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${options.png}: ${error.code === 'ENOENT' ? 'no such file' : error.code ?? error.message}.`);
    });
    image = pngToMnist(new Uint8Array(bytes), options.png);
  } else {
    const { test } = loadSplit(options);
    const index = options.index!;
    if (index >= test.count) throw new UsageError(`--index must be below ${test.count} (the test set's size), got ${index}.`);
    const features = featureCount(imageShape(test));
    image = test.images.subarray(index * features, (index + 1) * features);
    truth = test.labels[index]!;
  }
  const model = await tfl.loadLayersModel(fileSystem(options.model));
  const expected = model.inputs[0]!.shape[1];
  if (expected !== image.length) {
    model.dispose();
    const what = options.png === undefined ? `${options.dataset} images of ${image.length} values` : `a PNG read as 28×28 grey (${PIXELS} values)`;
    throw new UsageError(`${options.model} takes ${String(expected)} input values, but predict was given ${what}; pass the --dataset the model was trained on.`);
  }
  const pixels = new Float32Array(image.length);
  normalise(image, 0, 1, pixels, 0, image.length);
  const probabilities = [...(await classify(model, pixels))];
  model.dispose();
  const label = probabilities.indexOf(Math.max(...probabilities));
  log(`prediction: ${label} (${(100 * probabilities[label]!).toFixed(1)}%)${truth === undefined ? '' : `, label ${truth}`}`);
  log(probabilities.map((p, c) => `  ${c}: ${(100 * p).toFixed(1).padStart(5)}% ${'█'.repeat(Math.round(p * 40))}`).join('\n'));
  return { label, probabilities, ...(truth === undefined ? {} : { truth }) };
}
