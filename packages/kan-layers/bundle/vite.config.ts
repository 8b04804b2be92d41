// `npm run build:bundle -w @kanjs/kan-layers`: the ES module bundle for CDNs, dist/kanjs.esm.js (see the README's
// "From a CDN"). It is built from the TypeScript sources, like the tests.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    conditions: ['@kanjs/source', ...defaultClientConditions],
    dedupe: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'],
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    lib: { entry: fileURLToPath(new URL('kanjs.ts', import.meta.url)), formats: ['es'], fileName: () => 'kanjs.esm.js' },
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    copyPublicDir: false,
    // tfjs with two backends is large by nature: about 1.2 MB, 0.3 MB gzipped.
    chunkSizeWarningLimit: 3_000,
  },
});
