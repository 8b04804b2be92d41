export { reluKan, type ReluKanOptions } from './relu.js';
export { reluSnippets, type ReluGrid } from './snippets.js';
