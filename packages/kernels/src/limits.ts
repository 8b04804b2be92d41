// The largest basis size K each GPU backend's fused basis-linear kernels take; a larger basis runs the generic
// composition (`evaluate` + `matMul`) there.

/**
 * The largest K per backend. cuda: a dW or dx tile of 128 rows holds at least one feature's K values, twice
 * (128/K ≥ 2). webgpu: the register and workgroup-memory budget of its 16×16 workgroups.
 */
export const MAX_FUSED_K = { cuda: 64, webgpu: 16 } as const;
