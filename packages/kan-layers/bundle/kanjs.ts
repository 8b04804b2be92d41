// The CDN bundle's entry (`npm run build:bundle` writes dist/kanjs.esm.js): everything @kanjs/kan-layers exports,
// with TensorFlow.js bundled as `tf`, for a `<script type="module">` with no bundler and no import map for tfjs.
export * as tf from './tf.js';
export * from '../src/index.js';
