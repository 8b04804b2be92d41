// CIFAR-10 in Node from a folder of the official binary version's files (cifar-10-binary.tar.gz unpacked: the
// folder itself or its cifar-10-batches-bin/): data_batch_1.bin … data_batch_5.bin train (50 000 images),
// test_batch.bin tests (10 000).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CifarError, concatDatasets, parseCifarBatch } from '../data/cifar.js';
import type { Dataset, Split } from '../data/dataset.js';

export const CIFAR_TRAIN_FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'] as const;
export const CIFAR_TEST_FILE = 'test_batch.bin';
/** The most bytes one batch file may hold: 64 MiB (the official ones hold 30 730 000). */
export const MAX_CIFAR_FILE_BYTES = 64 * 1024 * 1024;

function readBatch(path: string): Dataset {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CifarError(`${path} is not a file; expected a CIFAR-10 binary batch file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CifarError) throw error;
    throw new CifarError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  if (size > MAX_CIFAR_FILE_BYTES) throw new CifarError(`${path} is ${size} bytes, more than the ${MAX_CIFAR_FILE_BYTES} bytes a CIFAR-10 batch file may hold.`);
  return parseCifarBatch(readFileSync(path), path);
}

/** The folder that holds the batch files: `dir`, or `dir/cifar-10-batches-bin` as the official archive unpacks. */
function batchFolder(dir: string): string {
  const nested = join(dir, 'cifar-10-batches-bin');
  if (!existsSync(join(dir, CIFAR_TEST_FILE)) && existsSync(join(nested, CIFAR_TEST_FILE))) return nested;
  return dir;
}

/** CIFAR-10's official split from a folder of its binary version's six files (32×32×3 images, channels last). */
export function loadCifar10(dir: string): Split {
  const folder = batchFolder(dir);
  const missing = [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE].filter((file) => !existsSync(join(folder, file)));
  if (missing.length > 0) {
    throw new CifarError(`--dataset cifar10: ${folder} lacks ${missing.join(', ')}; expected the six files of CIFAR-10's binary version (data_batch_1.bin … data_batch_5.bin, test_batch.bin).`);
  }
  return {
    train: concatDatasets(CIFAR_TRAIN_FILES.map((file) => readBatch(join(folder, file)))),
    test: readBatch(join(folder, CIFAR_TEST_FILE)),
  };
}
