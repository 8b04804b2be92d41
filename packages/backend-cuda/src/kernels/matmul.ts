// BatchMatMul and _FusedMatMul through cuBLAS (fp32; TF32 tensor cores when switched on with setTF32).
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';
import { runOnCpu } from '../forwarding.js';
import { broadcastShape, floatLiteral, map } from './elementwise.js';

type KernelArgs = Parameters<KernelConfig['kernelFunc']>[0];
const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** op(a) · op(b) over broadcast batch dimensions; null when the batch shapes need a general broadcast. */
export function batchMatMul(backend: CudaBackend, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const M = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const K = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const K2 = transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const N = transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  if (K !== K2) throw new Error(`cuda: BatchMatMul: inner dimensions differ: [${a.shape.join(', ')}]${transposeA ? 'ᵀ' : ''} · [${b.shape.join(', ')}]${transposeB ? 'ᵀ' : ''}.`);
  const batchA = sizeOf(a.shape.slice(0, -2));
  const batchB = sizeOf(b.shape.slice(0, -2));
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return null;
  const batchShape = broadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = backend.makeOutput([...batchShape, M, N], 'float32');
  const batch = Math.max(batchA, batchB);
  if (M * N * batch === 0) return out;
  if (K === 0) {
    backend.native.fill32(backend.pointer(out), M * N * batch, 0);
    return out;
  }
  // Row-major C[M, N] = A·B is column-major Cᵀ[N, M] = Bᵀ·Aᵀ: swap the operands.
  backend.native.gemm(
    transposeB, transposeA, N, M, K,
    backend.pointer(b), transposeB ? K : N, batchB === 1 ? 0 : K * N,
    backend.pointer(a), transposeA ? M : K, batchA === 1 ? 0 : M * K,
    backend.pointer(out), N, M * N, batch,
  );
  return out;
}

const batchMatMulKernel: KernelConfig = {
  kernelName: 'BatchMatMul',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
    return batchMatMul(args.backend as CudaBackend, a, b, transposeA, transposeB) ?? runOnCpu('BatchMatMul', args as KernelArgs);
  },
};

const ACTIVATIONS: Record<string, string> = {
  linear: 'x',
  relu: 'fmaxf(x, 0.0f)',
  relu6: 'fminf(fmaxf(x, 0.0f), 6.0f)',
  elu: 'x >= 0.0f ? x : expf(x) - 1.0f',
  sigmoid: '1.0f / (1.0f + expf(-x))',
};

const fusedMatMul: KernelConfig = {
  kernelName: '_FusedMatMul',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const cuda = args.backend as CudaBackend;
    const { a, b, bias, preluActivationWeights } = args.inputs as { a: TensorInfo; b: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
    const { transposeA, transposeB, activation, leakyreluAlpha } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean; activation: string; leakyreluAlpha?: number };
    const product = batchMatMul(cuda, a, b, transposeA, transposeB);
    if (product === null) return runOnCpu('_FusedMatMul', args as KernelArgs);
    let y = product;
    const replace = (next: TensorInfo) => {
      cuda.disposeData(y.dataId);
      y = next;
    };
    if (bias != null) replace(map(cuda, 'add_f', [y, bias], y.shape, 'float32', 'float', 'x + y'));
    if (activation === 'prelu' && preluActivationWeights != null) {
      replace(map(cuda, 'prelu_f', [y, preluActivationWeights], y.shape, 'float32', 'float', 'x < 0.0f ? y * x : x'));
    } else if (activation === 'leakyrelu') {
      replace(map(cuda, 'leaky_relu_f', [y], y.shape, 'float32', 'float', `x < 0.0f ? ${floatLiteral(leakyreluAlpha ?? 0.2)} * x : x`));
    } else if (activation !== 'linear' && activation != null) {
      const expr = ACTIVATIONS[activation];
      if (expr === undefined) throw new Error(`cuda: _FusedMatMul: unknown activation "${activation}"; expected one of ${[...Object.keys(ACTIVATIONS), 'prelu', 'leakyrelu'].join(', ')}.`);
      replace(map(cuda, `${activation}_f`, [y], y.shape, 'float32', 'float', expr));
    }
    return y;
  },
};

export const MATMUL_KERNELS: KernelConfig[] = [batchMatMulKernel, fusedMatMul];
