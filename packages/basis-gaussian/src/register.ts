// Side-effect entry: `import '@kanjs/basis-gaussian/register'` makes the basis available as `gaussian`.
import { registerBasis } from '@kanjs/basis-core';
import { gaussian } from './gaussian.js';

registerBasis('gaussian', gaussian);
