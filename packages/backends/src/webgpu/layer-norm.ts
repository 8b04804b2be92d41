// Fused LayerNorm for tfjs-webgpu: one dispatch forward instead of about ten element-wise and reduction ops,
// four backward. Rows are reduced by one 256-thread workgroup each, in two passes (mean, then centred squares),
// as tf.moments and PyTorch compute the biased variance.
import * as tf from '@tensorflow/tfjs-core';
import { LAYER_NORM_KERNELS, registerFusedLayerNorm } from '@kanjs/basis-core';
import { sumPartials, type FusedProgram, type ProgramRunner } from './programs.js';

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

/**
 * Column sums over the rows: a thread per feature and piece of the rows, into partial sums [splits, n] that
 * `sumPartials` adds. One thread per feature alone left a [4096, 1024] gradient to 1024 threads (1.6 ms on
 * the H200); pieces of 64 rows give enough threads. The body sums rows b in [begin, end) into `s`.
 */
class ColumnProgram implements FusedProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number] = [64, 1, 1];
  uniforms = 'epsilon : f32, rowsPerSplit : i32,';
  readonly splits: number;
  readonly rowsPerSplit: number;

  constructor(kind: string, variableNames: string[], rows: number, n: number, private readonly body: string) {
    this.shaderKey = `kanLayerNorm_${kind}`;
    this.variableNames = variableNames;
    this.rowsPerSplit = Math.max(COLUMN_ROWS, Math.ceil(rows / MAX_COLUMN_SPLITS));
    this.splits = Math.max(1, Math.ceil(rows / this.rowsPerSplit));
    this.outputShape = [this.splits, n];
    this.dispatch = [Math.ceil((n * this.splits) / 64), 1, 1];
  }

  getUserCode(): string {
    return `fn main(index: i32) {
  let n = u32(uniforms.dyShape.y);
  let rows = u32(uniforms.dyShape.x);
  let f = u32(index) % n;
  let split = u32(index) / n;
  let per = u32(uniforms.rowsPerSplit);
  if (split >= max(1u, (rows + per - 1u) / per)) { return; }
  let begin = split * per;
  let end = min(rows, begin + per);
  var s = 0.0;
${this.body}
  result[split * n + f] = s;
}`;
  }
}

/** Rows per piece of a column sum, at least; and at most this many pieces. */
const COLUMN_ROWS = 64;
const MAX_COLUMN_SPLITS = 256;

type Params = { inputs: unknown; backend: unknown; attrs?: unknown };
const epsilonOf = (attrs: unknown) => [{ type: 'float32' as const, data: [(attrs as { epsilon: number }).epsilon] }];
const columnUniforms = (attrs: unknown, program: ColumnProgram) => [...epsilonOf(attrs), { type: 'int32' as const, data: [program.rowsPerSplit] }];

function forward({ inputs, backend, attrs }: Params): tf.TensorInfo {
  const [x, gamma, beta] = inputs as tf.TensorInfo[];
  const program = new RowProgram('forward', ['x', 'gamma', 'beta'], [...x!.shape], x!.shape[0]!, `
  let stats = rowStats(row, n);
  for (var i = localIndex; i < n; i += 256u) {
    result[row * n + i] = (x[row * n + i] - stats.x) * stats.y * gamma[i] + beta[i];
  }`);
  return (backend as ProgramRunner).runWebGPUProgram(program, [x!, gamma!, beta!], 'float32', epsilonOf(attrs));
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
  return (backend as ProgramRunner).runWebGPUProgram(program, [dy!, x!, gamma!], 'float32', epsilonOf(attrs));
}

/** dγ[f] = Σ_b dy[b, f]·x̂[b, f], from the per-row statistics of a first pass. */
function gradGamma({ inputs, backend, attrs }: Params): tf.TensorInfo {
  const [dy, x] = inputs as tf.TensorInfo[];
  const gpu = backend as ProgramRunner;
  const rows = x!.shape[0]!;
  const statsProgram = new RowProgram('stats', ['x'], [rows, 2], rows, `
  let stats = rowStats(row, n);
  if (localIndex == 0u) {
    result[row * 2u] = stats.x;
    result[row * 2u + 1u] = stats.y;
  }`);
  const stats = gpu.runWebGPUProgram(statsProgram, [x!], 'float32', epsilonOf(attrs));
  const program = new ColumnProgram('gradGamma', ['dy', 'x', 'stats'], rows, x!.shape[1]!, `
  for (var b = begin; b < end; b++) {
    s += dy[b * n + f] * (x[b * n + f] - stats[b * 2u]) * stats[b * 2u + 1u];
  }`);
  const partial = gpu.runWebGPUProgram(program, [dy!, x!, stats], 'float32', columnUniforms(attrs, program));
  gpu.disposeData(stats.dataId);
  return sumPartials(gpu, partial, program.splits, [x!.shape[1]!]);
}

/** dβ[f] = Σ_b dy[b, f]. */
function gradBeta({ inputs, backend, attrs }: Params): tf.TensorInfo {
  const [dy] = inputs as tf.TensorInfo[];
  const gpu = backend as ProgramRunner;
  const program = new ColumnProgram('gradBeta', ['dy'], dy!.shape[0]!, dy!.shape[1]!, `
  for (var b = begin; b < end; b++) { s += dy[b * n + f]; }`);
  const partial = gpu.runWebGPUProgram(program, [dy!], 'float32', columnUniforms(attrs, program));
  return sumPartials(gpu, partial, program.splits, [dy!.shape[1]!]);
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
