import * as tf from '@tensorflow/tfjs-core';
import type { Objective } from './lbfgs.js';

/** tfjs variables seen as one flat float64 vector, and a scalar loss of them as an `Objective` of that vector. */
export interface FlatVariables {
  /** The number of entries over all the variables. */
  readonly size: number;
  /** The variables' current values, concatenated in order. */
  read(): Float64Array;
  /** Writes a flat vector back into the variables. */
  write(x: Float64Array): void;
  /** The loss and its gradient at x: x is written into the variables, then `loss` runs once under tf.variableGrads. */
  readonly objective: Objective;
}

/** Flattens `variables` for `LBFGS`; `loss` builds the scalar to minimise from them (its tensors are freed). */
export function flatVariables(variables: readonly tf.Variable[], loss: () => tf.Scalar): FlatVariables {
  const sizes = variables.map((v) => v.size);
  const size = sizes.reduce((a, b) => a + b, 0);
  const gradient = new Float64Array(size);
  const read = (): Float64Array => readVariables(variables, size);
  const write = (x: Float64Array): void => writeVariables(variables, x);
  const objective: Objective = (x) => {
    write(x);
    const { value, grads } = tf.variableGrads(loss, [...variables]);
    let offset = 0;
    for (const v of variables) {
      const g = grads[v.name];
      if (g === undefined) gradient.fill(0, offset, offset + v.size);
      else gradient.set(g.dataSync(), offset);
      offset += v.size;
    }
    const result = value.dataSync()[0]!;
    tf.dispose([value, ...Object.values(grads)]);
    return { loss: result, gradient };
  };
  return { size, read, write, objective };
}

/** The variables' values concatenated in order, as float64 (size: their total entries). */
export function readVariables(variables: readonly tf.Variable[], size: number): Float64Array {
  const x = new Float64Array(size);
  let offset = 0;
  for (const v of variables) {
    x.set(v.dataSync(), offset);
    offset += v.size;
  }
  return x;
}

/** Writes a flat vector back into the variables, in order. */
export function writeVariables(variables: readonly tf.Variable[], x: Float64Array): void {
  let offset = 0;
  tf.tidy(() => {
    for (const v of variables) {
      v.assign(tf.tensor(Float32Array.from(x.subarray(offset, offset + v.size)), v.shape, 'float32'));
      offset += v.size;
    }
  });
}
