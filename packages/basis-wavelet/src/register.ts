// Side-effect entry: `import '@kanjs/basis-wavelet/register'` makes the basis available as `mexican-hat`.
import { registerBasis } from '@kanjs/basis-core';
import { mexicanHat } from './mexican-hat.js';

registerBasis('mexican-hat', mexicanHat);
