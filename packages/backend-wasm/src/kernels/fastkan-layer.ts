// FastKAN's whole-layer kernels (FASTKAN_LAYER_KERNELS) on the tfjs `wasm` and `cpu` backends: one kernel forward
// instead of the LayerNorm, basis-linear, SiLU, matMul and two adds, and one for all six gradients instead of
// about twenty-five ops.
import type * as tf from '@tensorflow/tfjs-core';
import { FASTKAN_LAYER_KERNELS, kernelConfigs, registerFusedFastKANLayer } from '@kanjs/kernels';
import { basisOf, operands } from './basis-linear.js';
import { fusedFastKANForward, fusedFastKANGrad } from './fused-fastkan.js';
import { tensorIO, type CpuBackendName } from './tensor-io.js';

const epsilonOf = (attrs: unknown) => (attrs as { epsilon: number }).epsilon;

function kernels(name: CpuBackendName): tf.KernelConfig[] {
  // [x, γ, β, Ws, Wb, bb, ...state] → y [batch, out]
  const forward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
    const [x, gamma, beta, spline, base, bias, ...state] = inputs as unknown as tf.TensorInfo[];
    const io = tensorIO(name, backend, FASTKAN_LAYER_KERNELS.forward);
    const out = spline!.shape[1]!;
    const weights = { gamma: io.read(gamma!), beta: io.read(beta!), spline: io.read(spline!), base: io.read(base!), bias: io.read(bias!) };
    return io.write([x!.shape[0]!, out], fusedFastKANForward(operands(io, basisOf(attrs), x!, state), weights, epsilonOf(attrs), out));
  };
  // [dy, x, γ, β, Ws, Wb, ...state] → [dx, dγ, dβ, dWs, dWb, dbb]
  const grad: tf.KernelFunc = ({ inputs, backend, attrs }) => {
    const [dy, x, gamma, beta, spline, base, ...state] = inputs as unknown as tf.TensorInfo[];
    const io = tensorIO(name, backend, FASTKAN_LAYER_KERNELS.grad);
    const out = dy!.shape[1]!;
    const weights = { gamma: io.read(gamma!), beta: io.read(beta!), spline: io.read(spline!), base: io.read(base!) };
    const g = fusedFastKANGrad(operands(io, basisOf(attrs), x!, state), io.read(dy!), weights, epsilonOf(attrs), out);
    return [
      io.write([...x!.shape], g.dx),
      io.write([...gamma!.shape], g.dgamma),
      io.write([...beta!.shape], g.dbeta),
      io.write([...spline!.shape], g.dspline),
      io.write([...base!.shape], g.dbase),
      io.write([out], g.dbias),
    ];
  };
  return kernelConfigs(FASTKAN_LAYER_KERNELS, name, { forward, grad });
}

/** The fused FastKAN layer kernels on wasm and on cpu. */
export const FASTKAN_LAYER_CPU_KERNELS: readonly tf.KernelConfig[] = [...kernels('wasm'), ...kernels('cpu')];

/** Declares (or, with `fused` false, withdraws) the fused FastKAN layer on wasm and cpu. */
export function declareFusedFastKANLayer(fused: boolean): void {
  registerFusedFastKANLayer('wasm', fused);
  registerFusedFastKANLayer('cpu', fused);
}
