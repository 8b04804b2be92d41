// WGSL of the sum over the leading axis of partial results [splits, n] (a kernel split over its reduction):
// a grid-stride loop over the n outputs, each adding its splits in order.

/** `result[i] = Σₖ partial[k·n + i]` for every i < n; uniforms `splits`, `n` and `stride` (the threads in the dispatch). */
export const SPLIT_SUM_WGSL = `
fn main(index: i32) {
  let n = u32(uniforms.n);
  let splits = u32(uniforms.splits);
  for (var i = u32(index); i < n; i += u32(uniforms.stride)) {
    var total = 0.0;
    for (var k = 0u; k < splits; k++) { total += partial[k * n + i]; }
    result[i] = total;
  }
}
`;
