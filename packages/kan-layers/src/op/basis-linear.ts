import * as tf from '@tensorflow/tfjs-core';
import type { Basis, BasisState } from '@kanjs/basis-core';
import { BASIS_LINEAR_KERNELS, hasFusedBasisLinear } from '@kanjs/kernels';

/**
 * The spline branch of every KAN layer, y[b, o] = Σᵢ Σₖ Bₖ(x[b, i]) · W[i·K + k, o].
 *
 * On a backend with fused kernels for this basis it runs the `KanBasisLinear` kernel, whose registered
 * gradient runs `KanBasisLinearGradInput` and `KanBasisLinearGradWeight`; fused kernels never write the
 * [batch, in·K] basis tensor. Everywhere else, and for a basis with trainable state (whose gradient the fused
 * kernels do not give), it is the generic composition `evaluate` + `matMul`, which autodiff differentiates.
 *
 * @param x [batch, in]
 * @param weight [in·K, out], row i·K + k for basis function k of input i
 * @param state the basis's state tensors; defaults to its initial state
 * @returns [batch, out]
 */
export function basisLinear(x: tf.Tensor2D, weight: tf.Tensor2D, basis: Basis, state?: BasisState): tf.Tensor2D {
  checkShapes(x, weight, basis);
  return tf.tidy(() => {
    const tensors = state ?? initialState(basis);
    if (hasFusedBasisLinear(tf.getBackend(), basis)) {
      const inputs = [x, weight, ...orderedState(basis, tensors)];
      return tf.engine().runKernel(BASIS_LINEAR_KERNELS.forward, inputs as never, { basis } as never) as tf.Tensor2D;
    }
    return genericBasisLinear(x, weight, basis, tensors);
  });
}

/** The generic composition: flatten(evaluate(x)) [batch, in·K] · weight [in·K, out]. */
export function genericBasisLinear(x: tf.Tensor2D, weight: tf.Tensor2D, basis: Basis, state: BasisState): tf.Tensor2D {
  return tf.tidy(() => {
    const values = basis.evaluate(x, state); // [batch, in, K]
    return tf.matMul(tf.reshape(values, [x.shape[0], basis.inFeatures * basis.size]), weight);
  });
}

/** The basis's initial state as tensors (the caller disposes them). */
export function initialState(basis: Basis): Record<string, tf.Tensor> {
  return Object.fromEntries(basis.stateSpecs.map((spec) => [spec.name, tf.tensor(spec.initial(), [...spec.shape])]));
}

/** State tensors in `stateSpecs` order, as the fused kernels take them. */
function orderedState(basis: Basis, state: BasisState): tf.Tensor[] {
  return basis.stateSpecs.map((spec) => {
    const tensor = state[spec.name];
    if (tensor === undefined) throw new Error(`basisLinear: missing state tensor "${spec.name}" of the ${basis.name} basis.`);
    return tensor;
  });
}

function checkShapes(x: tf.Tensor, weight: tf.Tensor, basis: Basis): void {
  if (x.rank !== 2 || x.shape[1] !== basis.inFeatures) {
    throw new Error(`basisLinear: x must be [batch, ${basis.inFeatures}], got [${x.shape.join(', ')}].`);
  }
  const rows = basis.inFeatures * basis.size;
  if (weight.rank !== 2 || weight.shape[0] !== rows) {
    throw new Error(`basisLinear: weight must be [${rows}, out] (in·K = ${basis.inFeatures}·${basis.size}), got [${weight.shape.join(', ')}].`);
  }
}

/** Gradient of the fused forward kernel, shared by every backend: dx and dW from the fused gradient kernels. */
tf.registerGradient({
  kernelName: BASIS_LINEAR_KERNELS.forward,
  saveAllInputs: true,
  gradFunc: (dy, saved, attrs) => {
    const [x, weight, ...state] = saved as [tf.Tensor, tf.Tensor, ...tf.Tensor[]];
    const run = (name: string, inputs: tf.Tensor[]) => tf.engine().runKernel(name, inputs as never, attrs) as tf.Tensor;
    const grads: Record<number, () => tf.Tensor> = {
      0: () => run(BASIS_LINEAR_KERNELS.gradInput, [dy as tf.Tensor, x, weight, ...state]),
      1: () => run(BASIS_LINEAR_KERNELS.gradWeight, [dy as tf.Tensor, x, ...state]),
    };
    // Fused kernels run only for bases without trainable state (hasFusedBasisLinear): their state (knots, centres) is fixed.
    state.forEach((tensor, i) => (grads[i + 2] = () => tf.zerosLike(tensor)));
    return grads;
  },
});
