// The chunked vendor path of KanBasisLinear on cuda: the products run through cuBLAS (TF32 tensor cores when
// setTF32 is on, as for every product of this backend), and the basis is computed a chunk of input features at a
// time into a scratch buffer that stays in L2 (vendorChunkBytes). No [batch, in·K] tensor is written: memory
// stays bounded as on the fused path. W is [in·K, out] row-major, so a chunk's rows i0·K … are contiguous.
//
//   forward     y  = Σ_chunks P_c · W_c                 P_c = B(x[:, chunk]) [batch, C·K], cuBLAS with β = 1 after the first
//   gradWeight  dW_c = P_cᵀ · dy                          into the chunk's rows of dW
//   gradInput   G_c = dy · W_cᵀ, dx[:, chunk] = Σₖ B'ₖ(x) · G_c   a small kernel contracts G_c with the derivatives
//
// cuBLAS is column-major: a row-major [m, n] matrix is its transpose, so row-major C = A·B is Cᵀ = Bᵀ·Aᵀ.
import type { Basis } from '@kanjs/basis-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';
import type { Pointer } from '../native.js';
import { vendorChunkBytes } from './basis-linear-path.js';
import { CHUNK_BLOCK, vendorChunkSource } from './basis-linear-vendor-source.js';

const sourceCache = new WeakMap<Basis, ReturnType<typeof vendorChunkSource>>();

function sources(basis: Basis): ReturnType<typeof vendorChunkSource> {
  let pair = sourceCache.get(basis);
  if (pair === undefined) {
    pair = vendorChunkSource(basis);
    sourceCache.set(basis, pair);
  }
  return pair;
}

/** Features per chunk: as many as fit [batch, C·K] floats in `budgetBytes` (at least one), spread evenly over the chunks. */
export function chunkFeatures(batch: number, inFeatures: number, size: number, budgetBytes: number): number {
  const most = Math.max(1, Math.floor(budgetBytes / (4 * Math.max(1, batch) * size)));
  const chunks = Math.ceil(inFeatures / Math.min(inFeatures, most));
  return Math.ceil(inFeatures / chunks);
}

/** The chunks of the input features: [first feature, features] pairs covering 0 … inFeatures − 1. */
function chunksOf(batch: number, inFeatures: number, size: number): [number, number][] {
  const C = chunkFeatures(batch, inFeatures, size, vendorChunkBytes());
  const chunks: [number, number][] = [];
  for (let i0 = 0; i0 < inFeatures; i0 += C) chunks.push([i0, Math.min(C, inFeatures - i0)]);
  return chunks;
}

/** A float32 tensor of zeros. */
function zeros(cuda: CudaBackend, shape: readonly number[]): TensorInfo {
  const out = cuda.makeOutput(shape, 'float32');
  const count = shape.reduce((a, b) => a * b, 1);
  if (count > 0) cuda.native.fill32(cuda.pointer(out), count, 0);
  return out;
}

/** P [batch, C·K] = B(x[:, i0 … i0 + C − 1]) into `scratch`. */
function basisChunk(cuda: CudaBackend, basis: Basis, scratch: Pointer, x: TensorInfo, state: Pointer, [i0, C]: [number, number]): void {
  const [B, IN] = x.shape as [number, number];
  const fn = cuda.compiled('kan_basis_chunk', sources(basis).basis);
  cuda.launch1d(fn, B * C, 'pppiiii', [scratch, cuda.pointer(x), state, B, IN, i0, C], CHUNK_BLOCK);
}

/** y [batch, out] = B(x) · W, a chunk of features at a time. */
export function vendorForward(cuda: CudaBackend, basis: Basis, x: TensorInfo, w: TensorInfo, state: Pointer): TensorInfo {
  const [B, IN] = x.shape as [number, number];
  const OUT = w.shape[1]!;
  const K = basis.size;
  if (B * OUT === 0 || IN === 0) return zeros(cuda, [B, OUT]);
  const y = cuda.makeOutput([B, OUT], 'float32');
  const chunks = chunksOf(B, IN, K);
  const scratch = cuda.makeOutput([B * chunks[0]![1] * K], 'float32');
  for (const [n, chunk] of chunks.entries()) {
    const [i0, C] = chunk;
    basisChunk(cuda, basis, cuda.pointer(scratch), x, state, chunk);
    // yᵀ [OUT, B] (+)= W_cᵀ [OUT, C·K] · Pᵀ [C·K, B]
    cuda.native.gemm(false, false, OUT, B, C * K, cuda.pointer(w) + 4 * i0 * K * OUT, OUT, 0, cuda.pointer(scratch), C * K, 0, cuda.pointer(y), OUT, 0, 1, n === 0 ? 0 : 1);
  }
  cuda.disposeData(scratch.dataId);
  return y;
}

/** dW [in·K, out] = B(x)ᵀ · dy, a chunk of rows at a time. */
export function vendorGradWeight(cuda: CudaBackend, basis: Basis, dy: TensorInfo, x: TensorInfo, state: Pointer): TensorInfo {
  const [B, IN] = x.shape as [number, number];
  const OUT = dy.shape[1]!;
  const K = basis.size;
  if (B === 0 || IN * OUT === 0) return zeros(cuda, [IN * K, OUT]);
  const dw = cuda.makeOutput([IN * K, OUT], 'float32');
  const chunks = chunksOf(B, IN, K);
  const scratch = cuda.makeOutput([B * chunks[0]![1] * K], 'float32');
  for (const chunk of chunks) {
    const [i0, C] = chunk;
    basisChunk(cuda, basis, cuda.pointer(scratch), x, state, chunk);
    // dW_cᵀ [OUT, C·K] = dyᵀ [OUT, B] · P [B, C·K]
    cuda.native.gemm(false, true, OUT, C * K, B, cuda.pointer(dy), OUT, 0, cuda.pointer(scratch), C * K, 0, cuda.pointer(dw) + 4 * i0 * K * OUT, OUT, 0, 1, 0);
  }
  cuda.disposeData(scratch.dataId);
  return dw;
}

/** dx [batch, in] = Σₖ B'ₖ(x) · (dy · Wᵀ)[…, i·K + k], a chunk of features at a time. */
export function vendorGradInput(cuda: CudaBackend, basis: Basis, dy: TensorInfo, x: TensorInfo, w: TensorInfo, state: Pointer): TensorInfo {
  const [B, IN] = x.shape as [number, number];
  const OUT = dy.shape[1]!;
  const K = basis.size;
  if (B * IN === 0) return cuda.makeOutput([B, IN], 'float32');
  if (OUT === 0) return zeros(cuda, [B, IN]);
  const dx = cuda.makeOutput([B, IN], 'float32');
  const chunks = chunksOf(B, IN, K);
  const g = cuda.makeOutput([B * chunks[0]![1] * K], 'float32');
  const fn = cuda.compiled('kan_basis_chunk_grad_input', sources(basis).gradInput);
  for (const [i0, C] of chunks) {
    // G_cᵀ [C·K, B] = W_c [C·K, OUT] · dyᵀ [OUT, B]
    cuda.native.gemm(true, false, C * K, B, OUT, cuda.pointer(w) + 4 * i0 * K * OUT, OUT, 0, cuda.pointer(dy), OUT, 0, cuda.pointer(g), C * K, 0, 1, 0);
    cuda.launch1d(fn, B * C, 'ppppiiii', [cuda.pointer(dx), cuda.pointer(g), cuda.pointer(x), state, B, IN, i0, C], CHUNK_BLOCK);
  }
  cuda.disposeData(g.dataId);
  return dx;
}
