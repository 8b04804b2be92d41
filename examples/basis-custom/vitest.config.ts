import { kanjsProject } from '../../vitest.shared.js';

export default kanjsProject('@kanjs/example-basis-custom');
