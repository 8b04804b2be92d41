export { rational, type RationalOptions } from './rational.js';
export { rationalSnippets } from './snippets.js';
