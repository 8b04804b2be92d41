// WGSL sources of the fused basis-linear kernels, instantiated with a basis's snippet. Each is a tiled matrix
// product in which one operand is computed from x by the basis inside the workgroup, so the [batch, in·K]
// basis tensor never exists in global memory:
//
//   forward     y  [batch, out]  = B(x) [batch, in·K] · W [in·K, out]
//   gradWeight  dW [in·K, out]   = B(x)ᵀ [in·K, batch] · dy [batch, out]
//   gradInput   dx [batch, in]   = Σₖ B'(x)ₖ ⊙ (dy [batch, out] · Wᵀ [out, in·K])
//
// 16×16 threads per workgroup. Each computes a 128×128 tile of its product, 8×8 per thread (two 4×4 blocks 64
// apart, read from workgroup memory as vec4), over reductions of up to 16 per step; gradInput then contracts
// its tile of dy·Wᵀ with B'(x) through workgroup memory.
//
// Every read of an input goes through f32(): tfjs-webgpu casts int32 to float32 by relabelling the tensor, so a
// float32 input may still be stored as i32.
import type { Basis } from '@kanjs/basis-core';
import { wgslDeclarations } from '@kanjs/kernels';

/** Features per forward reduction step: as many whole features as fit in 16. */
export function featuresPerStep(size: number): number {
  return Math.max(1, Math.floor(16 / size));
}

/** Features per gradWeight row tile: as many whole features as fit in 128 rows. */
export function featuresPerRowTile(size: number): number {
  return Math.floor(128 / size);
}

/**
 * The basis prelude: KAN_K and the snippet's constants, `kan_state` over the state inputs (`state0`, `state1`,
 * … of the given sizes, read as one concatenated array), and the snippet itself.
 */
export function basisPrelude(basis: Basis, stateSizes: readonly number[]): string {
  let offset = 0;
  const reads = stateSizes.map((size, i) => {
    const line = i === stateSizes.length - 1 ? `return f32(state${i}[index - ${offset}u]);` : `if (index < ${offset + size}u) { return f32(state${i}[index - ${offset}u]); }`;
    offset += size;
    return line;
  });
  return [wgslDeclarations(basis), `fn kan_state(index: u32) -> f32 {`, ...(reads.length === 0 ? ['return 0.0;'] : reads), `}`, basis.kernels!.wgsl!].join('\n');
}

/** The 8×8-per-thread product step shared by forward and gradWeight: As [BR][128] and Bs [BR][128] as vec4. */
const PRODUCT_STEP = `
    for (var r = 0u; r < BR; r++) {
      let a0 = As[r * 32u + ty];
      let a1 = As[r * 32u + 16u + ty];
      let b0 = Bs[r * 32u + tx];
      let b1 = Bs[r * 32u + 16u + tx];
${['a0.x', 'a0.y', 'a0.z', 'a0.w', 'a1.x', 'a1.y', 'a1.z', 'a1.w']
  .map((a, i) => `      acc[${2 * i}] = fma(vec4<f32>(${a}), b0, acc[${2 * i}]);\n      acc[${2 * i + 1}] = fma(vec4<f32>(${a}), b1, acc[${2 * i + 1}]);`)
  .join('\n')}
    }`;

/** Code for each n in 0..count−1, joined by lines: loops unrolled where they index the accumulators, so that
 * the accumulators stay in registers (an array indexed by a loop variable is placed in memory). */
function unrolled(count: number, line: (n: number) => string): string {
  return Array.from({ length: count }, (_, n) => line(n)).join('\n');
}

/** The 8×8 stores of a thread's accumulators, unrolled; `prefix` binds the row from ROW, `col` is bound here. */
function unrolledStores(condition: string, index: string, prefix: string): string {
  return unrolled(64, (n) => {
    const [i, j] = [Math.floor(n / 8), n % 8];
    return `  {
    ${prefix.replace('ROW', `tileRow(ty, ${i}u)`)}
    let col = colBase + tileCol(tx, ${j}u);
    if (${condition}) { result[${index}] = acc[${2 * i + Math.floor(j / 4)}].${'xyzw'[j % 4]}; }
  }`;
  });
}

/** The start of `main` in every kernel: the sizes (outF from `outName`'s shape) and the thread's indices. */
const mainPrologue = (outName: string) => `fn main() {
  let batch = u32(uniforms.xShape.x);
  let inF = u32(uniforms.xShape.y);
  let outF = u32(uniforms.${outName}Shape.y);
  let tid = localIndex;
  let tx = localId.x;
  let ty = localId.y;`;

