// Every native cuda kernel, in one list.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { ADAMW_CUDA_KERNELS } from './adamw.js';
import { BASIS_LINEAR_CUDA_KERNELS } from './basis-linear.js';
import { CONV2D_KERNELS } from './conv2d.js';
import { ELEMENTWISE_KERNELS } from './elementwise.js';
import { LAYER_NORM_CUDA_KERNELS } from './layer-norm.js';
import { MATMUL_KERNELS } from './matmul.js';
import { POOL_KERNELS } from './pool.js';
import { REDUCE_KERNELS } from './reduce.js';
import { SHAPE_KERNELS } from './shape.js';
import { SOFTMAX_CROSS_ENTROPY_CUDA_KERNELS } from './softmax-cross-entropy.js';

export const NATIVE_KERNELS: readonly KernelConfig[] = [...ELEMENTWISE_KERNELS, ...SHAPE_KERNELS, ...REDUCE_KERNELS, ...MATMUL_KERNELS, ...BASIS_LINEAR_CUDA_KERNELS, ...LAYER_NORM_CUDA_KERNELS, ...ADAMW_CUDA_KERNELS, ...SOFTMAX_CROSS_ENTROPY_CUDA_KERNELS, ...CONV2D_KERNELS, ...POOL_KERNELS];
