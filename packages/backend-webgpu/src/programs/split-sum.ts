// The sum of a kernel's split partial results: a kernel split over its reduction writes partials [splits, …shape],
// and one pass adds them over the leading axis, without a transpose.
import type * as tf from '@tensorflow/tfjs-core';
import { SPLIT_SUM_WGSL } from '../templates/split-sum-wgsl.js';
import type { FusedProgram, Layout, ProgramRunner } from './runner.js';

/** The sum over the leading axis of partials [splits, rows·cols]. */
export class SplitSumProgram implements FusedProgram {
  outputShape: number[];
  shaderKey = 'kanBasisLinear_splitSum';
  dispatchLayout: Layout = { x: [0, 1] };
  dispatch: [number, number, number];
  variableNames = ['partial'];
  workgroupSize: [number, number, number] = [256, 1, 1];
  uniforms = 'splits : i32, n : i32, stride : i32,';
  /** Threads in the dispatch (the grid-stride step). */
  readonly stride: number;

  constructor(rows: number, cols: number) {
    this.outputShape = [rows, cols];
    const groups = Math.max(1, Math.min(Math.ceil((rows * cols) / 256), 65535));
    this.dispatch = [groups, 1, 1];
    this.stride = groups * 256;
  }

  getUserCode(): string {
    return SPLIT_SUM_WGSL;
  }
}

/**
 * The sum over the first axis of partial results [splits, …shape] (a kernel split over its reduction), as a
 * tensor of `shape`; frees the partials. With one split the partials are the result.
 */
export function sumPartials(gpu: ProgramRunner, partial: tf.TensorInfo, splits: number, shape: readonly number[]): tf.TensorInfo {
  if (splits === 1) return { dataId: partial.dataId, shape: [...shape], dtype: 'float32' };
  const n = shape.reduce((a, b) => a * b, 1);
  const summing = new SplitSumProgram(1, n);
  const sum = gpu.runWebGPUProgram(summing, [partial], 'float32', [
    { type: 'int32', data: [splits] },
    { type: 'int32', data: [n] },
    { type: 'int32', data: [summing.stride] },
  ]);
  gpu.disposeData(partial.dataId);
  return { dataId: sum.dataId, shape: [...shape], dtype: 'float32' };
}
