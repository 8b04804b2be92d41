export { chebyshev, type ChebyshevOptions } from './chebyshev.js';
export { chebyshevSnippets } from './snippets.js';
