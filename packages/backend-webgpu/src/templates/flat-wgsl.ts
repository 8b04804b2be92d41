// WGSL of a flat program: a grid-stride loop over n elements, each running a kernel's body.

/** `main(index)` running `body` for each i < n (`let i: u32` is defined); uniforms `n` and `stride`. */
export const flatKernel = (body: string) => `
fn main(index: i32) {
  let n = u32(uniforms.n);
  for (var i = u32(index); i < n; i += u32(uniforms.stride)) {
${body}
  }
}
`;
