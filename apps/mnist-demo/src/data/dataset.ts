// The browser app's import path for what lives in @kanjs/mnist (the package of the kanjs-mnist CLI).
export { normalise, take, permutation, seededRandom, batches, PIXELS, CLASSES, type Dataset, type Split, type Batch } from '@kanjs/mnist';
