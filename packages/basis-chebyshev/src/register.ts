// Side-effect entry: `import '@kanjs/basis-chebyshev/register'` makes the basis available as `chebyshev`.
import { registerBasis } from '@kanjs/basis-core';
import { chebyshev } from './chebyshev.js';

registerBasis('chebyshev', chebyshev);
