// Registers the fused KanBasisLinear kernels on the tfjs `webgpu` backend, for every basis with a WGSL snippet.
import * as tf from '@tensorflow/tfjs-core';
import { BASIS_LINEAR_KERNELS, registerFusedBasisLinear, type Basis } from '@kanjs/basis-core';
import { ForwardProgram, GradInputProgram, GradWeightProgram, sumPartials, type ProgramRunner } from './programs.js';
import { supportsBasis } from './wgsl.js';
import { registerWebGPULayerNorm } from './layer-norm.js';
import { registerWebGPUSum } from './sum.js';
import { registerWebGPUAdamW } from './adamw.js';
import { registerWebGPUSoftmaxCrossEntropy } from './softmax-cross-entropy.js';

type Inputs = tf.TensorInfo[];

function basisOf(attrs: unknown): Basis {
  const basis = (attrs as { basis?: Basis }).basis;
  if (basis === undefined) throw new Error('KanBasisLinear: attrs.basis is missing.');
  return basis;
}

const sizes = (state: Inputs) => state.map((t) => t.shape.reduce((a, b) => a * b, 1));

function forward({ inputs, backend, attrs }: { inputs: unknown; backend: unknown; attrs?: unknown }): tf.TensorInfo {
  const [x, w, ...state] = inputs as Inputs;
  const gpu = backend as ProgramRunner;
  const basis = basisOf(attrs);
  const [batch] = x!.shape as [number, number];
  const out = w!.shape[1]!;
  const program = new ForwardProgram(basis, sizes(state), batch, out);
  const partial = gpu.runWebGPUProgram(program, [x!, w!, ...state], 'float32', [
    { type: 'int32', data: [program.featuresPerSplit] },
    { type: 'int32', data: [program.chunksPerSplit] },
  ]);
  return sumPartials(gpu, partial, program.outputShape[0]!, [batch, out]);
}

function gradInput({ inputs, backend, attrs }: { inputs: unknown; backend: unknown; attrs?: unknown }): tf.TensorInfo {
  const [dy, x, w, ...state] = inputs as Inputs;
  const basis = basisOf(attrs);
  const program = new GradInputProgram(basis, sizes(state), x!.shape[0]!);
  return (backend as ProgramRunner).runWebGPUProgram(program, [dy!, x!, w!, ...state], 'float32', [
    { type: 'int32', data: [Math.ceil(dy!.shape[1]! / 16)] },
  ]);
}

function gradWeight({ inputs, backend, attrs }: { inputs: unknown; backend: unknown; attrs?: unknown }): tf.TensorInfo {
  const [dy, x, ...state] = inputs as Inputs;
  const basis = basisOf(attrs);
  const gpu = backend as ProgramRunner;
  const out = dy!.shape[1]!;
  const program = new GradWeightProgram(basis, sizes(state), x!.shape[0]!, out);
  const partial = gpu.runWebGPUProgram(program, [dy!, x!, ...state], 'float32', [
    { type: 'int32', data: [program.chunksPerSplit] },
  ]);
  return sumPartials(gpu, partial, program.outputShape[0]!, [basis.inFeatures * basis.size, out]);
}

let registered = false;

/** Registers the fused kernels on the `webgpu` backend (once): `basisLinear` then uses them for supported bases,
 * `layerNorm` (FastKAN's) for every input, `AdamW` and `softmaxCrossEntropy` (@kanjs/kan-layers) for their steps;
 * long sums with few outputs (a loss) are split in two passes. */
export function registerWebGPUBasisLinear(): void {
  if (registered) return;
  registered = true;
  for (const [kernelName, kernelFunc] of [
    [BASIS_LINEAR_KERNELS.forward, forward],
    [BASIS_LINEAR_KERNELS.gradInput, gradInput],
    [BASIS_LINEAR_KERNELS.gradWeight, gradWeight],
  ] as const) {
    tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc: kernelFunc as tf.KernelFunc });
  }
  registerFusedBasisLinear('webgpu', supportsBasis);
  registerWebGPULayerNorm();
  registerWebGPUSum();
  registerWebGPUAdamW();
  registerWebGPUSoftmaxCrossEntropy();
}
