// Side-effect entry: `import '@kanjs/basis-rational/register'` makes the basis available as `rational`.
import { registerBasis } from '@kanjs/basis-core';
import { rational } from './rational.js';

registerBasis('rational', rational);
