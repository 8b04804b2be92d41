// Row reductions shared by the LayerNorm and loss kernels: sums over n contiguous floats, 4 lanes at a time with
// a scalar tail (n need not be a multiple of 4; rows need not be 16-byte aligned).

/** Σ x[0..n). */
export function rowSum(x: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) acc = f32x4.add(acc, v128.load(x + (<usize>i << 2)));
  let s = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; i < n; i++) s += load<f32>(x + (<usize>i << 2));
  return s;
}

/** Σ (x[i] − c)² over i < n. */
export function rowCentredSquares(x: usize, n: i32, c: f32): f32 {
  const cv = f32x4.splat(c);
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const d = f32x4.sub(v128.load(x + (<usize>i << 2)), cv);
    acc = f32x4.add(acc, f32x4.mul(d, d));
  }
  let s = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; i < n; i++) {
    const d = load<f32>(x + (<usize>i << 2)) - c;
    s += d * d;
  }
  return s;
}
