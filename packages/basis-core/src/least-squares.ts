/**
 * Minimum-norm least squares in float64: X = argmin ‖A·X − B‖ (and of those, the smallest ‖X‖), for any rank
 * of A, like `torch.linalg.lstsq` with the gelsd driver. Used to refit coefficients after a grid change.
 *
 * Method: one-sided Jacobi SVD of A (Hestenes), then X = V · Σ⁺ · Uᵀ · B. Singular values at or below
 * `rcond · σ_max` count as zero. Sizes here are small (K columns), so accuracy wins over speed.
 *
 * @param a [rows, cols] row-major
 * @param b [rows, rhs] row-major
 * @returns X, [cols, rhs] row-major
 */
export function leastSquares(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rows: number,
  cols: number,
  rhs: number,
  rcond = Number.EPSILON * Math.max(rows, cols),
): Float64Array {
  if (a.length !== rows * cols) throw new Error(`leastSquares: A has ${a.length} values, expected ${rows}×${cols}.`);
  if (b.length !== rows * rhs) throw new Error(`leastSquares: B has ${b.length} values, expected ${rows}×${rhs}.`);
  // Column-major working copy of A (each column contiguous) and V = I.
  const u = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) u[c * rows + r] = a[r * cols + c]!;
  const v = new Float64Array(cols * cols);
  for (let c = 0; c < cols; c++) v[c * cols + c] = 1;

  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < cols - 1; p++) {
      for (let q = p + 1; q < cols; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let r = 0; r < rows; r++) {
          const up = u[p * rows + r]!;
          const uq = u[q * rows + r]!;
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let r = 0; r < rows; r++) {
          const up = u[p * rows + r]!;
          const uq = u[q * rows + r]!;
          u[p * rows + r] = cs * up - sn * uq;
          u[q * rows + r] = sn * up + cs * uq;
        }
        for (let r = 0; r < cols; r++) {
          const vp = v[r * cols + p]!;
          const vq = v[r * cols + q]!;
          v[r * cols + p] = cs * vp - sn * vq;
          v[r * cols + q] = sn * vp + cs * vq;
        }
      }
    }
    if (!rotated) break;
  }

  const sigma = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += u[c * rows + r]! ** 2;
    sigma[c] = Math.sqrt(s);
  }
  const cutoff = rcond * Math.max(0, ...sigma);
  // W = Σ⁺ · Uᵀ · B, where column c of u holds σ_c · U_c, so Uᵀ_c · B / σ_c = u_cᵀ · B / σ_c².
  const w = new Float64Array(cols * rhs);
  for (let c = 0; c < cols; c++) {
    const s = sigma[c]!;
    if (!(s > cutoff) || s === 0) continue;
    const inv = 1 / (s * s);
    for (let j = 0; j < rhs; j++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += u[c * rows + r]! * b[r * rhs + j]!;
      w[c * rhs + j] = dot * inv;
    }
  }
  const x = new Float64Array(cols * rhs);
  for (let r = 0; r < cols; r++) {
    for (let c = 0; c < cols; c++) {
      const vrc = v[r * cols + c]!;
      if (vrc === 0) continue;
      for (let j = 0; j < rhs; j++) x[r * rhs + j]! += vrc * w[c * rhs + j]!;
    }
  }
  return x;
}
