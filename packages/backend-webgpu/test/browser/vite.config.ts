// The page of test/browser-snippet.test.ts: built and served by @kanjs/testing/browser's serveApp.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // Workspace packages resolve to their TypeScript source, as in the tests; one tfjs-core for everything.
  resolve: {
    conditions: ['@kanjs/source', ...defaultClientConditions],
    dedupe: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'],
  },
  build: { chunkSizeWarningLimit: 4_000 },
});
