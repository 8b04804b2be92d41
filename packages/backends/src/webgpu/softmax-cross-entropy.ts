// The fused softmax cross-entropy (SOFTMAX_CROSS_ENTROPY_KERNELS) on webgpu: the mean loss in two dispatches
// (each row's loss, a thread per row; then their sum in one workgroup, in a fixed order, divided by B), and
// dlogits in two (each row's log-sum-exp; then the element-wise gradient), where tfjs-core's composition runs
// about 35 ops. Inputs are read through f32(): tfjs-webgpu casts int32 to float32 (tf.oneHot's labels, say) by
// relabelling the tensor, so its storage may still hold i32.
import * as tf from '@tensorflow/tfjs-core';
import { SOFTMAX_CROSS_ENTROPY_KERNELS, softmaxCrossEntropyShape } from '@kanjs/basis-core';
import { FlatProgram } from './elementwise-program.js';
import type { FusedProgram, ProgramRunner } from './programs.js';

// log Σ_c exp(z[row, c]), shifted by the row's max as tfjs-core's logSumExp is.
const LSE = `
    let C = u32(uniforms.C);
    var mx = -3.402823466e38;
    for (var c = 0u; c < C; c++) { mx = max(mx, f32(z[i * C + c])); }
    var s = 0.0;
    for (var c = 0u; c < C; c++) { s += exp(f32(z[i * C + c]) - mx); }
    let lse = mx + log(s);`;

/** One workgroup sums x[0 … n) (a thread's stride, then a tree in workgroup memory) and divides by `divisor`. */
class MeanProgram implements FusedProgram {
  outputShape = [1];
  shaderKey = 'kanSoftmaxCrossEntropy_mean';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['x'];
  workgroupSize: [number, number, number] = [256, 1, 1];
  uniforms = 'n : i32, divisor : f32,';

  getUserCode(): string {
    return `
var<workgroup> partial: array<f32, 256>;
fn main(index: i32) {
  var s = 0.0;
  for (var j = localIndex; j < u32(uniforms.n); j += 256u) { s += x[j]; }
  partial[localIndex] = s;
  workgroupBarrier();
  for (var half = 128u; half > 0u; half = half >> 1u) {
    if (localIndex < half) { partial[localIndex] = partial[localIndex] + partial[localIndex + half]; }
    workgroupBarrier();
  }
  if (localIndex == 0u) { result[0] = partial[0] / uniforms.divisor; }
}
`;
  }
}

function flat(gpu: ProgramRunner, program: FlatProgram, inputs: tf.TensorInfo[], n: number, uniforms: { type: 'int32' | 'float32'; data: number[] }[]): tf.TensorInfo {
  return gpu.runWebGPUProgram(program, inputs, 'float32', [{ type: 'int32', data: [n] }, { type: 'int32', data: [program.stride] }, ...uniforms]);
}

function forward({ inputs, backend }: { inputs: unknown; backend: unknown }): tf.TensorInfo {
  const gpu = backend as ProgramRunner;
  const [labels, z] = inputs as [tf.TensorInfo, tf.TensorInfo];
  const [B, C] = softmaxCrossEntropyShape('webgpu', labels, z);
  const rows = flat(gpu, new FlatProgram('sce_rows', ['labels', 'z'], B, B, 'C : i32,', `${LSE}
    var row = 0.0;
    for (var c = 0u; c < C; c++) { row += f32(labels[i * C + c]) * (f32(z[i * C + c]) - lse); }
    result[i] = -row;`), [labels, z], B, [{ type: 'int32', data: [C] }]);
  const mean = gpu.runWebGPUProgram(new MeanProgram(), [rows], 'float32', [{ type: 'int32', data: [B] }, { type: 'float32', data: [B] }]);
  gpu.disposeData(rows.dataId);
  return { dataId: mean.dataId, shape: [], dtype: 'float32' };
}

function grad({ inputs, backend }: { inputs: unknown; backend: unknown }): tf.TensorInfo {
  const gpu = backend as ProgramRunner;
  const [dy, labels, z] = inputs as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const [B, C] = softmaxCrossEntropyShape('webgpu', labels, z);
  const lse = flat(gpu, new FlatProgram('sce_lse', ['z'], B, B, 'C : i32,', `${LSE}
    result[i] = lse;`), [z], B, [{ type: 'int32', data: [C] }]);
  const dz = flat(gpu, new FlatProgram('sce_grad', ['dy', 'labels', 'z', 'lse'], B * C, B * C, 'C : i32, B : f32,', `
    let scale = f32(dy[0]) / uniforms.B;
    result[i] = scale * (exp(f32(z[i]) - lse[i / u32(uniforms.C)]) - f32(labels[i]));`), [dy, labels, z, lse], B * C, [{ type: 'int32', data: [C] }, { type: 'float32', data: [B] }]);
  gpu.disposeData(lse.dataId);
  return { dataId: dz.dataId, shape: [B, C], dtype: 'float32' };
}

/** Registers the fused softmax cross-entropy on webgpu: `softmaxCrossEntropy` from @kanjs/kan-layers then runs 2 + 2 dispatches. */
export function registerWebGPUSoftmaxCrossEntropy(): void {
  tf.registerKernel({ kernelName: SOFTMAX_CROSS_ENTROPY_KERNELS.forward, backendName: 'webgpu', kernelFunc: forward as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: SOFTMAX_CROSS_ENTROPY_KERNELS.grad, backendName: 'webgpu', kernelFunc: grad as unknown as tf.KernelFunc });
}
