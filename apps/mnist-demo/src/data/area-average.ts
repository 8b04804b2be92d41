// The browser app's import path for what lives in @kanjs/mnist (the package of the kanjs-mnist CLI).
export { areaAverage, type Rect } from '@kanjs/mnist';
