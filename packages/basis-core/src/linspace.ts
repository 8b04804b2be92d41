/**
 * `torch.linspace(start, end, steps)` in float32, computed as PyTorch does, so that centres match fast-kan's
 * `rbf.grid` bit for bit: a float32 step, then start + step·i (or end − step·(steps − 1 − i) in the upper
 * half) rounded once, as a fused multiply-add does. Checked against PyTorch 2.11 in kan-layers' fixtures.
 */
export function torchLinspace(start: number, end: number, steps: number): Float32Array {
  const out = new Float32Array(steps);
  if (steps === 1) {
    out[0] = start;
    return out;
  }
  const f = Math.fround;
  const [a, b] = [f(start), f(end)];
  const step = f(f(b - a) / (steps - 1));
  const halfway = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) {
    out[i] = i < halfway ? f(a + step * i) : f(b - step * (steps - i - 1));
  }
  return out;
}
