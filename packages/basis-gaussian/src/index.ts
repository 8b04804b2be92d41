export { gaussian, type GaussianOptions } from './gaussian.js';
// Re-exported: the centres are placed with it (it lives in basis-core, shared with other bases).
export { torchLinspace } from '@kanjs/basis-core';
export { gaussianSnippets } from './snippets.js';
