export { fourier, type FourierOptions } from './fourier.js';
export { fourierSnippets } from './snippets.js';
