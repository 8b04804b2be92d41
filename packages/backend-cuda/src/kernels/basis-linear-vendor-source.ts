// The CUDA C of the chunked vendor path of KanBasisLinear (basis-linear-vendor.ts): two small kernels around the
// cuBLAS products, generated from a basis plugin's CUDA snippet. They work on a chunk of C input features
// i0 … i0 + C − 1, whose [batch, C·K] block lives in a scratch buffer that stays in L2.
//
//   kan_basis_chunk             P[b, f·K + k] = Bₖ(x[b, i0 + f])                 (then y += P · W[i0·K …], dW[i0·K …] = Pᵀ · dy)
//   kan_basis_chunk_grad_input  dx[b, i0 + f] = Σₖ B'ₖ(x[b, i0 + f]) · G[b, f·K + k]  (G = dy · W[i0·K …]ᵀ, by cuBLAS)
//
// A block handles 128 consecutive (b, f) pairs, whose 128·K values are contiguous in P or G: they pass through
// shared memory (rows padded to an odd pitch), so that global memory is written and read in whole lines.
import type { Basis } from '@kanjs/basis-core';
import { snippetHeader } from './basis-linear-source.js';

/** Threads per block of both kernels (each thread one (b, f) pair per step of the grid-stride loop). */
export const CHUNK_BLOCK = 128;

function header(basis: Basis): string {
  return `${snippetHeader(basis, 'chunked vendor path')}

#define TPB ${CHUNK_BLOCK}
// Shared rows of K values, padded to an odd pitch: a warp's threads write (or read) their rows conflict-free.
#define KP (KAN_K % 2 == 0 ? KAN_K + 1 : KAN_K)
`;
}

function basisChunkSource(basis: Basis): string {
  return `${header(basis)}
// p[b·C + f][k] = B_k(x[b, i0 + f]) for b < B, f < C: the [B, C·K] basis block of a chunk of features.
extern "C" __global__ void __launch_bounds__(TPB) kan_basis_chunk(float* __restrict__ p, const float* __restrict__ x,
    const float* __restrict__ state, int B, int IN, int i0, int C) {
  __shared__ float rows[TPB * KP];
  const int pairs = B * C;
  for (int p0 = blockIdx.x * TPB; p0 < pairs; p0 += gridDim.x * TPB) {
    const int q = p0 + threadIdx.x;
    if (q < pairs) {
      const int b = q / C, i = i0 + q % C;
      float v[KAN_K];
      kan_basis(x[(size_t)b * IN + i], i, state, v);
      #pragma unroll
      for (int k = 0; k < KAN_K; k++) rows[threadIdx.x * KP + k] = v[k];
    }
    __syncthreads();
    const int n = min(TPB, pairs - p0) * KAN_K;
    float* dst = p + (size_t)p0 * KAN_K;
    for (int e = threadIdx.x; e < n; e += TPB) dst[e] = rows[(e / KAN_K) * KP + e % KAN_K];
    __syncthreads();
  }
}
`;
}

function gradInputChunkSource(basis: Basis): string {
  return `${header(basis)}
// dx[b, i0 + f] = Σ_k B'_k(x[b, i0 + f]) · g[b·C + f][k] for b < B, f < C, where g = dy · W_chunkᵀ [B, C·K].
extern "C" __global__ void __launch_bounds__(TPB) kan_basis_chunk_grad_input(float* __restrict__ dx, const float* __restrict__ g,
    const float* __restrict__ x, const float* __restrict__ state, int B, int IN, int i0, int C) {
  __shared__ float rows[TPB * KP];
  const int pairs = B * C;
  for (int p0 = blockIdx.x * TPB; p0 < pairs; p0 += gridDim.x * TPB) {
    const int n = min(TPB, pairs - p0) * KAN_K;
    const float* src = g + (size_t)p0 * KAN_K;
    for (int e = threadIdx.x; e < n; e += TPB) rows[(e / KAN_K) * KP + e % KAN_K] = src[e];
    __syncthreads();
    const int q = p0 + threadIdx.x;
    if (q < pairs) {
      const int b = q / C, i = i0 + q % C;
      float d[KAN_K];
      kan_basis_deriv(x[(size_t)b * IN + i], i, state, d);
      float sum = 0.0f;
      #pragma unroll
      for (int k = 0; k < KAN_K; k++) sum = fmaf(d[k], rows[threadIdx.x * KP + k], sum);
      dx[(size_t)b * IN + i] = sum;
    }
    __syncthreads();
  }
}
`;
}

/** The CUDA C of the vendor path's two kernels for a basis (the same in fp32 and TF32: cuBLAS does the products). */
export function vendorChunkSource(basis: Basis): { basis: string; gradInput: string } {
  return { basis: basisChunkSource(basis), gradInput: gradInputChunkSource(basis) };
}
