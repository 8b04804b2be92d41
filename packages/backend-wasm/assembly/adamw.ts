// The fused AdamW step of one variable, in wasm SIMD: each element's p, m and v read once and the new ones
// written, with the float32 operations of the composition AdamW runs otherwise, in its order (wasm's f32 and
// f32x4 arithmetic is IEEE, rounded per operation, with no contraction into FMAs):
//
//   p ← p·decay;  m ← m·β₁ + g·(1 − β₁);  v ← v·β₂ + g²·(1 − β₂)
//   p ← (m/(1 − β₁ᵗ)) / (√(v/(1 − β₂ᵗ)) + ε) · (−lr) + p
//
// `omb1`, `omb2` and `negLr` are the float32 constants 1 − β₁, 1 − β₂ and −lr; `acc1`, `acc2` are β₁ᵗ, β₂ᵗ.

/** p', m', v' [n] at op, om, ov from p, g, m, v [n] (the outputs may alias the inputs). */
export function adamw(
  p: usize, g: usize, m: usize, v: usize, op: usize, om: usize, ov: usize, n: i32,
  decay: f32, b1: f32, omb1: f32, b2: f32, omb2: f32, eps: f32, negLr: f32, acc1: f32, acc2: f32,
): void {
  const oma1: f32 = 1.0 - acc1;
  const oma2: f32 = 1.0 - acc2;
  const dv = f32x4.splat(decay), b1v = f32x4.splat(b1), omb1v = f32x4.splat(omb1), b2v = f32x4.splat(b2), omb2v = f32x4.splat(omb2);
  const epsv = f32x4.splat(eps), lrv = f32x4.splat(negLr), oma1v = f32x4.splat(oma1), oma2v = f32x4.splat(oma2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const gi = v128.load(g + at);
    const pi = f32x4.mul(v128.load(p + at), dv);
    const mi = f32x4.add(f32x4.mul(v128.load(m + at), b1v), f32x4.mul(gi, omb1v));
    const vi = f32x4.add(f32x4.mul(v128.load(v + at), b2v), f32x4.mul(f32x4.mul(gi, gi), omb2v));
    const step = f32x4.mul(f32x4.div(f32x4.div(mi, oma1v), f32x4.add(f32x4.sqrt(f32x4.div(vi, oma2v)), epsv)), lrv);
    v128.store(op + at, f32x4.add(step, pi));
    v128.store(om + at, mi);
    v128.store(ov + at, vi);
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    const gi = load<f32>(g + at);
    const pi = load<f32>(p + at) * decay;
    const mi = load<f32>(m + at) * b1 + gi * omb1;
    const vi = load<f32>(v + at) * b2 + gi * gi * omb2;
    const step = ((mi / oma1) / (Mathf.sqrt(vi / oma2) + eps)) * negLr;
    store<f32>(op + at, step + pi);
    store<f32>(om + at, mi);
    store<f32>(ov + at, vi);
  }
}
