// The inputs of one KanBasisLinear call for the probe scripts: x [B, in], W [in·K, out], dy [B, out] (seeded,
// uniform) and the basis's initial state, as a map and in stateSpecs order (the kernels' input order).
import * as tf from '@tensorflow/tfjs-core';
import { initialState } from '@kanjs/kan-layers';

/** x, w, dy and the state of a basis at { B, IN, OUT }; `dispose()` frees them all. */
export function basisLinearInputs(basis, { B, IN, OUT }) {
  const stateMap = initialState(basis);
  const inputs = {
    x: tf.randomUniform([B, IN], -1.5, 1.5, 'float32', 1),
    w: tf.randomUniform([IN * basis.size, OUT], -0.1, 0.1, 'float32', 2),
    dy: tf.randomUniform([B, OUT], -1, 1, 'float32', 3),
    stateMap,
    state: basis.stateSpecs.map((s) => stateMap[s.name]),
  };
  return { ...inputs, dispose: () => tf.dispose([inputs.x, inputs.w, inputs.dy, ...Object.values(stateMap)]) };
}
