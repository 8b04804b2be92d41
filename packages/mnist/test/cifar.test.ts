// CIFAR-10's binary version: records parsed into channels-last images, the six files read from a folder (or its
// cifar-10-batches-bin/), and one clear error for each way a file can be wrong.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD_BYTES, parseCifarBatch } from '../src/data/cifar.js';
import { CIFAR_TEST_FILE, CIFAR_TRAIN_FILES, loadCifar10 } from '../src/node/cifar.js';

/** `count` records; record n has label (n + first) % 10 and red, green, blue planes of n, 100 + n, 200 + n + pixel % 7. */
function records(count: number, first = 0): Uint8Array {
  const bytes = new Uint8Array(count * CIFAR_RECORD_BYTES);
  for (let n = 0; n < count; n++) {
    const r = n * CIFAR_RECORD_BYTES;
    bytes[r] = (n + first) % 10;
    for (let p = 0; p < 1024; p++) {
      bytes[r + 1 + p] = n;
      bytes[r + 1 + 1024 + p] = 100 + n;
      bytes[r + 1 + 2048 + p] = 200 + n + (p % 7);
    }
  }
  return bytes;
}

function folder(files: Record<string, Uint8Array>, nested = false): string {
  const root = mkdtempSync(join(tmpdir(), 'kanjs-cifar-'));
  const dir = nested ? join(root, 'cifar-10-batches-bin') : root;
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return root;
}

const official = (train = 2, test = 3) => Object.fromEntries([...CIFAR_TRAIN_FILES.map((f, i) => [f, records(train, i)]), [CIFAR_TEST_FILE, records(test, 7)]]);

describe('CIFAR-10 binary files', () => {
  it('parses records into labels and 32×32×3 images with the channels last', () => {
    const data = parseCifarBatch(records(2), 'batch');
    expect(data).toMatchObject({ count: 2, shape: [32, 32, 3] });
    expect([...data.labels]).toEqual([0, 1]);
    // Pixel p of image n is (r, g, b) = (n, 100 + n, 200 + n + p % 7).
    expect([...data.images.subarray(0, 6)]).toEqual([0, 100, 200, 0, 100, 201]);
    expect([...data.images.subarray(3072 + 3 * 9, 3072 + 3 * 10)]).toEqual([1, 101, 203]);
  });

  it('reads the official split from the folder or its cifar-10-batches-bin/', () => {
    for (const nested of [false, true]) {
      const { train, test } = loadCifar10(folder(official(), nested));
      expect(train.count).toBe(10);
      expect(test.count).toBe(3);
      // The five training files in order: file i's first label is i.
      expect([...train.labels]).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
      expect([...test.labels]).toEqual([7, 8, 9]);
      expect(train.images.length).toBe(10 * 3072);
    }
  });

  it('gives one clear error for each bad file', () => {
    expect(() => parseCifarBatch(new Uint8Array(3072), 'short.bin')).toThrow('short.bin is 3072 bytes; expected a whole number (at least 1) of 3073-byte CIFAR-10 records (the official batch files hold 10000, 30730000 bytes).');
    expect(() => parseCifarBatch(new Uint8Array(0), 'empty.bin')).toThrow('empty.bin is 0 bytes; expected a whole number (at least 1)');
    const bad = records(2);
    bad[CIFAR_RECORD_BYTES] = 57;
    expect(() => parseCifarBatch(bad, 'c100.bin')).toThrow('c100.bin: record 1 has label 57; expected 0–9 (is this the CIFAR-100 binary version?).');
    const { [CIFAR_TEST_FILE]: _, ...noTest } = official();
    const partial = folder(Object.fromEntries(Object.entries(noTest).filter(([name]) => name !== 'data_batch_2.bin')) as Record<string, Uint8Array>);
    expect(() => loadCifar10(partial)).toThrow(`--dataset cifar10: ${partial} lacks data_batch_2.bin, test_batch.bin; expected the six files of CIFAR-10's binary version (data_batch_1.bin … data_batch_5.bin, test_batch.bin).`);
    const truncated = folder({ ...official(), 'data_batch_4.bin': records(2).subarray(0, 5000) });
    expect(() => loadCifar10(truncated)).toThrow(`${join(truncated, 'data_batch_4.bin')} is 5000 bytes; expected a whole number`);
  });
});
