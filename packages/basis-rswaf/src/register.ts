// Side-effect entry: `import '@kanjs/basis-rswaf/register'` makes the basis available as `rswaf`.
import { registerBasis } from '@kanjs/basis-core';
import { rswaf } from './rswaf.js';

registerBasis('rswaf', rswaf);
