// The fused AdamW step (ADAMW_KERNEL) on webgpu. tfjs-webgpu programs write one output each, so through
// runWebGPUProgram a variable takes three dispatches (adamw-wgsl.ts) instead of the composition's ~14 ops. With
// KANJS_WEBGPU_FUSE_ADAMW (the default) we dispatch them ourselves (direct-dispatch.ts): one program per step puts
// β₁ᵗ and β₂ᵗ in one tensor, then one program per variable writes p′, m′ and v′; that takes 8 storage buffers
// (acc, p, g, m, v and the three outputs), WebGPU's default limit, where the two accumulators apart would take 9. A GPU compiler may still contract a
// product and a sum into one FMA, so the results equal the composition to rounding, not bit for bit as on cuda.
import * as tf from '@tensorflow/tfjs-core';
import { ADAMW_KERNEL, type AdamWAttrs } from '@kanjs/kernels';
import { FUSE_ADAMW_FLAG } from '../flags-webgpu.js';
import { runDirect, type DirectProgram } from '../programs/direct-dispatch.js';
import { FlatProgram } from '../programs/flat-program.js';
import type { ProgramRunner } from '../programs/runner.js';
import { ADAMW_ACC, ADAMW_M, ADAMW_P, ADAMW_STEP, ADAMW_UNIFORM_FIELDS, ADAMW_UNIFORMS, ADAMW_V } from '../templates/adamw-wgsl.js';

const ACCUMULATORS: DirectProgram = { key: 'kanDirect_adamw_acc', inputNames: ['acc1', 'acc2'], outputNames: ['acc'], uniformFields: [], body: ADAMW_ACC };
const STEP: DirectProgram = { key: 'kanDirect_adamw', inputNames: ['acc', 'p0', 'g', 'm0', 'v0'], outputNames: ['pOut', 'mOut', 'vOut'], uniformFields: ADAMW_UNIFORM_FIELDS, body: ADAMW_STEP };

function program(kind: 'p' | 'm' | 'v', n: number): FlatProgram {
  if (kind === 'm') return new FlatProgram('adamw_m', ['g', 'm0'], n, n, ADAMW_UNIFORMS, ADAMW_M);
  if (kind === 'v') return new FlatProgram('adamw_v', ['g', 'v0'], n, n, ADAMW_UNIFORMS, ADAMW_V);
  return new FlatProgram('adamw_p', ['acc1', 'acc2', 'p0', 'g', 'm0', 'v0'], n, n, ADAMW_UNIFORMS, ADAMW_P);
}

const adamw = ({ inputs, backend, attrs }: { inputs: unknown; backend: unknown; attrs?: unknown }): tf.TensorInfo[] => {
  const gpu = backend as ProgramRunner;
  const [acc1, acc2, ...rest] = inputs as tf.TensorInfo[];
  const { beta1, beta2, epsilon, learningRate, decays } = attrs as AdamWAttrs;
  const count = rest.length / 4;
  if (!Number.isInteger(count) || decays.length !== count) {
    throw new Error(`webgpu: ${ADAMW_KERNEL} expects [accBeta1, accBeta2] and 4 inputs per variable with one decay each; got ${(inputs as unknown[]).length} inputs and ${decays.length} decays.`);
  }
  const outputs: tf.TensorInfo[] = [];
  const [acc] = tf.env().getBool(FUSE_ADAMW_FLAG) ? runDirect(gpu, ACCUMULATORS, [acc1!, acc2!], [2], 1, []) : [];
  for (let k = 0; k < count; k++) {
    const shape = rest[4 * k]!.shape;
    const n = shape.reduce((a, b) => a * b, 1);
    // As flat [n] views, so that one compiled program per kind serves every variable's shape.
    const [p, g, m, v] = rest.slice(4 * k, 4 * k + 4).map((t) => ({ dataId: t.dataId, shape: [n], dtype: t.dtype })) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
    const floats = [beta1, 1 - beta1, beta2, 1 - beta2, epsilon, -learningRate, decays[k]!];
    const as = (t: tf.TensorInfo) => ({ dataId: t.dataId, shape: [...shape], dtype: 'float32' as const });
    if (acc !== undefined) {
      outputs.push(...runDirect(gpu, STEP, [acc, p, g, m, v], [n], n, floats).map(as));
      continue;
    }
    const run = (kind: 'p' | 'm' | 'v', programInputs: tf.TensorInfo[]) => {
      const flat = program(kind, n);
      const out = gpu.runWebGPUProgram(flat, programInputs, 'float32', [
        { type: 'int32', data: [n] },
        { type: 'int32', data: [flat.stride] },
        ...floats.map((value) => ({ type: 'float32' as const, data: [value] })),
      ]);
      return as(out);
    };
    outputs.push(run('p', [acc1!, acc2!, p, g, m, v]), run('m', [g, m]), run('v', [g, v]));
  }
  if (acc !== undefined) gpu.disposeData(acc.dataId);
  return outputs;
};

/** The fused AdamW step on webgpu: `AdamW` from @kanjs/kan-layers then runs 1 dispatch per variable and 1 per step (3 per variable with KANJS_WEBGPU_FUSE_ADAMW off). */
export const ADAMW_WEBGPU_KERNELS: readonly tf.KernelConfig[] = [
  { kernelName: ADAMW_KERNEL, backendName: 'webgpu', kernelFunc: adamw as unknown as tf.KernelFunc },
];
