// WGSL of the fused LayerNorm (FastKAN's input normalisation). Row kernels reduce a row with one 256-thread
// workgroup, in two passes (mean, then centred squares), as tf.moments and PyTorch compute the biased variance;
// column kernels sum a feature over a piece of the rows, a thread each.

/** A workgroup-wide sum of `value` into `partial[0]` (all threads call it; returns the sum), and a row's statistics. */
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

/** A row kernel: workgroup `row` of x [rows, n] runs `body` (rowSum and rowStats defined). */
export const rowKernel = (body: string) => `${REDUCE}\nfn main() {\n  let n = u32(uniforms.xShape.y);\n  let row = workgroupId.x;\n${body}\n}`;

/** A column kernel: thread (split, f) runs `body`, which sums rows b in [begin, end) of feature f into `s`. */
export const columnKernel = (body: string) => `fn main(index: i32) {
  let n = u32(uniforms.dyShape.y);
  let rows = u32(uniforms.dyShape.x);
  let f = u32(index) % n;
  let split = u32(index) / n;
  let per = u32(uniforms.rowsPerSplit);
  if (split >= max(1u, (rows + per - 1u) / per)) { return; }
  let begin = split * per;
  let end = min(rows, begin + per);
  var s = 0.0;
${body}
  result[split * n + f] = s;
}`;

/** y = (x − mean)·r·γ + β. */
export const FORWARD = `
  let stats = rowStats(row, n);
  for (var i = localIndex; i < n; i += 256u) {
    result[row * n + i] = (x[row * n + i] - stats.x) * stats.y * gamma[i] + beta[i];
  }`;

/** dx = r·(g − mean(g) − x̂·mean(g·x̂)), g = dy·γ, x̂ = (x − mean)·r, r = 1/√(var + ε). */
export const GRAD_INPUT = `
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
  }`;

/** Each row's mean and r into stats [rows, 2]. */
export const STATS = `
  let stats = rowStats(row, n);
  if (localIndex == 0u) {
    result[row * 2u] = stats.x;
    result[row * 2u + 1u] = stats.y;
  }`;

/** dγ[f] = Σ_b dy[b, f]·x̂[b, f], from the statistics of STATS. */
export const GRAD_GAMMA = `
  for (var b = begin; b < end; b++) {
    s += dy[b * n + f] * (x[b * n + f] - stats[b * 2u]) * stats[b * 2u + 1u];
  }`;

/** dβ[f] = Σ_b dy[b, f]. */
export const GRAD_BETA = `
  for (var b = begin; b < end; b++) { s += f32(dy[b * n + f]); }`;
