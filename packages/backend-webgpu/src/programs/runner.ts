// What our programs and kernels need of tfjs-backend-webgpu: the shape of a program it runs, and the backend's
// runWebGPUProgram. tfjs binds a program's inputs (in `variableNames` order) as storage arrays, the output as
// `result`, and the shapes plus `uniforms` as a uniform struct.
import type * as tf from '@tensorflow/tfjs-core';

/** Which output axes map to the dispatch's x, y and z. */
export interface Layout {
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

/** A program's own uniforms, in the order its `uniforms` declares them. */
export type Uniforms = { type: 'int32' | 'float32'; data: number[] }[];

/** What running a program needs of tfjs-backend-webgpu's WebGPUBackend. */
export interface ProgramRunner {
  runWebGPUProgram(program: FusedProgram, inputs: tf.TensorInfo[], dtype: 'float32', uniforms?: Uniforms): tf.TensorInfo;
  disposeData(dataId: tf.DataId): boolean;
}
