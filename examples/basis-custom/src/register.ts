// Side-effect entry: `import '@kanjs/example-basis-custom/register'` makes the basis available as `hat`.
import { registerBasis } from '@kanjs/basis-core';
import { hat } from './hat.js';

registerBasis('hat', hat);
