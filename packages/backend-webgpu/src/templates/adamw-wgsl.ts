// WGSL of the fused AdamW step, the bodies of the flat programs per variable: its new p, m and v in one program
// with three outputs (ADAMW_STEP, after ADAMW_ACC has put β₁ᵗ and β₂ᵗ in one tensor), or in three programs of one
// output each, which recompute the moments they need. The arithmetic is the composition's, operation for operation in float32:
//
//     p ← p·decay;  m ← m·β₁ + g·(1 − β₁);  v ← v·β₂ + g²·(1 − β₂)
//     p ← (m/(1 − β₁ᵗ)) / (√(v/(1 − β₂ᵗ)) + ε) · (−lr) + p

const MOMENT_M = 'let m = f32(m0[i]) * uniforms.b1 + f32(g[i]) * uniforms.omb1;';
const MOMENT_V = 'let v = f32(v0[i]) * uniforms.b2 + (f32(g[i]) * f32(g[i])) * uniforms.omb2;';

/** The uniforms of all three, in this order: β₁, 1 − β₁, β₂, 1 − β₂, ε, −lr, the variable's decay. */
export const ADAMW_UNIFORMS = 'b1 : f32, omb1 : f32, b2 : f32, omb2 : f32, eps : f32, negLr : f32, decay : f32,';

/** m′ from inputs [g, m0]. */
export const ADAMW_M = `    ${MOMENT_M}\n    result[i] = m;`;

/** v′ from inputs [g, v0]. */
export const ADAMW_V = `    ${MOMENT_V}\n    result[i] = v;`;

/** acc [β₁ᵗ, β₂ᵗ] from inputs [acc1, acc2] (n = 1). */
export const ADAMW_ACC = '    acc[0] = f32(acc1[0]);\n    acc[1] = f32(acc2[0]);';

/** p′, m′ and v′ (outputs pOut, mOut, vOut) from inputs [acc, p0, g, m0, v0]. */
export const ADAMW_STEP = `
    ${MOMENT_M}
    ${MOMENT_V}
    let step = ((m / (1.0 - acc[0])) / (sqrt(v / (1.0 - acc[1])) + uniforms.eps)) * uniforms.negLr;
    pOut[i] = step + f32(p0[i]) * uniforms.decay;
    mOut[i] = m;
    vOut[i] = v;`;

/** The uniform fields of the directly dispatched programs (runDirect), in ADAMW_UNIFORMS order. */
export const ADAMW_UNIFORM_FIELDS = ['b1 : f32,', 'omb1 : f32,', 'b2 : f32,', 'omb2 : f32,', 'eps : f32,', 'negLr : f32,', 'decay : f32,'];

/** p′ from inputs [acc1, acc2, p0, g, m0, v0] (acc1, acc2: β₁ᵗ and β₂ᵗ). */
export const ADAMW_P = `
    ${MOMENT_M}
    ${MOMENT_V}
    let step = ((m / (1.0 - f32(acc1[0]))) / (sqrt(v / (1.0 - f32(acc2[0]))) + uniforms.eps)) * uniforms.negLr;
    result[i] = step + f32(p0[i]) * uniforms.decay;`;
