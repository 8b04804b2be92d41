export { mexicanHat, MEXICAN_HAT_NORMALIZATION, type MexicanHatOptions } from './mexican-hat.js';
export { mexicanHatSnippets } from './snippets.js';
