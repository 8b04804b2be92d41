// Image classification data held as bytes (MNIST's 28×28 grey, or any [height, width, channels]), with the
// paper's normalisation and seeded batching.
import { seededRandom } from '@kanjs/basis-core';

/** The shape of one image: [height, width, channels], channels last (tfjs's NHWC). */
export type ImageShape = readonly [height: number, width: number, channels: number];

/** Images as bytes [count, height·width·channels] and labels [count], 10 classes. */
export interface Dataset {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  /** Each image's shape, channels last; default MNIST's [28, 28, 1]. */
  readonly shape?: ImageShape;
}

/** A train/test pair. */
export interface Split {
  readonly train: Dataset;
  readonly test: Dataset;
}

export const PIXELS = 784;
export const CLASSES = 10;
/** MNIST's and Fashion-MNIST's image shape. */
export const MNIST_SHAPE: ImageShape = [28, 28, 1];

/** A data set's image shape: its own, or MNIST's [28, 28, 1]. */
export function imageShape(data: Pick<Dataset, 'shape'>): ImageShape {
  return data.shape ?? MNIST_SHAPE;
}

/** The number of input features of one image: height · width · channels (784 for MNIST, 3072 for CIFAR-10). */
export function featureCount(shape: ImageShape): number {
  return shape[0] * shape[1] * shape[2];
}

/** The paper's transform: x/255, then (x − 0.5)/0.5, into `out` at `offset`, for images of `features` bytes each. */
export function normalise(images: Uint8Array, start: number, count: number, out: Float32Array, offset = 0, features = PIXELS): void {
  for (let n = 0; n < count * features; n++) out[offset + n] = (images[start * features + n]! / 255 - 0.5) / 0.5;
}

/** The first `count` examples (or all). */
export function take(data: Dataset, count: number): Dataset {
  const n = Math.min(count, data.count);
  const features = featureCount(imageShape(data));
  return { images: data.images.subarray(0, n * features), labels: data.labels.subarray(0, n), count: n, ...(data.shape === undefined ? {} : { shape: data.shape }) };
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

/** A batch as normalised pixels [size, features] and labels [size]. */
export interface Batch {
  readonly pixels: Float32Array;
  readonly labels: Int32Array;
  readonly size: number;
  /** Input features per example (784 for MNIST). */
  readonly features: number;
}

/** The batches of one epoch in the order `order` (or in order), the last one possibly smaller. */
export function* batches(data: Dataset, batchSize: number, order?: Uint32Array): Generator<Batch> {
  const features = featureCount(imageShape(data));
  for (let start = 0; start < data.count; start += batchSize) {
    const size = Math.min(batchSize, data.count - start);
    const pixels = new Float32Array(size * features);
    const labels = new Int32Array(size);
    for (let b = 0; b < size; b++) {
      const index = order === undefined ? start + b : order[start + b]!;
      normalise(data.images, index, 1, pixels, b * features, features);
      labels[b] = data.labels[index]!;
    }
    yield { pixels, labels, size, features };
  }
}
