// Image classification data held as bytes, with the paper's normalisation and seeded batching.
import { seededRandom } from '@kanjs/basis-core';

/** Images as bytes [count, 784] and labels [count], 28×28 pixels, 10 classes. */
export interface Dataset {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** A train/test pair. */
export interface Split {
  readonly train: Dataset;
  readonly test: Dataset;
}

export const PIXELS = 784;
export const CLASSES = 10;

/** The paper's transform: x/255, then (x − 0.5)/0.5, into `out` at `offset`. */
export function normalise(images: Uint8Array, start: number, count: number, out: Float32Array, offset = 0): void {
  for (let n = 0; n < count * PIXELS; n++) out[offset + n] = (images[start * PIXELS + n]! / 255 - 0.5) / 0.5;
}

/** The first `count` examples (or all). */
export function take(data: Dataset, count: number): Dataset {
  const n = Math.min(count, data.count);
  return { images: data.images.subarray(0, n * PIXELS), labels: data.labels.subarray(0, n), count: n };
}

// The seeded uniform generator on [0, 1) (mulberry32) that orders the batches.
export { seededRandom };

/** A Fisher–Yates permutation of 0..count−1, the same for the same seed. */
export function permutation(count: number, seed: number): Uint32Array {
  const random = seededRandom(seed);
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** A batch as normalised pixels [size, 784] and labels [size]. */
export interface Batch {
  readonly pixels: Float32Array;
  readonly labels: Int32Array;
  readonly size: number;
}

/** The batches of one epoch in the order `order` (or in order), the last one possibly smaller. */
export function* batches(data: Dataset, batchSize: number, order?: Uint32Array): Generator<Batch> {
  for (let start = 0; start < data.count; start += batchSize) {
    const size = Math.min(batchSize, data.count - start);
    const pixels = new Float32Array(size * PIXELS);
    const labels = new Int32Array(size);
    for (let b = 0; b < size; b++) {
      const index = order === undefined ? start + b : order[start + b]!;
      normalise(data.images, index, 1, pixels, b * PIXELS);
      labels[b] = data.labels[index]!;
    }
    yield { pixels, labels, size };
  }
}
