// WGSL sources of the fused basis-linear kernels, instantiated with a basis's snippet. The [batch, in·K] basis
// tensor never exists in global memory: each workgroup computes the basis values it needs into workgroup
// memory, as the A-tile of a tiled matrix product.
import { wgslDeclarations, type Basis } from '@kanjs/basis-core';

/** Columns of the A-tile: TI whole features of K basis values each, at most 32. */
export const MAX_TILE_COLUMNS = 32;

/** Features per A-tile: as many whole features as fit in 32 columns. */
export function featuresPerTile(size: number): number {
  return Math.max(1, Math.floor(MAX_TILE_COLUMNS / size));
}

/** Whether the fused kernels can take this basis: a WGSL snippet and K ≤ 32. */
export function supportsBasis(basis: Basis): boolean {
  return basis.kernels?.wgsl !== undefined && basis.size <= MAX_TILE_COLUMNS;
}

/**
 * The basis prelude: KAN_K, the snippet's constants, `kan_state` over the state inputs (`state0`, `state1`, …
 * of the given sizes, as one concatenated array), and the snippet itself.
 */
export function basisPrelude(basis: Basis, stateSizes: readonly number[]): string {
  let offset = 0;
  const reads = stateSizes.map((size, i) => {
    const line = i === stateSizes.length - 1 ? `return state${i}[index - ${offset}u];` : `if (index < ${offset + size}u) { return state${i}[index - ${offset}u]; }`;
    offset += size;
    return line;
  });
  return [
    wgslDeclarations(basis),
    `fn kan_state(index: u32) -> f32 {`,
    ...(reads.length === 0 ? ['return 0.0;'] : reads),
    `}`,
    basis.kernels!.wgsl!,
  ].join('\n');
}

/**
 * Forward, y = flatten(B(x)) · W, as a 64×64-tiled product (16×16 threads, 4×4 outputs each). With split-K
 * (`workgroupId.z`), each split covers `featuresPerSplit` input features and writes its partial sum at
 * result[split, b, o]; the caller sums the splits.
 */
export function forwardSource(prelude: string, ti: number): string {
  return `
${prelude}
const TM = 64u;
const TN = 64u;
const TI = ${ti}u;
const KT = TI * KAN_K;
var<workgroup> tileA: array<f32, ${64 * 32}>; // [TM][KT]: basis values of TM rows × TI features
var<workgroup> tileW: array<f32, ${32 * 64}>; // [KT][TN]: weight rows of those features

fn main() {
  let batch = u32(uniforms.xShape.x);
  let inF = u32(uniforms.xShape.y);
  let outF = u32(uniforms.wShape.y);
  let tid = localIndex;
  let tx = localId.x;
  let ty = localId.y;
  let rowBase = workgroupId.y * TM;
  let colBase = workgroupId.x * TN;
  let featStart = workgroupId.z * u32(uniforms.featuresPerSplit);
  let featEnd = min(inF, featStart + u32(uniforms.featuresPerSplit));
  var acc: array<vec4<f32>, 4>;
  for (var t = 0u; t < u32(uniforms.chunksPerSplit); t++) {
    let i0 = featStart + t * TI;
    for (var s = tid; s < TM * TI; s += 256u) {
      let r = s / TI;
      let f = s % TI;
      let row = rowBase + r;
      let feat = i0 + f;
      var values: array<f32, KAN_K>;
      if (row < batch && feat < featEnd) {
        kan_basis(x[row * inF + feat], feat, &values);
      }
      for (var k = 0u; k < KAN_K; k++) {
        tileA[r * KT + f * KAN_K + k] = values[k];
      }
    }
    for (var s = tid; s < KT * TN; s += 256u) {
      let kk = s / TN;
      let c = s % TN;
      let col = colBase + c;
      var v = 0.0;
      if (i0 + kk / KAN_K < featEnd && col < outF) {
        v = w[(i0 * KAN_K + kk) * outF + col];
      }
      tileW[s] = v;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < KT; kk++) {
      let wv = vec4<f32>(tileW[kk * TN + tx * 4u], tileW[kk * TN + tx * 4u + 1u], tileW[kk * TN + tx * 4u + 2u], tileW[kk * TN + tx * 4u + 3u]);
      for (var m = 0u; m < 4u; m++) {
        acc[m] = fma(vec4<f32>(tileA[(ty * 4u + m) * KT + kk]), wv, acc[m]);
      }
    }
    workgroupBarrier();
  }
  for (var m = 0u; m < 4u; m++) {
    let row = rowBase + ty * 4u + m;
    for (var n = 0u; n < 4u; n++) {
      let col = colBase + tx * 4u + n;
      if (row < batch && col < outF) {
        result[(workgroupId.z * batch + row) * outF + col] = acc[m][n];
      }
    }
  }
}
`;
}

/**
 * dW [in·K, out] = Σ_b B(x[b, i])ₖ · dy[b, o]: rows are TI features × K, columns 64 outputs, reduced over the
 * batch in chunks of 32 (16×16 threads; each thread 2 rows × 4 columns).
 */
