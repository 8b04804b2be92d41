// The browser's MNIST asset: a split survives encode → decode exactly, the real asset fits in 3 MB, and every
// malformed file is refused with a sentence naming what is wrong.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PIXELS, take, type Dataset } from '../src/data/dataset.js';
import { loadMnist } from '../src/node/load.js';
import { decodeMnistAsset, encodeMnistAsset } from '../web/mnist-asset.js';

const deflate = (raw: Uint8Array) => deflateRawSync(raw, { level: 9 });

function dataset(count: number, seed: number): Dataset {
  const images = Uint8Array.from({ length: count * PIXELS }, (_, n) => (n * 31 + seed * 7) % 256);
  const labels = Uint8Array.from({ length: count }, (_, n) => (n + seed) % 10);
  return { images, labels, count };
}

describe('MNIST asset', () => {
  const split = { train: dataset(5, 1), test: dataset(3, 2) };
  const bytes = encodeMnistAsset(split, deflate);

  it('decodes to the images and labels it was made from', async () => {
    const decoded = await decodeMnistAsset(bytes);
    expect(decoded.train.count).toBe(5);
    expect(decoded.test.count).toBe(3);
    expect([...decoded.train.images]).toEqual([...split.train.images]);
    expect([...decoded.train.labels]).toEqual([...split.train.labels]);
    expect([...decoded.test.images]).toEqual([...split.test.images]);
    expect([...decoded.test.labels]).toEqual([...split.test.labels]);
  });

  it('holds the app\'s 12 000 + 2 000 MNIST images in at most 3 MB', async () => {
    const { train, test } = loadMnist();
    const asset = encodeMnistAsset({ train: take(train, 12_000), test: take(test, 2_000) }, deflate);
    expect(asset.length).toBeLessThanOrEqual(3 * 1024 * 1024);
    const decoded = await decodeMnistAsset(asset);
    expect([...decoded.test.images.subarray(0, 2 * PIXELS)]).toEqual([...test.images.subarray(0, 2 * PIXELS)]);
    expect([...decoded.train.labels]).toEqual([...train.labels.subarray(0, 12_000)]);
  });

  it('refuses a file with the wrong magic number', async () => {
    const wrong = bytes.slice();
    wrong[3] = '1'.charCodeAt(0);
    await expect(decodeMnistAsset(wrong)).rejects.toThrow(/expected a "KMN2" file of at least 12 bytes, got \d+ bytes starting "KMN1"/);
  });

  it('refuses a file shorter than its header', async () => {
    await expect(decodeMnistAsset(bytes.subarray(0, 8))).rejects.toThrow(/expected a "KMN2" file of at least 12 bytes, got 8 bytes/);
  });

  it('refuses truncated compressed data', async () => {
    await expect(decodeMnistAsset(bytes.subarray(0, bytes.length - 20))).rejects.toThrow(/compressed images are corrupt or truncated|inflates to/);
  });

  it('refuses corrupt compressed data', async () => {
    const corrupt = bytes.slice();
    corrupt.fill(0xff, 12, 40);
    await expect(decodeMnistAsset(corrupt)).rejects.toThrow(/compressed images are corrupt or truncated|inflates to/);
  });

  it('refuses counts that do not match the data', async () => {
    const wrong = bytes.slice();
    new DataView(wrong.buffer).setUint32(4, 6, true);
    await expect(decodeMnistAsset(wrong)).rejects.toThrow('6 train and 3 test images need 7065 bytes, the file inflates to 6280');
  });

  it('refuses a label above 9', async () => {
    const bad = { train: { ...split.train, labels: Uint8Array.from([0, 1, 12, 3, 4]) }, test: split.test };
    await expect(decodeMnistAsset(encodeMnistAsset(bad, deflate))).rejects.toThrow('labels are 0 to 9, train label 2 is 12');
  });
});
