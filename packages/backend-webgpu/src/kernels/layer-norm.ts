// Fused LayerNorm for tfjs-webgpu: one dispatch forward instead of about ten element-wise and reduction ops,
// four backward (the WGSL in layer-norm-wgsl.ts).
import type * as tf from '@tensorflow/tfjs-core';
import { LAYER_NORM_KERNELS, kernelConfigs, registerFusedLayerNorm } from '@kanjs/kernels';
import { ColumnProgram, RowProgram } from '../programs/layer-norm-programs.js';
import type { ProgramRunner } from '../programs/runner.js';
import { sumPartials } from '../programs/split-sum.js';
import { FORWARD, GRAD_BETA, GRAD_GAMMA, GRAD_INPUT, STATS } from '../templates/layer-norm-wgsl.js';

const epsilonOf = (attrs: unknown) => [{ type: 'float32' as const, data: [(attrs as { epsilon: number }).epsilon] }];
const columnUniforms = (attrs: unknown, program: ColumnProgram) => [...epsilonOf(attrs), { type: 'int32' as const, data: [program.rowsPerSplit] }];

const forward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const [x, gamma, beta] = inputs as unknown as tf.TensorInfo[];
  const program = new RowProgram('forward', ['x', 'gamma', 'beta'], [...x!.shape], x!.shape[0]!, FORWARD);
  return (backend as unknown as ProgramRunner).runWebGPUProgram(program, [x!, gamma!, beta!], 'float32', epsilonOf(attrs));
};

const gradInput: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const [dy, x, gamma] = inputs as unknown as tf.TensorInfo[];
  const program = new RowProgram('gradInput', ['dy', 'x', 'gamma'], [...x!.shape], x!.shape[0]!, GRAD_INPUT);
  return (backend as unknown as ProgramRunner).runWebGPUProgram(program, [dy!, x!, gamma!], 'float32', epsilonOf(attrs));
};

/** dγ from the per-row statistics of a first pass. */
const gradGamma: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const [dy, x] = inputs as unknown as tf.TensorInfo[];
  const gpu = backend as unknown as ProgramRunner;
  const rows = x!.shape[0]!;
  const stats = gpu.runWebGPUProgram(new RowProgram('stats', ['x'], [rows, 2], rows, STATS), [x!], 'float32', epsilonOf(attrs));
  const program = new ColumnProgram('gradGamma', ['dy', 'x', 'stats'], rows, x!.shape[1]!, GRAD_GAMMA);
  const partial = gpu.runWebGPUProgram(program, [dy!, x!, stats], 'float32', columnUniforms(attrs, program));
  gpu.disposeData(stats.dataId);
  return sumPartials(gpu, partial, program.splits, [x!.shape[1]!]);
};

/** The column sums [n] of x [rows, n] (dβ's, and Sum over axis 0's): one dispatch, two past 64 rows. */
export function sumColumns(gpu: ProgramRunner, x: tf.TensorInfo): tf.TensorInfo {
  const program = new ColumnProgram('gradBeta', ['dy'], x.shape[0]!, x.shape[1]!, GRAD_BETA);
  const partial = gpu.runWebGPUProgram(program, [x], 'float32', columnUniforms({ epsilon: 0 }, program));
  return sumPartials(gpu, partial, program.splits, [x.shape[1]!]);
}

const gradBeta: tf.KernelFunc = ({ inputs, backend }) => sumColumns(backend as unknown as ProgramRunner, (inputs as unknown as tf.TensorInfo[])[0]!);

/** The four fused LayerNorm kernels on webgpu. */
export const LAYER_NORM_WEBGPU_KERNELS: readonly tf.KernelConfig[] = kernelConfigs(LAYER_NORM_KERNELS, 'webgpu', { forward, gradInput, gradGamma, gradBeta });

/** Declares that `layerNorm` runs the fused kernels on webgpu. */
export function declareFusedLayerNorm(): void {
  registerFusedLayerNorm('webgpu');
}
