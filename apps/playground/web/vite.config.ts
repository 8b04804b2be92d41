// The playground: `npm run dev -w kanjs-playground` serves it, `npm run build:web -w kanjs-playground` writes dist-web/.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // Workspace packages resolve to their TypeScript source, as in the tests.
  resolve: {
    conditions: ['@kanjs/source', ...defaultClientConditions],
    // One tfjs-core (and tfjs-layers) for the app, the backends and the kanjs packages.
    dedupe: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'],
  },
  build: {
    outDir: '../dist-web',
    emptyOutDir: true,
    // tfjs and its backends are large by nature.
    chunkSizeWarningLimit: 4_000,
  },
});
