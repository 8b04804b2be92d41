// Fused LayerNorm for tfjs-webgpu: one dispatch forward instead of about ten element-wise and reduction ops,
// four backward. Rows are reduced by one 256-thread workgroup each, in two passes (mean, then centred squares),
// as tf.moments and PyTorch compute the biased variance.
import * as tf from '@tensorflow/tfjs-core';
import { LAYER_NORM_KERNELS, registerFusedLayerNorm } from '@kanjs/basis-core';
import type { FusedProgram } from './programs.js';

/** A workgroup-wide sum of `value` into `partial[0]` (all threads call it; returns the sum). */
const REDUCE = `
var<workgroup> partial: array<f32, 256>;
fn rowSum(value: f32) -> f32 {
  partial[localIndex] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride = stride >> 1u) {
    if (localIndex < stride) {
      partial[localIndex] = partial[localIndex] + partial[localIndex + stride];
    }
    workgroupBarrier();
  }
  let total = partial[0];
  workgroupBarrier();
  return total;
}

/** Mean and 1/√(var + ε) of row \`row\` of x. */
fn rowStats(row: u32, n: u32) -> vec2<f32> {
  var s = 0.0;
  for (var i = localIndex; i < n; i += 256u) { s += x[row * n + i]; }
  let mean = rowSum(s) / f32(n);
  var s2 = 0.0;
  for (var i = localIndex; i < n; i += 256u) { let d = x[row * n + i] - mean; s2 += d * d; }
  return vec2<f32>(mean, inverseSqrt(rowSum(s2) / f32(n) + uniforms.epsilon));
}`;

class RowProgram implements FusedProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [1] };
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number] = [256, 1, 1];
  uniforms = 'epsilon : f32,';

  constructor(
    kind: string,
    variableNames: string[],
    outputShape: number[],
    rows: number,
    private readonly body: string,
  ) {
    this.shaderKey = `kanLayerNorm_${kind}`;
    this.variableNames = variableNames;
    this.outputShape = outputShape;
    this.dispatch = [rows, 1, 1];
  }

  getUserCode(): string {
    return `${REDUCE}\nfn main() {\n  let n = u32(uniforms.xShape.y);\n  let row = workgroupId.x;\n${this.body}\n}`;
  }
}

/** One thread per feature, summing over the rows. */
class ColumnProgram implements FusedProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number] = [64, 1, 1];
  uniforms = 'epsilon : f32,';

  constructor(kind: string, variableNames: string[], n: number, private readonly body: string) {
    this.shaderKey = `kanLayerNorm_${kind}`;
    this.variableNames = variableNames;
    this.outputShape = [n];
    this.dispatch = [Math.ceil(n / 64), 1, 1];
  }

  getUserCode(): string {
    return `fn main(index: i32) {\n  let f = u32(index);\n  let n = u32(uniforms.dyShape.y);\n  let rows = u32(uniforms.dyShape.x);\n  if (f >= n) { return; }\n${this.body}\n}`;
  }
}

interface WebGPUBackendLike {
  runWebGPUProgram(program: FusedProgram, inputs: tf.TensorInfo[], dtype: 'float32', uniforms?: { type: 'float32' | 'int32'; data: number[] }[]): tf.TensorInfo;
  disposeData(dataId: tf.DataId): boolean;
}

type Params = { inputs: unknown; backend: unknown; attrs?: unknown };
const epsilonOf = (attrs: unknown) => [{ type: 'float32' as const, data: [(attrs as { epsilon: number }).epsilon] }];

function forward({ inputs, backend, attrs }: Params): tf.TensorInfo {
  const [x, gamma, beta] = inputs as tf.TensorInfo[];
  const program = new RowProgram('forward', ['x', 'gamma', 'beta'], [...x!.shape], x!.shape[0]!, `
  let stats = rowStats(row, n);
  for (var i = localIndex; i < n; i += 256u) {
    result[row * n + i] = (x[row * n + i] - stats.x) * stats.y * gamma[i] + beta[i];
  }`);
  return (backend as WebGPUBackendLike).runWebGPUProgram(program, [x!, gamma!, beta!], 'float32', epsilonOf(attrs));
}

