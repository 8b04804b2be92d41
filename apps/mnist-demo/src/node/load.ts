// The browser app's Vite plugin's import path for what lives in @kanjs/mnist/node.
export { loadMnist, loadFashion, mnistDataDir, readIdx, MAX_IDX_BYTES } from '@kanjs/mnist/node';
