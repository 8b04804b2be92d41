// tfjs-backend-webgpu programs for the three fused basis-linear kernels. tfjs binds the inputs (in
// `variableNames` order) as storage arrays, the output as `result`, and shapes plus `uniforms` as a uniform
// struct; our sources define `fn main()` and run with 16×16 workgroups.
import type * as tf from '@tensorflow/tfjs-core';
import type { Basis } from '@kanjs/basis-core';
import { basisPrelude, featuresPerRowTile, featuresPerStep, forwardSource, gradInputSource, gradWeightSource } from './wgsl.js';

interface Layout {
  readonly x: number[];
  readonly y?: number[];
  readonly z?: number[];
}

/** What tfjs-backend-webgpu needs of a program (its `WebGPUProgram`, minus fields it fills in). */
export interface FusedProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: Layout;
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number];
  uniforms: string;
  getUserCode(): string;
}

const stateNames = (count: number) => Array.from({ length: count }, (_, i) => `state${i}`);

/** A key that identifies the generated code of a basis: its config, width and state sizes. */
function basisKey(basis: Basis, stateSizes: readonly number[]): string {
  return `${JSON.stringify(basis.config)}|${basis.inFeatures}|${stateSizes.join(',')}`;
}

abstract class BasisProgram implements FusedProgram {
  abstract outputShape: number[];
  abstract dispatchLayout: Layout;
  abstract dispatch: [number, number, number];
  abstract variableNames: string[];
  abstract uniforms: string;
  shaderKey: string;
  workgroupSize: [number, number, number] = [16, 16, 1];
  protected readonly prelude: string;
  protected readonly size: number;

  constructor(kind: string, basis: Basis, stateSizes: readonly number[]) {
    this.size = basis.size;
    this.prelude = basisPrelude(basis, stateSizes);
    this.shaderKey = `kanBasisLinear_${kind}_${basisKey(basis, stateSizes)}`;
  }

  abstract getUserCode(): string;
}

/** y (or its split-K partial sums [splits, batch, out]) from x [batch, in] and W [in·K, out]. */
export class ForwardProgram extends BasisProgram {
  outputShape: number[];
  dispatchLayout: Layout = { x: [2], y: [1], z: [0] };
  dispatch: [number, number, number];
  variableNames: string[];
  uniforms = 'featuresPerSplit : i32, chunksPerSplit : i32,';
  readonly featuresPerSplit: number;
  readonly chunksPerSplit: number;

  constructor(basis: Basis, stateSizes: readonly number[], batch: number, out: number, minWorkgroups = 264) {
    super('forward', basis, stateSizes);
    const ti = featuresPerStep(basis.size);
    const tiles = Math.ceil(batch / 128) * Math.ceil(out / 128);
    const chunks = Math.ceil(basis.inFeatures / ti);
    // Split the reduction over the features when the output alone gives too few workgroups (fewer than half the
    // wanted number: the partial sums cost a pass over [splits, batch, out] after).
    const wanted = tiles >= minWorkgroups / 2 ? 1 : Math.min(chunks, Math.max(1, Math.ceil(minWorkgroups / tiles)));
    this.chunksPerSplit = Math.ceil(chunks / wanted);
    this.featuresPerSplit = this.chunksPerSplit * ti;
    const splits = Math.ceil(basis.inFeatures / this.featuresPerSplit);
    this.outputShape = [splits, batch, out];
    this.dispatch = [Math.ceil(out / 128), Math.ceil(batch / 128), splits];
    this.variableNames = ['x', 'w', ...stateNames(stateSizes.length)];
  }

  getUserCode(): string {
    return forwardSource(this.prelude, this.size);
  }
}

/** dW [in·K, out] from dy [batch, out] and x [batch, in]. */
export class GradWeightProgram extends BasisProgram {
  outputShape: number[];
  dispatchLayout: Layout = { x: [2], y: [1], z: [0] };
  dispatch: [number, number, number];
  variableNames: string[];
  uniforms = 'chunksPerSplit : i32,';
  /** Chunks of 16 batch rows in all, and per piece of the split. */
  readonly batchChunks: number;
  readonly chunksPerSplit: number;

  constructor(basis: Basis, stateSizes: readonly number[], batch: number, out: number, minWorkgroups = 264) {
    super('gradWeight', basis, stateSizes);
    const tiles = Math.ceil(out / 128) * Math.ceil(basis.inFeatures / featuresPerRowTile(basis.size));
    this.batchChunks = Math.ceil(batch / 16);
    // Few tiles (K = 1, the SiLU base branch: 64 at 1024 → 1024) leave most of the GPU idle: split the batch
    // (pieces of at least 8 chunks) into partial dW [splits, in·K, out], summed after.
    const wanted = tiles >= minWorkgroups / 2 ? 1 : Math.max(1, Math.min(Math.floor(this.batchChunks / 8), Math.ceil(minWorkgroups / tiles)));
    this.chunksPerSplit = Math.max(1, Math.ceil(this.batchChunks / wanted));
    const splits = Math.max(1, Math.ceil(this.batchChunks / this.chunksPerSplit));
    this.outputShape = [splits, basis.inFeatures * basis.size, out];
    this.dispatch = [Math.ceil(out / 128), Math.ceil(basis.inFeatures / featuresPerRowTile(basis.size)), splits];
    this.variableNames = ['dy', 'x', ...stateNames(stateSizes.length)];
  }

  getUserCode(): string {
    return gradWeightSource(this.prelude, this.size);
  }
}

/** dx [batch, in] from dy [batch, out], x [batch, in] and W [in·K, out]. */
export class GradInputProgram extends BasisProgram {
  outputShape: number[];
  dispatchLayout: Layout = { x: [1], y: [0] };
  dispatch: [number, number, number];
  variableNames: string[];
  uniforms = 'outChunks : i32,';

  constructor(basis: Basis, stateSizes: readonly number[], batch: number) {
    super('gradInput', basis, stateSizes);
    this.outputShape = [batch, basis.inFeatures];
    this.dispatch = [Math.ceil(basis.inFeatures / featuresPerRowTile(basis.size)), Math.ceil(batch / 128), 1];
    this.variableNames = ['dy', 'x', 'w', ...stateNames(stateSizes.length)];
  }

  getUserCode(): string {
    return gradInputSource(this.prelude, this.size);
  }
}

/** The sum over the leading axis of the forward's split-K partials [splits, batch, out], without a transpose. */
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
    return `
fn main(index: i32) {
  let n = u32(uniforms.n);
  let splits = u32(uniforms.splits);
  for (var i = u32(index); i < n; i += u32(uniforms.stride)) {
    var total = 0.0;
    for (var k = 0u; k < splits; k++) { total += partial[k * n + i]; }
    result[i] = total;
  }
}
`;
  }
}

/** What running a program needs of tfjs-backend-webgpu's WebGPUBackend. */
export interface ProgramRunner {
  runWebGPUProgram(program: FusedProgram, inputs: tf.TensorInfo[], dtype: 'float32', uniforms?: { type: 'int32' | 'float32'; data: number[] }[]): tf.TensorInfo;
  disposeData(dataId: tf.DataId): boolean;
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
