export { rswaf, type RswafOptions } from './rswaf.js';
export { rswafSnippets } from './snippets.js';
