// The fused AdamW step (ADAMW_KERNEL) on the tfjs `wasm` and `cpu` backends: each variable's p, g, m and v copied
// into the module once, updated in place there by one SIMD pass (assembly/adamw.ts), and p', m', v' copied out,
// instead of about 14 tfjs ops a variable.
import * as tf from '@tensorflow/tfjs-core';
import { ADAMW_KERNEL, type AdamWAttrs } from '@kanjs/kernels';
import { kernelModule, stage, view } from '../wasm/module.js';
import { tensorIO, type CpuBackendName } from './tensor-io.js';

function adamwConfig(name: CpuBackendName): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = ({ inputs, backend, attrs }) => {
    const [acc1, acc2, ...rest] = inputs as unknown as tf.TensorInfo[];
    const { beta1, beta2, epsilon, learningRate, decays } = attrs as unknown as AdamWAttrs;
    const count = rest.length / 4;
    if (!Number.isInteger(count) || decays.length !== count) {
      throw new Error(`${name}: ${ADAMW_KERNEL} expects [accBeta1, accBeta2] and 4 inputs per variable with one decay each; got ${inputs.length} inputs and ${decays.length} decays.`);
    }
    const io = tensorIO(name, backend, ADAMW_KERNEL);
    const [a1, a2] = [io.read(acc1!)[0]!, io.read(acc2!)[0]!];
    const module = kernelModule();
    const outputs: tf.TensorInfo[] = []; // p', m', v' of variable i at 3i, 3i + 1, 3i + 2
    for (let i = 0; i < count; i++) {
      const [p, g, m, v] = rest.slice(4 * i, 4 * i + 4) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
      const n = p.shape.reduce((a, b) => a * b, 1);
      // read after the previous variable's outputs were made: on wasm they may have moved the backend's heap
      const [pAt, gAt, mAt, vAt] = stage(module, [p, g, m, v].map((t) => io.read(t))) as [number, number, number, number];
      module.adamw(pAt, gAt, mAt, vAt, pAt, mAt, vAt, n, decays[i]!, beta1, 1 - beta1, beta2, 1 - beta2, epsilon, -learningRate, a1, a2);
      for (const at of [pAt, mAt, vAt]) outputs.push(io.write([...p.shape], view(module, at, n).slice()));
    }
    return outputs;
  };
  return { kernelName: ADAMW_KERNEL, backendName: name, kernelFunc };
}

/** The fused AdamW step on wasm and on cpu. */
export const ADAMW_CPU_KERNELS: readonly tf.KernelConfig[] = [adamwConfig('wasm'), adamwConfig('cpu')];
