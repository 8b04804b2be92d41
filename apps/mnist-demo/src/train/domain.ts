// The browser app's import path for what lives in @kanjs/mnist (the package of the kanjs-mnist CLI).
export { layerNormDomain, type DomainRecord } from '@kanjs/mnist';