/** Row (0..127) of the i-th of a thread's 8 rows, and column of its j-th of 8 columns. */
const THREAD_LAYOUT = `
fn tileRow(ty: u32, i: u32) -> u32 { return select(64u + ty * 4u + i - 4u, ty * 4u + i, i < 4u); }
fn tileCol(tx: u32, j: u32) -> u32 { return select(64u + tx * 4u + j - 4u, tx * 4u + j, j < 4u); }`;

/** Reads the 4 floats of W or dy at base .. base+3 (columns col .. col+3, masked at the right edge) as one vec4. */
const LOAD4 = (array: string) => `
fn load4_${array}(base: u32, col: u32, width: u32) -> vec4<f32> {
  if (col + 3u < width) {
    return vec4<f32>(f32(${array}[base]), f32(${array}[base + 1u]), f32(${array}[base + 2u]), f32(${array}[base + 3u]));
  }
  var v = vec4<f32>();
  for (var j = 0u; j < 4u; j++) {
    if (col + j < width) { v[j] = f32(${array}[base + j]); }
  }
  return v;
}`;

/**
 * Forward. With split-K (`workgroupId.z`), each split covers `featuresPerSplit` input features and writes its
 * partial sum at result[split, b, o]; the caller sums the splits.
 */
export function forwardSource(prelude: string, size: number): string {
  const ti = featuresPerStep(size);
  return `
${prelude}
${THREAD_LAYOUT}
${LOAD4('w')}
const TI = ${ti}u;
const BR = ${ti * size}u;
var<workgroup> As: array<vec4<f32>, 512>; // [BR][128 rows]: basis values, rows m = batch
var<workgroup> Bs: array<vec4<f32>, 512>; // [BR][128 cols]: weight rows

${mainPrologue('w')}
  let rowBase = workgroupId.y * 128u;
  let colBase = workgroupId.x * 128u;
  let featStart = workgroupId.z * u32(uniforms.featuresPerSplit);
  let featEnd = min(inF, featStart + u32(uniforms.featuresPerSplit));
  var acc: array<vec4<f32>, 16>;
  for (var t = 0u; t < u32(uniforms.chunksPerSplit); t++) {
    let i0 = featStart + t * TI;
    for (var s = tid; s < 128u * TI; s += 256u) {
      let f = s % TI;
      let m = s / TI;
      let row = rowBase + m;
      let feat = i0 + f;
      var values: array<f32, KAN_K>;
      if (row < batch && feat < featEnd) {
        kan_basis(f32(x[row * inF + feat]), feat, &values);
      }
${unrolled(size, (k) => `      As[(f * KAN_K + ${k}u) * 32u + m / 4u][m % 4u] = values[${k}];`)}
    }
    for (var s = tid; s < BR * 32u; s += 256u) {
      let r = s / 32u;
      let col = colBase + (s % 32u) * 4u;
      var v = vec4<f32>();
      if (i0 + r / KAN_K < featEnd) {
        v = load4_w((i0 * KAN_K + r) * outF + col, col, outF);
      }
      Bs[s] = v;
    }
    workgroupBarrier();
${PRODUCT_STEP}
    workgroupBarrier();
  }
${unrolledStores('row < batch && col < outF', '(workgroupId.z * batch + row) * outF + col', 'let row = rowBase + ROW;')}
}
`;
}

/** dW: rows are whole features × K (up to 128), columns 128 outputs, reduced over the batch 16 at a time. */
export function gradWeightSource(prelude: string, size: number): string {
  const tiw = featuresPerRowTile(size);
  return `
${prelude}
${THREAD_LAYOUT}
${LOAD4('dy')}
const TIW = ${tiw}u;
const BR = 16u;
var<workgroup> As: array<vec4<f32>, 512>; // [BR batch][128 rows m = f·K + k]: basis values
var<workgroup> Bs: array<vec4<f32>, 512>; // [BR batch][128 cols]: dy

${mainPrologue('dy')}
  let i0 = workgroupId.y * TIW;
  let colBase = workgroupId.x * 128u;
  var acc: array<vec4<f32>, 16>;
  // This workgroup's piece of the batch (workgroupId.z of the split): rows [bBegin, bEnd), in chunks of BR. The
  // loop runs a uniform count (workgroupBarrier needs uniform control flow); rows past bEnd are masked.
  let bBegin = workgroupId.z * u32(uniforms.chunksPerSplit) * BR;
  let bEnd = min(batch, bBegin + u32(uniforms.chunksPerSplit) * BR);
  for (var t = 0u; t < u32(uniforms.chunksPerSplit); t++) {
    let b0 = bBegin + t * BR;
    for (var s = tid; s < BR * TIW; s += 256u) {
      let f = s % TIW;
      let r = s / TIW;
      let feat = i0 + f;
      var values: array<f32, KAN_K>;
      if (b0 + r < bEnd && feat < inF) {
        kan_basis(f32(x[(b0 + r) * inF + feat]), feat, &values);
      }
${unrolled(size, (k) => `      As[r * 32u + (f * KAN_K + ${k}u) / 4u][(f * KAN_K + ${k}u) % 4u] = values[${k}];`)}
    }
    for (var s = tid; s < BR * 32u; s += 256u) {
      let r = s / 32u;
      let col = colBase + (s % 32u) * 4u;
      var v = vec4<f32>();
      if (b0 + r < bEnd) {
        v = load4_dy((b0 + r) * outF + col, col, outF);
      }
      Bs[s] = v;
    }
    workgroupBarrier();
${PRODUCT_STEP}
    workgroupBarrier();
  }
${unrolledStores('m < TIW * KAN_K && i0 + m / KAN_K < inF && col < outF', 'workgroupId.z * inF * KAN_K * outF + (i0 * KAN_K + m) * outF + col', 'let m = ROW;')}
}
`;
}

