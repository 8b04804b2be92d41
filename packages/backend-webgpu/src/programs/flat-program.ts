// A flat program for tfjs-webgpu: `main(index)` over a grid-stride loop of n elements, for our own element-wise
// and row-wise kernels (AdamW's updates, the loss). tfjs binds the inputs (in `variableNames` order) as storage
// arrays and the output as `result`; `uniforms` declares the program's own uniforms after n and stride.
import { flatKernel } from '../templates/flat-wgsl.js';
import type { FusedProgram } from './runner.js';

/** Workgroups are capped here; a grid-stride loop covers the rest. */
const MAX_GROUPS = 65535;

export class FlatProgram implements FusedProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number];
  uniforms: string;
  /** Threads in the dispatch (the grid-stride step). */
  readonly stride: number;

  /**
   * @param key the shader's cache key
   * @param threads the elements the loop covers (one workgroup when 0)
   * @param body WGSL run for each i < n (`let i: u32` is defined)
   */
  constructor(key: string, variableNames: string[], outputSize: number, threads: number, uniforms: string, private readonly body: string, workgroup = 256) {
    this.shaderKey = `kanFlat_${key}`;
    this.variableNames = variableNames;
    this.outputShape = [Math.max(1, outputSize)];
    this.workgroupSize = [workgroup, 1, 1];
    const groups = Math.max(1, Math.min(Math.ceil(threads / workgroup), MAX_GROUPS));
    this.dispatch = [groups, 1, 1];
    this.stride = groups * workgroup;
    this.uniforms = `n : i32, stride : i32, ${uniforms}`;
  }

  getUserCode(): string {
    return flatKernel(this.body);
  }
}
