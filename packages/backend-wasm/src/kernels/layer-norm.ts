// The fused LayerNorm kernels (LAYER_NORM_KERNELS: FastKAN's input normalisation over the last axis, biased
// variance) on the tfjs `wasm` and `cpu` backends: one kernel forward instead of about ten tfjs ops, and one per
// gradient, each a pass or two over the rows in the module's SIMD code (assembly/layer-norm.ts).
import type * as tf from '@tensorflow/tfjs-core';
import { LAYER_NORM_KERNELS, kernelConfigs, registerFusedLayerNorm } from '@kanjs/kernels';
import { kernelModule, stage, view } from '../wasm/module.js';
import { tensorIO, type CpuBackendName } from './tensor-io.js';

const epsilonOf = (attrs: unknown) => (attrs as { epsilon: number }).epsilon;

/** [rows, n] of a LayerNorm input, which must be a matrix. */
function rowsOf(x: tf.TensorInfo, kernel: string): [number, number] {
  if (x.shape.length !== 2) throw new Error(`${kernel}: expected x of shape [batch, features], got [${x.shape.join(', ')}].`);
  return [x.shape[0]!, x.shape[1]!];
}

type Compute = (offsets: number[], rows: number, n: number, epsilon: number) => void;

/**
 * A kernel function on `name`: copies `inputs` into the module, runs `compute` on their offsets (then the
 * output's, then that of `scratch(n)` floats), and returns the output of `outShape`.
 */
function kernel(name: CpuBackendName, kernelName: string, outShape: (rows: number, n: number) => number[], compute: Compute, scratch = (_n: number) => 0): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const tensors = inputs as unknown as tf.TensorInfo[];
    const io = tensorIO(name, backend, kernelName);
    const [rows, n] = rowsOf(tensors[0]!, kernelName);
    const shape = outShape(rows, n);
    const size = shape.reduce((a, b) => a * b, 1);
    const module = kernelModule();
    const offsets = stage(module, tensors.map((t) => io.read(t)), [size, scratch(n)]);
    if (size > 0) compute(offsets, rows, n, epsilonOf(attrs));
    return io.write(shape, view(module, offsets[tensors.length]!, size).slice());
  };
}

function kernels(name: CpuBackendName): tf.KernelConfig[] {
  const module = () => kernelModule();
  const matrix = (rows: number, n: number) => [rows, n];
  const vector = (_rows: number, n: number) => [n];
  // [x, γ, β] → y [rows, n]
  const forward = kernel(name, LAYER_NORM_KERNELS.forward, matrix, ([x, gamma, beta, y], rows, n, eps) => module().layerNormForward(x!, gamma!, beta!, y!, rows, n, eps));
  // [dy, x, γ] → dx [rows, n]
  const gradInput = kernel(name, LAYER_NORM_KERNELS.gradInput, matrix, ([dy, x, gamma, dx], rows, n, eps) => module().layerNormGradInput(dy!, x!, gamma!, dx!, rows, n, eps));
  // [dy, x] → dγ [n], with a row of x̂ as scratch
  const gradGamma = kernel(name, LAYER_NORM_KERNELS.gradGamma, vector, ([dy, x, dgamma, xhat], rows, n, eps) => module().layerNormGradGamma(dy!, x!, dgamma!, xhat!, rows, n, eps), (n) => n);
  // [dy] → dβ [n]
  const gradBeta = kernel(name, LAYER_NORM_KERNELS.gradBeta, vector, ([dy, dbeta], rows, n) => module().layerNormGradBeta(dy!, dbeta!, rows, n));
  return kernelConfigs(LAYER_NORM_KERNELS, name, { forward, gradInput, gradGamma, gradBeta });
}

/** The four fused LayerNorm kernels on wasm and on cpu. */
export const LAYER_NORM_CPU_KERNELS: readonly tf.KernelConfig[] = [...kernels('wasm'), ...kernels('cpu')];

/** Declares (or, with `fused` false, withdraws) the fused path of `layerNorm` on wasm and cpu. */
export function declareFusedLayerNorm(fused = true): void {
  registerFusedLayerNorm('wasm', fused);
  registerFusedLayerNorm('cpu', fused);
}
