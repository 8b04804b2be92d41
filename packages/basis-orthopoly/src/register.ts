// Side-effect entry: `import '@kanjs/basis-orthopoly/register'` makes the bases available as `legendre` and
// `jacobi`.
import { registerBasis } from '@kanjs/basis-core';
import { jacobi, legendre } from './orthopoly.js';

registerBasis('legendre', legendre);
registerBasis('jacobi', jacobi);
