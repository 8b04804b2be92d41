// The TensorFlow.js inside the CDN bundle: tfjs-core and tfjs-layers as one namespace (as the @tensorflow/tfjs
// umbrella has them), with the cpu and webgl backends registered. Bundled, so tfjs's own CommonJS dependencies
// (seedrandom, long) come along as ES modules instead of bare imports a page cannot resolve.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
