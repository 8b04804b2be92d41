// The softmax cross-entropy of logits z [B, C] against labels [B, C], the mean over the batch, and its gradient
// with respect to z, as tfjs-core's composition computes them: lse_b = m_b + log Σ_c exp(z[b, c] − m_b), m_b the
// row's max.
import { rowSum } from './reduce';

/** log Σ_c exp(z[c]) of one row, shifted by its max m; exp(z[c] − m) is left at e (C floats). */
function rowSoftmax(z: usize, C: i32, e: usize): f32 {
  let m = load<f32>(z);
  for (let c = 1; c < C; c++) m = max(m, load<f32>(z + (<usize>c << 2)));
  for (let c = 0; c < C; c++) store<f32>(e + (<usize>c << 2), Mathf.exp(load<f32>(z + (<usize>c << 2)) - m));
  return m + Mathf.log(rowSum(e, C));
}

/** The loss −(1/B) Σ_b Σ_c labels[b, c]·(z[b, c] − lse_b); `e` is scratch of C floats. */
export function softmaxCrossEntropy(labels: usize, z: usize, B: i32, C: i32, e: usize): f32 {
  let total: f32 = 0;
  for (let b = 0; b < B; b++) {
    const offset = <usize>(b * C) << 2;
    const zr = z + offset;
    const lr = labels + offset;
    const lse = rowSoftmax(zr, C, e);
    let row: f32 = 0;
    for (let c = 0; c < C; c++) row += load<f32>(lr + (<usize>c << 2)) * (load<f32>(zr + (<usize>c << 2)) - lse);
    total -= row;
  }
  return total / <f32>B;
}

/** dz [B, C] = (dy/B)·(softmax(z)[b, c] − labels[b, c]). */
export function softmaxCrossEntropyGrad(dy: f32, labels: usize, z: usize, dz: usize, B: i32, C: i32): void {
  const scale = dy / <f32>B;
  for (let b = 0; b < B; b++) {
    const offset = <usize>(b * C) << 2;
    const zr = z + offset;
    const lr = labels + offset;
    const out = dz + offset;
    const lse = rowSoftmax(zr, C, out);
    for (let c = 0; c < C; c++) {
      const at = <usize>c << 2;
      store<f32>(out + at, scale * (Mathf.exp(load<f32>(zr + at) - lse) - load<f32>(lr + at)));
    }
  }
}
