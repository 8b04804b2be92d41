import type * as tfl from '@tensorflow/tfjs-layers';

/** The model of the checkpoint tests: [4] → dense 3 → dense 2, with fixed layer names. */
export function tinyModel(): tfl.Sequential;