/** dx = r·(g − mean(g) − x̂·mean(g·x̂)), g = dy·γ, x̂ = (x − mean)·r, r = 1/√(var + ε). */
function gradInput({ inputs, backend, attrs }: Params): tf.TensorInfo {
  const [dy, x, gamma] = inputs as tf.TensorInfo[];
  const program = new RowProgram('gradInput', ['dy', 'x', 'gamma'], [...x!.shape], x!.shape[0]!, `
  let stats = rowStats(row, n);
  var sg = 0.0;
  var sgx = 0.0;
  for (var i = localIndex; i < n; i += 256u) {
    let g = dy[row * n + i] * gamma[i];
    sg += g;
    sgx += g * (x[row * n + i] - stats.x) * stats.y;
  }
  let meanG = rowSum(sg) / f32(n);
  let meanGX = rowSum(sgx) / f32(n);
  for (var i = localIndex; i < n; i += 256u) {
    let xhat = (x[row * n + i] - stats.x) * stats.y;
    result[row * n + i] = stats.y * (dy[row * n + i] * gamma[i] - meanG - xhat * meanGX);
  }`);
  return (backend as WebGPUBackendLike).runWebGPUProgram(program, [dy!, x!, gamma!], 'float32', epsilonOf(attrs));
}

/** dγ[f] = Σ_b dy[b, f]·x̂[b, f], from the per-row statistics of a first pass. */
function gradGamma({ inputs, backend, attrs }: Params): tf.TensorInfo {
  const [dy, x] = inputs as tf.TensorInfo[];
  const gpu = backend as WebGPUBackendLike;
  const rows = x!.shape[0]!;
  const statsProgram = new RowProgram('stats', ['x'], [rows, 2], rows, `
  let stats = rowStats(row, n);
  if (localIndex == 0u) {
    result[row * 2u] = stats.x;
    result[row * 2u + 1u] = stats.y;
  }`);
  const stats = gpu.runWebGPUProgram(statsProgram, [x!], 'float32', epsilonOf(attrs));
  const program = new ColumnProgram('gradGamma', ['dy', 'x', 'stats'], x!.shape[1]!, `
  var s = 0.0;
  for (var b = 0u; b < rows; b++) {
    s += dy[b * n + f] * (x[b * n + f] - stats[b * 2u]) * stats[b * 2u + 1u];
  }
  result[f] = s;`);
  const result = gpu.runWebGPUProgram(program, [dy!, x!, stats], 'float32', epsilonOf(attrs));
  gpu.disposeData(stats.dataId);
  return result;
}

/** dβ[f] = Σ_b dy[b, f]. */
function gradBeta({ inputs, backend, attrs }: Params): tf.TensorInfo {
  const [dy] = inputs as tf.TensorInfo[];
  const program = new ColumnProgram('gradBeta', ['dy'], dy!.shape[1]!, `
  var s = 0.0;
  for (var b = 0u; b < rows; b++) { s += dy[b * n + f]; }
  result[f] = s;`);
  return (backend as WebGPUBackendLike).runWebGPUProgram(program, [dy!], 'float32', epsilonOf(attrs));
}

/** Registers the fused LayerNorm kernels on the `webgpu` backend. */
export function registerWebGPULayerNorm(): void {
  for (const [kernelName, kernelFunc] of [
    [LAYER_NORM_KERNELS.forward, forward],
    [LAYER_NORM_KERNELS.gradInput, gradInput],
    [LAYER_NORM_KERNELS.gradGamma, gradGamma],
    [LAYER_NORM_KERNELS.gradBeta, gradBeta],
  ] as const) {
    tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc: kernelFunc as tf.KernelFunc });
  }
  registerFusedLayerNorm('webgpu');
}