export function gradWeightSource(prelude: string, ti: number): string {
  return `
${prelude}
const TB = 32u;
const TN = 64u;
const TI = ${ti}u;
const KT = TI * KAN_K;
var<workgroup> tileA: array<f32, ${32 * 32}>; // [TB][KT]
var<workgroup> tileD: array<f32, ${32 * 64}>; // [TB][TN]

fn main() {
  let batch = u32(uniforms.xShape.x);
  let inF = u32(uniforms.xShape.y);
  let outF = u32(uniforms.dyShape.y);
  let tid = localIndex;
  let tx = localId.x;
  let ty = localId.y;
  let i0 = workgroupId.y * TI;
  let colBase = workgroupId.x * TN;
  var acc: array<vec4<f32>, 2>;
  for (var t = 0u; t < u32(uniforms.batchChunks); t++) {
    let b0 = t * TB;
    for (var s = tid; s < TB * TI; s += 256u) {
      let r = s / TI;
      let f = s % TI;
      let row = b0 + r;
      let feat = i0 + f;
      var values: array<f32, KAN_K>;
      if (row < batch && feat < inF) {
        kan_basis(x[row * inF + feat], feat, &values);
      }
      for (var k = 0u; k < KAN_K; k++) {
        tileA[r * KT + f * KAN_K + k] = values[k];
      }
    }
    for (var s = tid; s < TB * TN; s += 256u) {
      let r = s / TN;
      let c = s % TN;
      var v = 0.0;
      if (b0 + r < batch && colBase + c < outF) {
        v = dy[(b0 + r) * outF + colBase + c];
      }
      tileD[s] = v;
    }
    workgroupBarrier();
    for (var b = 0u; b < TB; b++) {
      let d = vec4<f32>(tileD[b * TN + tx * 4u], tileD[b * TN + tx * 4u + 1u], tileD[b * TN + tx * 4u + 2u], tileD[b * TN + tx * 4u + 3u]);
      for (var r = 0u; r < 2u; r++) {
        let kk = ty * 2u + r;
        if (kk < KT) {
          acc[r] = fma(vec4<f32>(tileA[b * KT + kk]), d, acc[r]);
        }
      }
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < 2u; r++) {
    let kk = ty * 2u + r;
    for (var n = 0u; n < 4u; n++) {
      let col = colBase + tx * 4u + n;
      if (kk < KT && i0 + kk / KAN_K < inF && col < outF) {
        result[(i0 * KAN_K + kk) * outF + col] = acc[r][n];
      }
    }
  }
}
`;
}

/**
 * dx [batch, in] = Σₖ B'ₖ(x[b, i]) · (dy · Wᵀ)[b, i·K + k]: a 64-row × (TI·K)-column tile of dy·Wᵀ is reduced
 * over the outputs in chunks of 32 into registers (4×2 per thread), staged in workgroup memory, and
 * contracted with the basis derivatives there, so neither dy·Wᵀ nor B' reaches global memory.
 */
export function gradInputSource(prelude: string, ti: number): string {
  return `
${prelude}
const TM = 64u;
const TO = 32u;
const TI = ${ti}u;
const KT = TI * KAN_K;
var<workgroup> tileD: array<f32, ${64 * 32}>; // [TM][TO] dy, then [TM][KT] (dy·Wᵀ)
var<workgroup> tileW: array<f32, ${32 * 32}>; // [TO][KT] Wᵀ

fn main() {
  let batch = u32(uniforms.xShape.x);
  let inF = u32(uniforms.xShape.y);
  let outF = u32(uniforms.dyShape.y);
  let tid = localIndex;
  let tx = localId.x;
  let ty = localId.y;
  let i0 = workgroupId.x * TI;
  let rowBase = workgroupId.y * TM;
  var acc: array<vec2<f32>, 4>;
  for (var t = 0u; t < u32(uniforms.outChunks); t++) {
    let o0 = t * TO;
    for (var s = tid; s < TM * TO; s += 256u) {
      let r = s / TO;
      let c = s % TO;
      var v = 0.0;
      if (rowBase + r < batch && o0 + c < outF) {
        v = dy[(rowBase + r) * outF + o0 + c];
      }
      tileD[s] = v;
    }
    for (var s = tid; s < TO * KT; s += 256u) {
      let o = s / KT;
      let kk = s % KT;
      var v = 0.0;
      if (o0 + o < outF && i0 + kk / KAN_K < inF) {
        v = w[(i0 * KAN_K + kk) * outF + o0 + o];
      }
      tileW[s] = v;
    }
    workgroupBarrier();
    for (var o = 0u; o < TO; o++) {
      let wv = vec2<f32>(tileW[o * KT + tx * 2u], tileW[o * KT + min(tx * 2u + 1u, KT - 1u)]);
      for (var m = 0u; m < 4u; m++) {
        acc[m] = fma(vec2<f32>(tileD[(ty * 4u + m) * TO + o]), wv, acc[m]);
      }
    }
    workgroupBarrier();
  }
  for (var m = 0u; m < 4u; m++) {
    for (var c = 0u; c < 2u; c++) {
      let kk = tx * 2u + c;
      if (kk < KT) {
        tileD[(ty * 4u + m) * KT + kk] = acc[m][c];
      }
    }
  }
  workgroupBarrier();
  for (var s = tid; s < TM * TI; s += 256u) {
    let r = s / TI;
    let f = s % TI;
    let row = rowBase + r;
    let feat = i0 + f;
    if (row < batch && feat < inF) {
      var derivs: array<f32, KAN_K>;
      kan_basis_deriv(x[row * inF + feat], feat, &derivs);
      var sum = 0.0;
      for (var k = 0u; k < KAN_K; k++) {
        sum = fma(derivs[k], tileD[r * KT + f * KAN_K + k], sum);
      }
      result[row * inF + feat] = sum;
    }
  }
}
`;
}
