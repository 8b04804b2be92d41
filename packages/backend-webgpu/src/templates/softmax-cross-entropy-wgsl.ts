// WGSL of the fused softmax cross-entropy: per-row bodies of flat programs (a thread per row or per element), and
// a one-workgroup mean. Inputs are read through f32(): tfjs-webgpu casts int32 to float32 (tf.oneHot's labels,
// say) by relabelling the tensor, so its storage may still hold i32.

// log Σ_c exp(z[row, c]), shifted by the row's max as tfjs-core's logSumExp is.
const LSE = `
    let C = u32(uniforms.C);
    var mx = -3.402823466e38;
    for (var c = 0u; c < C; c++) { mx = max(mx, f32(z[i * C + c])); }
    var s = 0.0;
    for (var c = 0u; c < C; c++) { s += exp(f32(z[i * C + c]) - mx); }
    let lse = mx + log(s);`;

/** Row i's loss −Σ_c labels·(z − lse), from inputs [labels, z]; uniform C. */
export const ROW_LOSS = `${LSE}
    var row = 0.0;
    for (var c = 0u; c < C; c++) { row += f32(labels[i * C + c]) * (f32(z[i * C + c]) - lse); }
    result[i] = -row;`;

/** Row i's log-sum-exp, from input [z]; uniform C. */
export const ROW_LSE = `${LSE}
    result[i] = lse;`;

/** dlogits[i] = (dy/B)·(exp(z − lse) − labels), from inputs [dy, labels, z, lse]; uniforms C and B. */
export const LOGITS_GRAD = `
    let scale = f32(dy[0]) / uniforms.B;
    result[i] = scale * (exp(f32(z[i]) - lse[i / u32(uniforms.C)]) - f32(labels[i]));`;

/** One workgroup sums x[0 … n) (a thread's stride, then a tree in workgroup memory) and divides by `divisor`. */
export const MEAN_WGSL = `
var<workgroup> partial: array<f32, 256>;
fn main(index: i32) {
  var s = 0.0;
  for (var j = localIndex; j < u32(uniforms.n); j += 256u) { s += x[j]; }
  partial[localIndex] = s;
  workgroupBarrier();
  for (var half = 128u; half > 0u; half = half >> 1u) {
    if (localIndex < half) { partial[localIndex] = partial[localIndex] + partial[localIndex + half]; }
    workgroupBarrier();
  }
  if (localIndex == 0u) { result[0] = partial[0] / uniforms.divisor; }
}
`;