/**
 * dx: G = dy · Wᵀ for 128 batch rows × 128 columns r = f·K + k (⌊128/K⌋ whole features), by the same product step
 * as forward and gradWeight (dy and W transposed into workgroup memory, 16 outputs per step); then G goes
 * through workgroup memory (the product's arrays, 32 rows at a time) and dx[b, i] = Σₖ B'ₖ(x[b, i]) · G[b, f·K + k].
 */
export function gradInputSource(prelude: string, size: number): string {
  const ft = featuresPerRowTile(size);
  return `
${prelude}
${THREAD_LAYOUT}
const FT = ${ft}u;
const BR = 16u;
var<workgroup> As: array<vec4<f32>, 512>; // [BR outputs][128 rows b]: dy, transposed; later G rows 0..15
var<workgroup> Bs: array<vec4<f32>, 512>; // [BR outputs][128 cols r]: W, transposed; later G rows 16..31

fn gStore(row: u32, quad: u32, v: vec4<f32>) {
  if (row < 16u) { As[row * 32u + quad] = v; } else { Bs[(row - 16u) * 32u + quad] = v; }
}
fn gLoad(row: u32, col: u32) -> f32 {
  if (row < 16u) { return As[row * 32u + col / 4u][col % 4u]; }
  return Bs[(row - 16u) * 32u + col / 4u][col % 4u];
}

${mainPrologue('dy')}
  let i0 = workgroupId.x * FT;
  let rowBase = workgroupId.y * 128u;
  var acc: array<vec4<f32>, 16>;
  for (var t = 0u; t < u32(uniforms.outChunks); t++) {
    let o0 = t * BR;
    for (var s = tid; s < BR * 128u; s += 256u) {
      let r = s % BR;
      let m = s / BR;
      var v = 0.0;
      if (rowBase + m < batch && o0 + r < outF) {
        v = f32(dy[(rowBase + m) * outF + o0 + r]);
      }
      As[r * 32u + m / 4u][m % 4u] = v;
      var u = 0.0;
      if (m < FT * KAN_K && i0 + m / KAN_K < inF && o0 + r < outF) {
        u = f32(w[(i0 * KAN_K + m) * outF + o0 + r]);
      }
      Bs[r * 32u + m / 4u][m % 4u] = u;
    }
    workgroupBarrier();
${PRODUCT_STEP}
    workgroupBarrier();
  }
  for (var quarter = 0u; quarter < 4u; quarter++) {
${unrolled(8, (i) => `    {
      let row = tileRow(ty, ${i}u);
      if (row / 32u == quarter) {
        gStore(row % 32u, tx, acc[${2 * i}]);
        gStore(row % 32u, 16u + tx, acc[${2 * i + 1}]);
      }
    }`)}
    workgroupBarrier();
    for (var s = tid; s < 32u * FT; s += 256u) {
      let m = s / FT;
      let f = s % FT;
      let row = rowBase + quarter * 32u + m;
      let feat = i0 + f;
      if (row < batch && feat < inF) {
        var derivs: array<f32, KAN_K>;
        kan_basis_deriv(f32(x[row * inF + feat]), feat, &derivs);
        var total = 0.0;
        for (var k = 0u; k < KAN_K; k++) { total = fma(derivs[k], gLoad(m, f * KAN_K + k), total); }
        result[row * inF + feat] = total;
      }
    }
    workgroupBarrier();
  }
}
`;
}
