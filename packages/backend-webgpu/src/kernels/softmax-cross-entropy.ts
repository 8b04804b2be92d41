// The fused softmax cross-entropy (SOFTMAX_CROSS_ENTROPY_KERNELS) on webgpu: the mean loss in two dispatches
// (each row's loss, a thread per row; then their sum in one workgroup, in a fixed order, divided by B), and
// dlogits in two (each row's log-sum-exp; then the element-wise gradient), where tfjs-core's composition runs
// about 35 ops. The WGSL is in softmax-cross-entropy-wgsl.ts.
import type * as tf from '@tensorflow/tfjs-core';
import { SOFTMAX_CROSS_ENTROPY_KERNELS, kernelConfigs, softmaxCrossEntropyShape } from '@kanjs/kernels';
import { FlatProgram } from '../programs/flat-program.js';
import { MeanProgram } from '../programs/mean-program.js';
import type { ProgramRunner, Uniforms } from '../programs/runner.js';
import { LOGITS_GRAD, ROW_LOSS, ROW_LSE } from '../templates/softmax-cross-entropy-wgsl.js';

function flat(gpu: ProgramRunner, program: FlatProgram, inputs: tf.TensorInfo[], n: number, uniforms: Uniforms): tf.TensorInfo {
  return gpu.runWebGPUProgram(program, inputs, 'float32', [{ type: 'int32', data: [n] }, { type: 'int32', data: [program.stride] }, ...uniforms]);
}

const forward: tf.KernelFunc = ({ inputs, backend }) => {
  const gpu = backend as unknown as ProgramRunner;
  const [labels, z] = inputs as unknown as [tf.TensorInfo, tf.TensorInfo];
  const [B, C] = softmaxCrossEntropyShape('webgpu', labels, z);
  const rows = flat(gpu, new FlatProgram('sce_rows', ['labels', 'z'], B, B, 'C : i32,', ROW_LOSS), [labels, z], B, [{ type: 'int32', data: [C] }]);
  const mean = gpu.runWebGPUProgram(new MeanProgram(), [rows], 'float32', [{ type: 'int32', data: [B] }, { type: 'float32', data: [B] }]);
  gpu.disposeData(rows.dataId);
  return { dataId: mean.dataId, shape: [], dtype: 'float32' };
};

const grad: tf.KernelFunc = ({ inputs, backend }) => {
  const gpu = backend as unknown as ProgramRunner;
  const [dy, labels, z] = inputs as unknown as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const [B, C] = softmaxCrossEntropyShape('webgpu', labels, z);
  const lse = flat(gpu, new FlatProgram('sce_lse', ['z'], B, B, 'C : i32,', ROW_LSE), [z], B, [{ type: 'int32', data: [C] }]);
  const dz = flat(gpu, new FlatProgram('sce_grad', ['dy', 'labels', 'z', 'lse'], B * C, B * C, 'C : i32, B : f32,', LOGITS_GRAD), [dy, labels, z, lse], B * C, [
    { type: 'int32', data: [C] },
    { type: 'float32', data: [B] },
  ]);
  gpu.disposeData(lse.dataId);
  return { dataId: dz.dataId, shape: [B, C], dtype: 'float32' };
};

/** The fused softmax cross-entropy on webgpu: `softmaxCrossEntropy` from @kanjs/kan-layers then runs 2 + 2 dispatches. */
export const SOFTMAX_CROSS_ENTROPY_WEBGPU_KERNELS: readonly tf.KernelConfig[] = kernelConfigs(SOFTMAX_CROSS_ENTROPY_KERNELS, 'webgpu', { forward, grad });
