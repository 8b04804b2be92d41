// The fused KanBasisLinear kernels on the tfjs `wasm` and `cpu` backends, for every basis with a CPU form of a
// kind the wasm module computes (Gaussian, RSWAF, B-spline, the recurrences on tanh x, Fourier, the Mexican hat).
// None of them writes the [batch, in·K] basis tensor.
import * as tf from '@tensorflow/tfjs-core';
import type { Basis } from '@kanjs/basis-core';
import { BASIS_LINEAR_KERNELS, cpuFormOf, kernelConfigs, registerFusedBasisLinear, setFusedBaseCrossover, type BaseLinearShape } from '@kanjs/kernels';
import { fusedForward, fusedGradInput, fusedGradWeight, isSiluBasis, type Operands } from './fused-basis-linear.js';
import { tensorIO, type CpuBackendName, type TensorIO } from './tensor-io.js';

/** Whether the fused kernels take this basis: it has a CPU form of a kind the module computes, or it is the SiLU base branch (`siluBasis`). */
export function supportsBasis(basis: Basis): boolean {
  return cpuFormOf(basis) !== undefined || isSiluBasis(basis);
}

export function basisOf(attrs: unknown): Basis {
  const basis = (attrs as { basis?: Basis }).basis;
  if (basis === undefined) throw new Error('KanBasisLinear: attrs.basis is missing.');
  return basis;
}

/** x (a view into the backend: valid until it allocates, after the kernel ran) and the state, joined. */
export function operands(io: TensorIO, basis: Basis, x: tf.TensorInfo, state: tf.TensorInfo[]): Operands {
  const parts = state.map((t) => io.read(t));
  const joined = new Float32Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return { basis, x: io.read(x), batch: x.shape[0]!, state: joined };
}

type Run = (io: TensorIO, basis: Basis, inputs: tf.TensorInfo[]) => tf.TensorInfo;

/** A tfjs kernel function on this backend: reads attrs.basis and hands `run` the backend's tensor reader. */
function kernel(name: CpuBackendName, kernelName: string, run: Run): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => run(tensorIO(name, backend, kernelName), basisOf(attrs), inputs as unknown as tf.TensorInfo[]);
}

function kernels(name: CpuBackendName): readonly tf.KernelConfig[] {
  // inputs [x, W, ...state] → y [batch, out]
  const forward = kernel(name, BASIS_LINEAR_KERNELS.forward, (io, basis, [x, w, ...state]) => {
    const out = w!.shape[1]!;
    return io.write([x!.shape[0]!, out], fusedForward(operands(io, basis, x!, state), io.read(w!), out));
  });
  // inputs [dy, x, W, ...state] → dx [batch, in]
  const gradInput = kernel(name, BASIS_LINEAR_KERNELS.gradInput, (io, basis, [dy, x, w, ...state]) =>
    io.write([...x!.shape], fusedGradInput(operands(io, basis, x!, state), io.read(dy!), io.read(w!), dy!.shape[1]!)),
  );
  // inputs [dy, x, ...state] → dW [in·K, out]
  const gradWeight = kernel(name, BASIS_LINEAR_KERNELS.gradWeight, (io, basis, [dy, x, ...state]) => {
    const out = dy!.shape[1]!;
    return io.write([basis.inFeatures * basis.size, out], fusedGradWeight(operands(io, basis, x!, state), io.read(dy!), out));
  });
  return kernelConfigs(BASIS_LINEAR_KERNELS, name, { forward, gradInput, gradWeight });
}

/** The three fused basis-linear kernels on wasm and on cpu. */
export const BASIS_LINEAR_CPU_KERNELS: readonly tf.KernelConfig[] = [...kernels('wasm'), ...kernels('cpu')];

/** Declares which bases `basisLinear` runs fused on wasm and cpu. */
export function declareFusedBasisLinear(): void {
  registerFusedBasisLinear('wasm', supportsBasis);
  registerFusedBasisLinear('cpu', supportsBasis);
}

/**
 * Where the SiLU base branch takes the fused op over `siluBasis` on wasm and cpu rather than matMul(silu(x), W):
 * while a gradient tape records (training), since forward + backward is as fast (64×64→10) to 7× faster
 * (256×784→256) than through tfjs-wasm's matMul gradients; not for a forward alone, where XNNPACK's matMul is
 * mostly 1.2-1.8× faster (benchmarks/cpu/wasm-fused-step.md, tools/perf/wasm/silu-base-probe.mjs).
 */
function fusedBaseWins(_shape: BaseLinearShape): boolean {
  return tf.engine().isTapeOn();
}

/** Declares (or, with `fused` false, withdraws) the fused SiLU base branch on wasm and cpu. */
export function declareFusedBase(fused: boolean): void {
  setFusedBaseCrossover('wasm', fused ? fusedBaseWins : () => false);
  setFusedBaseCrossover('cpu', fused ? fusedBaseWins : () => false);
}
