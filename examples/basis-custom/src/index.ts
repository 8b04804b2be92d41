export { hat, type HatOptions } from './hat.js';
export { hatSnippets } from './snippets.js';
