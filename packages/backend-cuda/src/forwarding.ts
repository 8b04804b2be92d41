// CPU forwarding: every tfjs kernel that has no native cuda version runs on the cpu backend's implementation —
// download the inputs, run, upload the outputs — so any tfjs model runs, only slower. Each forwarded call is
// counted (CudaBackend.forwardingReport).
import * as tf from '@tensorflow/tfjs-core';
import type { DataId, KernelConfig, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { CudaBackend } from './backend.js';

let cpu: MathBackendCPU | undefined;

type KernelArgs = Parameters<KernelConfig['kernelFunc']>[0];

/** Runs a kernel's cpu implementation on cuda tensors (download, run, upload), counting the call. */
export function runOnCpu(kernelName: string, args: KernelArgs): TensorInfo | TensorInfo[] {
  const config = tf.getKernel(kernelName, 'cpu');
  if (config === undefined) throw new Error(`cuda: the ${kernelName} kernel has no cuda version and no cpu version to forward to.`);
  return forward(config)(args) as TensorInfo | TensorInfo[];
}

function forward(config: KernelConfig): KernelConfig['kernelFunc'] {
  return ({ inputs, backend, attrs }) => {
    const cuda = backend as CudaBackend;
    cuda.forwarded.set(config.kernelName, (cuda.forwarded.get(config.kernelName) ?? 0) + 1);
    cpu ??= new MathBackendCPU();
    const created: DataId[] = [];
    const toCpu = (info: TensorInfo): TensorInfo => {
      const dataId = cpu!.write(cuda.readSync(info.dataId), info.shape, info.dtype);
      created.push(dataId);
      return { dataId, shape: info.shape, dtype: info.dtype };
    };
    // Most kernels name their inputs; a few (Pack, AddN, Concat, …) take an array.
    const onCpu = Array.isArray(inputs)
      ? (inputs as TensorInfo[]).map(toCpu)
      : Object.fromEntries(Object.entries(inputs as NamedTensorInfoMap).filter(([, info]) => info != null).map(([name, info]) => [name, toCpu(info!)]));
    const result = config.kernelFunc({ inputs: onCpu as NamedTensorInfoMap, backend: cpu, attrs: attrs ?? {} });
    const outputs = Array.isArray(result) ? result : [result];
    const uploaded = outputs.map((out) => ({ dataId: cuda.write(cpu!.readSync(out.dataId), out.shape, out.dtype), shape: out.shape, dtype: out.dtype }));
    for (const dataId of new Set([...created, ...outputs.map((o) => o.dataId)])) cpu.disposeData(dataId, true);
    return Array.isArray(result) ? uploaded : uploaded[0]!;
  };
}

/** Registers a forwarding `cuda` kernel for every cpu kernel that has no native one. Call after the native ones. */
export function registerForwardedKernels(): void {
  for (const config of tf.getKernelsForBackend('cpu')) {
    if (tf.getKernel(config.kernelName, 'cuda') !== undefined) continue;
    tf.registerKernel({ kernelName: config.kernelName, backendName: 'cuda', kernelFunc: forward(config) });
  }
}
