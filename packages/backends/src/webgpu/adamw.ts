// The fused AdamW step (ADAMW_KERNEL) on webgpu. tfjs-webgpu programs write one output each, so a variable takes
// three dispatches (its new p, m and v; each recomputes the moments it needs, which costs nothing beside the
// memory traffic) instead of the composition's ~14 ops. The arithmetic is the composition's, operation for
// operation in float32 (a GPU compiler may still contract a product and a sum into one FMA, so the results
// equal it to rounding, not bit for bit as on cuda):
//
//     p ← p·decay;  m ← m·β₁ + g·(1 − β₁);  v ← v·β₂ + g²·(1 − β₂)
//     p ← (m/(1 − β₁ᵗ)) / (√(v/(1 − β₂ᵗ)) + ε) · (−lr) + p
import * as tf from '@tensorflow/tfjs-core';
import { ADAMW_KERNEL, type AdamWAttrs } from '@kanjs/basis-core';
import { FlatProgram } from './elementwise-program.js';
import type { ProgramRunner } from './programs.js';

const MOMENT_M = 'let m = f32(m0[i]) * uniforms.b1 + f32(g[i]) * uniforms.omb1;';
const MOMENT_V = 'let v = f32(v0[i]) * uniforms.b2 + (f32(g[i]) * f32(g[i])) * uniforms.omb2;';
const UNIFORMS = 'b1 : f32, omb1 : f32, b2 : f32, omb2 : f32, eps : f32, negLr : f32, decay : f32,';

function program(kind: 'p' | 'm' | 'v', n: number): FlatProgram {
  if (kind === 'm') return new FlatProgram('adamw_m', ['g', 'm0'], n, n, UNIFORMS, `    ${MOMENT_M}\n    result[i] = m;`);
  if (kind === 'v') return new FlatProgram('adamw_v', ['g', 'v0'], n, n, UNIFORMS, `    ${MOMENT_V}\n    result[i] = v;`);
  return new FlatProgram('adamw_p', ['acc1', 'acc2', 'p0', 'g', 'm0', 'v0'], n, n, UNIFORMS, `
    ${MOMENT_M}
    ${MOMENT_V}
    let step = ((m / (1.0 - f32(acc1[0]))) / (sqrt(v / (1.0 - f32(acc2[0]))) + uniforms.eps)) * uniforms.negLr;
    result[i] = step + f32(p0[i]) * uniforms.decay;`);
}

function adamw({ inputs, backend, attrs }: { inputs: unknown; backend: unknown; attrs?: unknown }): tf.TensorInfo[] {
  const gpu = backend as ProgramRunner;
  const [acc1, acc2, ...rest] = inputs as tf.TensorInfo[];
  const { beta1, beta2, epsilon, learningRate, decays } = attrs as AdamWAttrs;
  const count = rest.length / 4;
  if (!Number.isInteger(count) || decays.length !== count) {
    throw new Error(`webgpu: ${ADAMW_KERNEL} expects [accBeta1, accBeta2] and 4 inputs per variable with one decay each; got ${(inputs as unknown[]).length} inputs and ${decays.length} decays.`);
  }
  const outputs: tf.TensorInfo[] = [];
  for (let k = 0; k < count; k++) {
    const shape = rest[4 * k]!.shape;
    const n = shape.reduce((a, b) => a * b, 1);
    // As flat [n] views, so that one compiled program per kind serves every variable's shape.
    const [p, g, m, v] = rest.slice(4 * k, 4 * k + 4).map((t) => ({ dataId: t.dataId, shape: [n], dtype: t.dtype })) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
    const run = (kind: 'p' | 'm' | 'v', programInputs: tf.TensorInfo[]) => {
      const flat = program(kind, n);
      const floats = [beta1, 1 - beta1, beta2, 1 - beta2, epsilon, -learningRate, decays[k]!];
      const out = gpu.runWebGPUProgram(flat, programInputs, 'float32', [
        { type: 'int32', data: [n] },
        { type: 'int32', data: [flat.stride] },
        ...floats.map((value) => ({ type: 'float32' as const, data: [value] })),
      ]);
      return { dataId: out.dataId, shape: [...shape], dtype: 'float32' as const };
    };
    outputs.push(run('p', [acc1!, acc2!, p, g, m, v]), run('m', [g, m]), run('v', [g, v]));
  }
  return outputs;
}

/** Registers the fused AdamW step on webgpu: `AdamW` from @kanjs/kan-layers then runs 3 dispatches per variable. */
export function registerWebGPUAdamW(): void {
  tf.registerKernel({ kernelName: ADAMW_KERNEL, backendName: 'webgpu', kernelFunc: adamw as unknown as tf.KernelFunc });
}
