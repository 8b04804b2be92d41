// The model of the checkpoint tests: [4] → dense 3 → dense 2, with fixed layer names.
import * as tfl from '@tensorflow/tfjs-layers';

export function tinyModel() {
  return tfl.sequential({ name: 'tiny', layers: [tfl.layers.dense({ units: 3, inputShape: [4], name: 'tiny_0' }), tfl.layers.dense({ units: 2, name: 'tiny_1' })] });
}
