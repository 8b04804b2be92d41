// The binary version of CIFAR-10 (data_batch_1.bin … data_batch_5.bin, test_batch.bin): records of 1 label byte
// (0–9) and 3072 pixel bytes, the red, green and blue planes of a 32×32 image, each row by row. No header: a
// file's size must be a whole number of records.
import { CLASSES, type Dataset, type ImageShape } from './dataset.js';

/** Thrown for a file that is not the CIFAR-10 binary data it should be. */
export class CifarError extends Error {
  override readonly name = 'CifarError';
}

export const CIFAR_SHAPE: ImageShape = [32, 32, 3];
const PLANE = 32 * 32;
/** Bytes of one record: the label and the three planes. */
export const CIFAR_RECORD_BYTES = 1 + 3 * PLANE;

/**
 * Parses one binary batch file into images of CIFAR_SHAPE with the channels last (tfjs's NHWC: r, g, b of the first
 * pixel, then of the second, …) and labels; `name` names the file in errors.
 */
export function parseCifarBatch(bytes: Uint8Array, name: string): Dataset {
  if (bytes.length === 0 || bytes.length % CIFAR_RECORD_BYTES !== 0) {
    throw new CifarError(`${name} is ${bytes.length} bytes; expected a whole number (at least 1) of ${CIFAR_RECORD_BYTES}-byte CIFAR-10 records (the official batch files hold 10000, 30730000 bytes).`);
  }
  const count = bytes.length / CIFAR_RECORD_BYTES;
  const images = new Uint8Array(count * 3 * PLANE);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const record = n * CIFAR_RECORD_BYTES;
    const label = bytes[record]!;
    if (label >= CLASSES) throw new CifarError(`${name}: record ${n} has label ${label}; expected 0–9 (is this the CIFAR-100 binary version?).`);
    labels[n] = label;
    const out = n * 3 * PLANE;
    for (let p = 0; p < PLANE; p++) {
      for (let c = 0; c < 3; c++) images[out + 3 * p + c] = bytes[record + 1 + c * PLANE + p]!;
    }
  }
  return { images, labels, count, shape: CIFAR_SHAPE };
}

/** Joins data sets of the same image shape, in order. */
export function concatDatasets(parts: readonly Dataset[]): Dataset {
  const count = parts.reduce((n, d) => n + d.count, 0);
  const images = new Uint8Array(parts.reduce((n, d) => n + d.images.length, 0));
  const labels = new Uint8Array(count);
  let offset = 0;
  let n = 0;
  for (const part of parts) {
    images.set(part.images, offset);
    labels.set(part.labels, n);
    offset += part.images.length;
    n += part.count;
  }
  return { images, labels, count, ...(parts[0]?.shape === undefined ? {} : { shape: parts[0].shape }) };
}
