// The fused KanBasisLinear kernels on the tfjs `webgpu` backend, for every basis with a WGSL snippet that compiles
// and K within the webgpu limit. None of them writes the [batch, in·K] basis tensor.
import type * as tf from '@tensorflow/tfjs-core';
import { basisNames, createBasis, type Basis } from '@kanjs/basis-core';
import { BASIS_LINEAR_KERNELS, MAX_FUSED_K, kernelConfigs, registerFusedBasisLinear, setFusedBaseCrossover, siluBasis } from '@kanjs/kernels';
import { ForwardProgram, GradInputProgram, GradWeightProgram } from '../programs/basis-linear-programs.js';
import { backendDevice, checkingDevice } from '../programs/check-device.js';
import { checkSnippet, snippetCompiles } from '../programs/snippet-check.js';
import type { ProgramRunner } from '../programs/runner.js';
import { sumPartials } from '../programs/split-sum.js';

type Inputs = tf.TensorInfo[];

/** Whether the fused kernels can take this basis: a WGSL snippet and K ≤ MAX_FUSED_K.webgpu. */
export function supportsBasis(basis: Basis): boolean {
  return basis.kernels?.wgsl !== undefined && basis.size <= MAX_FUSED_K.webgpu;
}

/**
 * Whether `basisLinear` runs this basis fused on webgpu: `supportsBasis`, and its snippet has compiled on the
 * device. A snippet not yet checked starts its check and runs the generic path until the check passes.
 */
export function fusesBasis(basis: Basis): boolean {
  return supportsBasis(basis) && snippetCompiles(basis, backendDevice());
}

/**
 * Compiles the basis's WGSL snippet on the device now (once per basis name and snippet) and resolves whether the fused kernels
 * take the basis: `await checkFusedBasis(basis)` settles `hasFusedBasisLinear('webgpu', basis)` before the
 * first call. A snippet that does not compile gets one console warning naming the basis and the line.
 */
export async function checkFusedBasis(basis: Basis): Promise<boolean> {
  if (!supportsBasis(basis)) return false;
  const device = await checkingDevice();
  return device !== undefined && checkSnippet(basis, device);
}

/** Checks the snippet of every registered basis (with its default options) and of the SiLU base branch. */
export async function checkRegisteredBases(): Promise<void> {
  const bases = [siluBasis(1)];
  for (const name of basisNames()) {
    try {
      bases.push(createBasis(name, 1));
    } catch {
      // A basis without usable defaults is checked on first use instead.
    }
  }
  await Promise.all(bases.map(checkFusedBasis));
}

/**
 * The largest batch·in·out for which the SiLU base branch takes the fused op on webgpu; above it tfjs-webgpu's
 * matMul. The crossover measured for cuda on an H200, which webgpu keeps.
 */
const FUSED_BASE_MAX_PRODUCT = 2 ** 26;

function basisOf(attrs: unknown): Basis {
  const basis = (attrs as { basis?: Basis }).basis;
  if (basis === undefined) throw new Error('KanBasisLinear: attrs.basis is missing.');
  return basis;
}

const sizes = (state: Inputs) => state.map((t) => t.shape.reduce((a, b) => a * b, 1));

const forward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const [x, w, ...state] = inputs as unknown as Inputs;
  const gpu = backend as unknown as ProgramRunner;
  const basis = basisOf(attrs);
  const [batch] = x!.shape as [number, number];
  const out = w!.shape[1]!;
  const program = new ForwardProgram(basis, sizes(state), batch, out);
  const partial = gpu.runWebGPUProgram(program, [x!, w!, ...state], 'float32', [
    { type: 'int32', data: [program.featuresPerSplit] },
    { type: 'int32', data: [program.chunksPerSplit] },
  ]);
  return sumPartials(gpu, partial, program.outputShape[0]!, [batch, out]);
};

const gradInput: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const [dy, x, w, ...state] = inputs as unknown as Inputs;
  const basis = basisOf(attrs);
  const program = new GradInputProgram(basis, sizes(state), x!.shape[0]!);
  return (backend as unknown as ProgramRunner).runWebGPUProgram(program, [dy!, x!, w!, ...state], 'float32', [
    { type: 'int32', data: [Math.ceil(dy!.shape[1]! / 16)] },
  ]);
};

const gradWeight: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const [dy, x, ...state] = inputs as unknown as Inputs;
  const basis = basisOf(attrs);
  const gpu = backend as unknown as ProgramRunner;
  const out = dy!.shape[1]!;
  const program = new GradWeightProgram(basis, sizes(state), x!.shape[0]!, out);
  const partial = gpu.runWebGPUProgram(program, [dy!, x!, ...state], 'float32', [
    { type: 'int32', data: [program.chunksPerSplit] },
  ]);
  return sumPartials(gpu, partial, program.outputShape[0]!, [basis.inFeatures * basis.size, out]);
};

/** The three fused basis-linear kernels on webgpu. */
export const BASIS_LINEAR_WEBGPU_KERNELS: readonly tf.KernelConfig[] = kernelConfigs(BASIS_LINEAR_KERNELS, 'webgpu', { forward, gradInput, gradWeight });

/**
 * Declares which bases `basisLinear` runs fused on webgpu (`fusesBasis`), and where the SiLU base branch takes the fused op
 * (batch·in·out up to FUSED_BASE_MAX_PRODUCT).
 */
export function declareFusedBasisLinear(): void {
  registerFusedBasisLinear('webgpu', fusesBasis);
  setFusedBaseCrossover('webgpu', ({ batch, inFeatures, outFeatures }) => batch * inFeatures * outFeatures <= FUSED_BASE_MAX_PRODUCT);
}
