// The mean of a short vector in one workgroup: the last pass of the fused loss.
import { MEAN_WGSL } from '../templates/softmax-cross-entropy-wgsl.js';
import type { FusedProgram } from './runner.js';

/** Σ x[0 … n) / divisor, as a [1] tensor; uniforms `n` and `divisor`. */
export class MeanProgram implements FusedProgram {
  outputShape = [1];
  shaderKey = 'kanSoftmaxCrossEntropy_mean';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['x'];
  workgroupSize: [number, number, number] = [256, 1, 1];
  uniforms = 'n : i32, divisor : f32,';

  getUserCode(): string {
    return MEAN_WGSL;
  }
}
