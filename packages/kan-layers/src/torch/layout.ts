// Moves weights between PyTorch's layouts and ours. Each function names both layouts; all data is row-major.

/** [rows, cols] → [cols, rows]. */
export function transpose2d(data: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]!;
  return out;
}

/** PyTorch [out, in, K] → ours [in, K, out]. */
export function torchToSpline(data: ArrayLike<number>, out: number, inFeatures: number, size: number): Float32Array {
  const result = new Float32Array(out * inFeatures * size);
  for (let o = 0; o < out; o++) {
    for (let i = 0; i < inFeatures; i++) {
      for (let k = 0; k < size; k++) result[(i * size + k) * out + o] = data[(o * inFeatures + i) * size + k]!;
    }
  }
  return result;
}

/** Ours [in, K, out] → PyTorch [out, in, K]. */
export function splineToTorch(data: ArrayLike<number>, out: number, inFeatures: number, size: number): Float32Array {
  const result = new Float32Array(out * inFeatures * size);
  for (let o = 0; o < out; o++) {
    for (let i = 0; i < inFeatures; i++) {
      for (let k = 0; k < size; k++) result[(o * inFeatures + i) * size + k] = data[(i * size + k) * out + o]!;
    }
  }
  return result;
}
