// Side-effect entry: `import '@kanjs/basis-relu/register'` makes the basis available as `relu`.
import { registerBasis } from '@kanjs/basis-core';
import { reluKan } from './relu.js';

registerBasis('relu', reluKan);
