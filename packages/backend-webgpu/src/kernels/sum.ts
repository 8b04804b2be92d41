// A faster Sum for tfjs-webgpu where it is slowest: few outputs, each over a long run of elements (a loss's
// Σ over a whole [4096, 1024] tensor: 1.8 ms on the H200, one workgroup for four million values). Such a sum
// is split in two: x as [outputs·P, R/P] summed over its rows, then [outputs, P] over its rows, both by
// tfjs-webgpu's own Sum, which then has P workgroups per output. A float32 sum of a matrix over its rows (a bias's
// gradient) takes the column sums of the fused LayerNorm's dβ, one dispatch where tfjs-webgpu transposes first
// (KANJS_WEBGPU_COLUMN_SUM). Every other Sum goes to tfjs-webgpu unchanged.
import * as tf from '@tensorflow/tfjs-core';
import { COLUMN_SUM_FLAG } from '../flags-webgpu.js';
import type { ProgramRunner } from '../programs/runner.js';
import { sumColumns } from './layer-norm.js';

/** Sums over at least this many elements per output are split; below, one workgroup per output is fine. */
const LONG = 1 << 16;
/** Sums with more outputs than this already fill the GPU. */
const FEW = 256;

const factors = new Map<number, number>();

/** P: the divisor of R nearest below √R, or 1 when R has none of at least 64 (then no split). */
export function splitFactor(reduceSize: number): number {
  let p = factors.get(reduceSize);
  if (p === undefined) {
    p = 1;
    for (let d = Math.floor(Math.sqrt(reduceSize)); d >= 64; d--) {
      if (reduceSize % d === 0) {
        p = d;
        break;
      }
    }
    factors.set(reduceSize, p);
  }
  return p;
}

/** How a Sum of x over `axis` is split: P pieces per output (1: not split), and the shapes on the way. */
export function sumSplit(shape: readonly number[], axis: number | number[] | null | undefined, dtype: tf.DataType): { p: number; outputs: number; reduceSize: number; outShape: number[]; axes: number[] } {
  const rank = shape.length;
  // tf.sum(x) passes axis null: every axis.
  const axes = axis === null || axis === undefined ? shape.map((_, i) => i) : tf.util.parseAxisParam(axis, [...shape]).sort((a, b) => a - b);
  const trailing = axes.length > 0 && axes.every((a, i) => a === rank - axes.length + i);
  const outShape = shape.slice(0, rank - axes.length);
  const outputs = outShape.reduce((a, b) => a * b, 1);
  const reduceSize = shape.slice(rank - axes.length).reduce((a, b) => a * b, 1);
  const p = trailing && dtype === 'float32' && outputs <= FEW && reduceSize >= LONG ? splitFactor(reduceSize) : 1;
  return { p, outputs, reduceSize, outShape, axes };
}

/** Whether a Sum of x over `axis` is the column sums of a float32 matrix (x [rows, n] over axis 0). */
export function isColumnSum(shape: readonly number[], axis: number | number[] | null | undefined, dtype: tf.DataType): boolean {
  if (shape.length !== 2 || dtype !== 'float32' || axis === null || axis === undefined) return false;
  const axes = tf.util.parseAxisParam(axis, [...shape]);
  return axes.length === 1 && axes[0] === 0 && shape[0]! > 0 && shape[1]! > 0;
}

const WRAPPED = Symbol('kanjs split Sum');

/**
 * The split Sum on webgpu, around tfjs-webgpu's own Sum as registered now; undefined where there is none, or where
 * it is the split Sum already.
 */
export function splitSumKernel(): tf.KernelConfig | undefined {
  const original = tf.getKernel('Sum', 'webgpu');
  if (original === undefined || (original as { [WRAPPED]?: true })[WRAPPED]) return undefined;
  const reshape = tf.getKernel('Reshape', 'webgpu')!;
  const sum: tf.KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const x = (inputs as { x: tf.TensorInfo }).x;
    const { axis, keepDims } = attrs as unknown as { axis: number | number[] | null; keepDims: boolean };
    if (tf.env().getBool(COLUMN_SUM_FLAG) && isColumnSum(x.shape, axis, x.dtype)) {
      const columns = sumColumns(backend as unknown as ProgramRunner, x);
      return keepDims ? { ...columns, shape: [1, x.shape[1]!] } : columns;
    }
    const { p, outputs, reduceSize, outShape, axes } = sumSplit(x.shape, axis, x.dtype);
    if (p === 1) return original.kernelFunc(args);
    const gpu = backend as { disposeData(dataId: tf.DataId): boolean };
    const run = (kernel: tf.KernelConfig, input: tf.TensorInfo, kernelAttrs: object) =>
      kernel.kernelFunc({ inputs: { x: input }, backend, attrs: kernelAttrs as tf.NamedAttrMap }) as tf.TensorInfo;
    const pieces = run(reshape, x, { shape: [outputs * p, reduceSize / p] });
    const partial = run(original, pieces, { axis: [1], keepDims: false });
    gpu.disposeData(pieces.dataId);
    const grouped = run(reshape, partial, { shape: [outputs, p] });
    gpu.disposeData(partial.dataId);
    const total = run(original, grouped, { axis: [1], keepDims: false });
    gpu.disposeData(grouped.dataId);
    const finalShape = keepDims ? [...outShape, ...axes.map(() => 1)] : outShape;
    const result = run(reshape, total, { shape: finalShape });
    gpu.disposeData(total.dataId);
    return result;
  };
  return { ...original, kernelFunc: sum, [WRAPPED]: true } as tf.KernelConfig;
}
