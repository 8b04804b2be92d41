// Seeded fuzzing of the two readers of untrusted files, IDX (plain and .gz) and PNG: every mutated file either
// loads exactly what it declares or throws our own error (IdxError, PngError) with a message under 300
// characters; none takes over 1 s or 256 MB.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom as generator } from '../src/data/dataset.js';
import { IdxError, encodeIdx, parseIdxHeader } from '../src/data/idx.js';
import { readIdx } from '../src/node/load.js';
import { PngError, decodePngGrey } from '../src/node/png.js';
import { writePng, type PngSpec } from './png-writer.js';

const CASES = 1200;
const work = mkdtempSync(join(tmpdir(), 'kanjs-fuzz-'));

/** One random mutation: flipped bytes, a random 32-bit value (often a length or a dimension), a cut, an insertion. */
function mutate(bytes: Uint8Array, random: () => number, headerBytes: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const at = (limit = out.length) => Math.floor(random() * limit);
  const kind = Math.floor(random() * 6);
  if (kind === 0) for (let i = 0; i < 1 + at(8); i++) out[at()] = at(256);
  if (kind === 1 || kind === 2) {
    const offset = kind === 1 ? at(Math.min(headerBytes, out.length - 4)) : at(out.length - 4);
    const values = [0, 1, 0xffffffff, 0x7fffffff, 28, 10000, at(2 ** 32)];
    new DataView(out.buffer).setUint32(offset, values[at(values.length)]!);
  }
  if (kind === 3) return out.subarray(0, at());
  if (kind === 4) return Buffer.concat([out.subarray(0, at()), Uint8Array.from({ length: 1 + at(16) }, () => at(256)), out.subarray(at())]);
  if (kind === 5) {
    const i = at(Math.min(headerBytes, out.length));
    out[i] = out[i]! ^ (1 << at(8));
  }
  return out;
}

/** Runs one case: it must load what it declares or throw `errorClass`, in under 1 s and 256 MB. */
function check(what: string, run: () => void, errorClass: new (...args: never[]) => Error): 'loaded' | 'refused' {
  const start = performance.now();
  const rss = process.memoryUsage().rss;
  let outcome: 'loaded' | 'refused' = 'loaded';
  try {
    run();
  } catch (error) {
    if (!(error instanceof errorClass)) throw new Error(`${what}: threw ${(error as Error).name}: ${(error as Error).message.slice(0, 200)}`);
    expect(error.message.length, `${what}: ${error.message.slice(0, 200)}`).toBeLessThan(300);
    outcome = 'refused';
  }
  expect(performance.now() - start, `${what}: time`).toBeLessThan(1000);
  expect(process.memoryUsage().rss - rss, `${what}: memory`).toBeLessThan(256 * 1024 * 1024);
  return outcome;
}

describe('fuzzing', () => {
  it(`reads ${CASES} mutated IDX files (half gzipped) as declared or refuses them`, () => {
    const random = generator(15);
    const seeds = [encodeIdx([5, 28, 28], Uint8Array.from({ length: 5 * 784 }, (_, i) => i % 251)), encodeIdx([7], Uint8Array.from([0, 1, 2, 3, 4, 5, 9]))];
    const counts = { loaded: 0, refused: 0 };
    for (let n = 0; n < CASES; n++) {
      const rank = n % 2 === 0 ? 3 : 1;
      const mutated = mutate(seeds[n % 2]!, random, 4 + 4 * rank);
      const gz = n % 4 >= 2;
      const path = join(work, `f${n}${gz ? '.gz' : ''}`);
      writeFileSync(path, gz ? (random() < 0.5 ? gzipSync(mutated) : mutate(gzipSync(seeds[n % 2]!), random, 20)) : mutated);
      counts[check(path, () => {
        const idx = readIdx(path, rank);
        // Loaded: exactly the shape's bytes, those of the file after its header.
        expect(idx.data.length).toBe(idx.shape.reduce((a, b) => a * b, 1));
        if (!gz) {
          const { offset } = parseIdxHeader(mutated, rank, path);
          expect(Buffer.compare(idx.data, mutated.subarray(offset))).toBe(0);
        }
      }, IdxError)]++;
    }
    expect(counts.loaded).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(CASES / 2);
  }, 60_000);

  it(`decodes ${CASES} mutated PNGs as declared or refuses them`, () => {
    const random = generator(5);
    const samples = (count: number, max: number) => Array.from({ length: count }, (_, i) => (i * 37) % (max + 1));
    const seeds: PngSpec[] = [
      { width: 9, height: 7, colourType: 0, depth: 1, samples: samples(63, 1) },
      { width: 9, height: 7, colourType: 0, depth: 16, samples: samples(63, 65535) },
      { width: 9, height: 7, colourType: 3, depth: 2, palette: [[0, 0, 0], [90, 90, 90], [200, 10, 10], [255, 255, 255]], transparency: Uint8Array.from([0, 128]), samples: samples(63, 3) },
      { width: 9, height: 7, colourType: 2, depth: 8, interlaced: true, samples: samples(189, 255) },
      { width: 9, height: 7, colourType: 4, depth: 8, samples: samples(126, 255) },
      { width: 9, height: 7, colourType: 6, depth: 16, samples: samples(252, 65535) },
    ];
    const files = seeds.map(writePng);
    const counts = { loaded: 0, refused: 0 };
    for (let n = 0; n < CASES; n++) {
      let png = mutate(files[n % files.length]!, random, 33);
      // Half the cases get their CRCs fixed, so that the mutation reaches the checks behind the CRC.
      if (n % 2 === 1) png = withFixedCrcs(png);
      counts[check(`PNG case ${n}`, () => {
        const image = decodePngGrey(png, `case-${n}.png`);
        const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
        expect([image.width, image.height]).toEqual([view.getUint32(16), view.getUint32(20)]);
        expect(image.grey.length).toBe(image.width * image.height);
        expect(image.grey.every((v) => v >= 0 && v <= 1)).toBe(true);
      }, PngError)]++;
    }
    expect(counts.loaded).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(CASES / 2);
  }, 60_000);
});

/** The file with every chunk's CRC recomputed, as far as its chunk lengths hold. */
function withFixedCrcs(png: Uint8Array): Uint8Array {
  const out = Uint8Array.from(png);
  const view = new DataView(out.buffer);
  for (let at = 8; at + 12 <= out.length;) {
    const length = view.getUint32(at);
    if (length > out.length - at - 12) break;
    view.setUint32(at + 8 + length, crc32(out.subarray(at + 4, at + 8 + length)));
    at += 12 + length;
  }
  return out;
}
