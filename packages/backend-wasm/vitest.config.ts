import { kanjsProject } from '../../vitest.shared.js';

export default kanjsProject('@kanjs/backend-wasm');
