// FastKAN's LayerNorm over the last axis (biased variance), forward and its three gradients, in wasm SIMD. Rows
// are [rows, n] row-major, contiguous; each row's mean and r = 1/√(var + ε) are computed in two passes (mean,
// then centred squares), as tf.moments does, and its x̂ = (x − mean)·r written once, where the kernel's output
// (or scratch) will be.
import { rowCentredSquares, rowSum } from './reduce';

/** x̂ [n] = (x − mean)·r of the row at x, written at `out`; returns r. */
function normalise(x: usize, n: i32, eps: f32, out: usize): f32 {
  const count = <f32>n;
  const mean = rowSum(x, n) / count;
  const inv: f32 = 1.0 / Mathf.sqrt(rowCentredSquares(x, n, mean) / count + eps);
  const mv = f32x4.splat(mean);
  const rv = f32x4.splat(inv);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(out + at, f32x4.mul(f32x4.sub(v128.load(x + at), mv), rv));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, (load<f32>(x + at) - mean) * inv);
  }
  return inv;
}

/** y = x̂·γ + β, per row. */
export function layerNormForward(x: usize, gamma: usize, beta: usize, y: usize, rows: i32, n: i32, eps: f32): void {
  for (let b = 0; b < rows; b++) {
    const offset = <usize>(b * n) << 2;
    const yr = y + offset;
    normalise(x + offset, n, eps, yr);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      v128.store(yr + at, f32x4.add(f32x4.mul(v128.load(yr + at), v128.load(gamma + at)), v128.load(beta + at)));
    }
    for (; i < n; i++) {
      const at = <usize>i << 2;
      store<f32>(yr + at, load<f32>(yr + at) * load<f32>(gamma + at) + load<f32>(beta + at));
    }
  }
}

/** dx = r·(g − mean(g) − x̂·mean(g·x̂)), g = dy·γ, per row. */
export function layerNormGradInput(dy: usize, x: usize, gamma: usize, dx: usize, rows: i32, n: i32, eps: f32): void {
  const count = <f32>n;
  for (let b = 0; b < rows; b++) {
    const offset = <usize>(b * n) << 2;
    const dyr = dy + offset;
    const dxr = dx + offset; // holds x̂ until it is overwritten with dx
    const inv = normalise(x + offset, n, eps, dxr);
    let sg = f32x4.splat(0);
    let sgx = f32x4.splat(0);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      const g = f32x4.mul(v128.load(dyr + at), v128.load(gamma + at));
      sg = f32x4.add(sg, g);
      sgx = f32x4.add(sgx, f32x4.mul(g, v128.load(dxr + at)));
    }
    let sumG = f32x4.extract_lane(sg, 0) + f32x4.extract_lane(sg, 1) + (f32x4.extract_lane(sg, 2) + f32x4.extract_lane(sg, 3));
    let sumGX = f32x4.extract_lane(sgx, 0) + f32x4.extract_lane(sgx, 1) + (f32x4.extract_lane(sgx, 2) + f32x4.extract_lane(sgx, 3));
    for (let j = i; j < n; j++) {
      const at = <usize>j << 2;
      const g = load<f32>(dyr + at) * load<f32>(gamma + at);
      sumG += g;
      sumGX += g * load<f32>(dxr + at);
    }
    const meanG = sumG / count;
    const meanGX = sumGX / count;
    const rv = f32x4.splat(inv);
    const mg = f32x4.splat(meanG);
    const mgx = f32x4.splat(meanGX);
    i = 0;
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      const g = f32x4.mul(v128.load(dyr + at), v128.load(gamma + at));
      v128.store(dxr + at, f32x4.mul(rv, f32x4.sub(f32x4.sub(g, mg), f32x4.mul(v128.load(dxr + at), mgx))));
    }
    for (; i < n; i++) {
      const at = <usize>i << 2;
      store<f32>(dxr + at, inv * (load<f32>(dyr + at) * load<f32>(gamma + at) - meanG - load<f32>(dxr + at) * meanGX));
    }
  }
}

/** acc[f] += a[f]·b[f] (b = 0: acc[f] += a[f]) for f < n. */
function accumulate(acc: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const term = b == 0 ? v128.load(a + at) : f32x4.mul(v128.load(a + at), v128.load(b + at));
    v128.store(acc + at, f32x4.add(v128.load(acc + at), term));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(acc + at, load<f32>(acc + at) + (b == 0 ? load<f32>(a + at) : load<f32>(a + at) * load<f32>(b + at)));
  }
}

/** dγ[f] = Σ_b dy[b, f]·x̂[b, f]; `xhat` is scratch of n floats. */
export function layerNormGradGamma(dy: usize, x: usize, dgamma: usize, xhat: usize, rows: i32, n: i32, eps: f32): void {
  memory.fill(dgamma, 0, <usize>n << 2);
  for (let b = 0; b < rows; b++) {
    const offset = <usize>(b * n) << 2;
    normalise(x + offset, n, eps, xhat);
    accumulate(dgamma, dy + offset, xhat, n);
  }
}

/** dβ[f] = Σ_b dy[b, f]. */
export function layerNormGradBeta(dy: usize, dbeta: usize, rows: i32, n: i32): void {
  memory.fill(dbeta, 0, <usize>n << 2);
  for (let b = 0; b < rows; b++) accumulate(dbeta, dy + (<usize>(b * n) << 2), 0, n);
}
