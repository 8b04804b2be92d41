// Side-effect entry: `import '@kanjs/basis-fourier/register'` makes the basis available as `fourier`.
import { registerBasis } from '@kanjs/basis-core';
import { fourier } from './fourier.js';

registerBasis('fourier', fourier);
