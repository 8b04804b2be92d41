import * as tf from '@tensorflow/tfjs-core';
import type { Basis, BasisState } from '@kanjs/basis-core';
import { FASTKAN_LAYER_KERNELS, hasFusedFastKANLayer } from '@kanjs/kernels';

/** The weights of a FastKAN layer with LayerNorm and the SiLU base branch. */
export interface FastKANWeights {
  /** LayerNorm's γ and β [in] */
  readonly gamma: tf.Tensor1D;
  readonly beta: tf.Tensor1D;
  /** [in·K, out] */
  readonly spline: tf.Tensor2D;
  /** [in, out] */
  readonly base: tf.Tensor2D;
  /** [out] */
  readonly bias: tf.Tensor1D;
}

/** Whether FastKAN's layer over this basis runs as the backend's fused layer kernels (FASTKAN_LAYER_KERNELS). */
export function useFusedFastKANLayer(basis: Basis): boolean {
  return hasFusedFastKANLayer(tf.getBackend(), basis);
}

/**
 * y = basisLinear(LayerNorm(x), spline) + SiLU(x)·base + bias as the fused forward kernel, whose gradient (every
 * input's at once) is the fused grad kernel; see useFusedFastKANLayer.
 *
 * @param x [batch, in]
 * @returns [batch, out]
 */
export function fusedFastKANLayer(x: tf.Tensor2D, weights: FastKANWeights, basis: Basis, state: BasisState, epsilon: number): tf.Tensor2D {
  const ordered = basis.stateSpecs.map((spec) => {
    const tensor = state[spec.name];
    if (tensor === undefined) throw new Error(`fusedFastKANLayer: missing state tensor "${spec.name}" of the ${basis.name} basis.`);
    return tensor;
  });
  const attrs = { basis, epsilon } as never;
  const forward = (inputs: tf.Tensor[]) => tf.engine().runKernel(FASTKAN_LAYER_KERNELS.forward, [...inputs, ...ordered] as never, attrs) as tf.Tensor2D;
  const all = [x, weights.gamma, weights.beta, weights.spline, weights.base, weights.bias];
  if (!tf.engine().isTapeOn()) return forward(all); // inference: the kernel alone, without customGrad's wrapper
  const layer = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const inputs = args.slice(0, 6) as tf.Tensor[];
    (args[6] as tf.GradSaveFunc)(inputs.slice(0, 5));
    const value = forward(inputs);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.engine().runKernel(FASTKAN_LAYER_KERNELS.grad, [dy, ...saved, ...ordered] as never, attrs) as tf.Tensor[],
    };
  });
  return layer(...all) as tf.Tensor2D;
}
