export { gaussian, type GaussianOptions } from './gaussian.js';
export { torchLinspace } from './linspace.js';
