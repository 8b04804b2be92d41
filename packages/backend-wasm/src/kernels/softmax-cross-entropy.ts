// The fused softmax cross-entropy (SOFTMAX_CROSS_ENTROPY_KERNELS) on the tfjs `wasm` and `cpu` backends: the mean
// loss in one kernel and dlogits in one (assembly/softmax-cross-entropy.ts), where tfjs-core's composition runs
// about 35 ops forward and backward.
import type * as tf from '@tensorflow/tfjs-core';
import { SOFTMAX_CROSS_ENTROPY_KERNELS, kernelConfigs, softmaxCrossEntropyShape } from '@kanjs/kernels';
import { kernelModule, stage, view } from '../wasm/module.js';
import { tensorIO, type CpuBackendName } from './tensor-io.js';

function kernels(name: CpuBackendName): tf.KernelConfig[] {
  // [labels, logits] → the scalar loss
  const forward: tf.KernelFunc = ({ inputs, backend }) => {
    const [labels, logits] = inputs as unknown as [tf.TensorInfo, tf.TensorInfo];
    const [B, C] = softmaxCrossEntropyShape(name, labels, logits);
    const io = tensorIO(name, backend, SOFTMAX_CROSS_ENTROPY_KERNELS.forward);
    const module = kernelModule();
    const [labelsAt, logitsAt, scratchAt] = stage(module, [io.read(labels), io.read(logits)], [C]);
    const loss = B * C > 0 ? module.softmaxCrossEntropy(labelsAt!, logitsAt!, B, C, scratchAt!) : Number.NaN;
    return io.write([], Float32Array.of(loss));
  };
  // [dy, labels, logits] → dlogits [B, C]
  const grad: tf.KernelFunc = ({ inputs, backend }) => {
    const [dy, labels, logits] = inputs as unknown as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
    const [B, C] = softmaxCrossEntropyShape(name, labels, logits);
    const io = tensorIO(name, backend, SOFTMAX_CROSS_ENTROPY_KERNELS.grad);
    const module = kernelModule();
    const scale = io.read(dy)[0]!;
    const [labelsAt, logitsAt, dzAt] = stage(module, [io.read(labels), io.read(logits)], [B * C]);
    if (B * C > 0) module.softmaxCrossEntropyGrad(scale, labelsAt!, logitsAt!, dzAt!, B, C);
    return io.write([B, C], view(module, dzAt!, B * C).slice());
  };
  return kernelConfigs(SOFTMAX_CROSS_ENTROPY_KERNELS, name, { forward, grad });
}

/** The two fused softmax cross-entropy kernels on wasm and on cpu. */
export const SOFTMAX_CROSS_ENTROPY_CPU_KERNELS: readonly tf.KernelConfig[] = [...kernels('wasm'), ...kernels('cpu')];
