// Side-effect entry: `import '@kanjs/basis-bspline/register'` makes the basis available as `bspline`.
import { registerBasis } from '@kanjs/basis-core';
import { bspline } from './bspline.js';

registerBasis('bspline', bspline);
