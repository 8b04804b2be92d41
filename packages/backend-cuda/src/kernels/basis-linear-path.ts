// Which path KanBasisLinear (forward, dx and dW) takes on cuda, per call, from the shape and the precision: the
// fused SIMT kernels (basis-linear-source.ts: one launch, bound by host cost at small shapes) or the chunked
// vendor path (basis-linear-vendor.ts: the products through cuBLAS, bound by GEMM efficiency at large ones).
// The crossover constants are documented in the package README's table.

/** `auto` picks per call from the shape; `fused` and `vendor` force one path (for benches and tests). */
export type BasisLinearPath = 'auto' | 'fused' | 'vendor';

const PATHS: readonly BasisLinearPath[] = ['auto', 'fused', 'vendor'];

/** A call's shape: x [batch, inFeatures], W [inFeatures·size, outFeatures], size = K. */
export interface BasisLinearShape {
  readonly batch: number;
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly size: number;
}

/**
 * The least work (multiply-adds batch·in·K·out) for which `auto` takes the vendor path, fp32 and TF32.
 * Provisional (estimated from the issue-17 figures: at 1024 → 1024 @4096, K = 8, 2^35, cuBLAS is 1.4–1.8× the
 * fused kernels in fp32; at [784, 64] @1024, 2^28.6, the fused kernels win), until measured on the H200 with
 * tools/perf/cuda/vendor-path.mjs.
 */
export const VENDOR_MIN_WORK = { fp32: 2 ** 32, tf32: 2 ** 30 } as const;

/** The least batch and output width for which `auto` takes the vendor path (narrow GEMMs run far from peak). Provisional. */
export const VENDOR_MIN_BATCH = 256;
export const VENDOR_MIN_OUT = 128;

/**
 * The scratch buffer of one chunk, [batch, chunk·K] floats, is at most this many bytes (and holds at least one
 * input feature). Measured on the H200 (benchmarks/h200/probes/vendor-path-h200*.md): 64 MiB is faster than 16 MiB
 * at every large shape (4096 → 4096 @8192 Gaussian fp32: 45.1 against 50.8 ms forward), because each cuBLAS product
 * then has a longer reduction (chunk·K); 16 MiB left that case 4–8 % slower than the generic composition. The
 * peak added memory stays a tenth of the generic composition's (960 against 9088 MB there).
 */
export const VENDOR_CHUNK_BYTES = 64 * 2 ** 20;

let chosen: BasisLinearPath | undefined;
let chunkBytes = VENDOR_CHUNK_BYTES;

function parsePath(value: string, where: string): BasisLinearPath {
  if ((PATHS as readonly string[]).includes(value)) return value as BasisLinearPath;
  throw new Error(`cuda: ${where} must be one of ${PATHS.join(', ')}; got ${JSON.stringify(value)}.`);
}

/** The path in force: the last setBasisLinearPath, else $KANJS_CUDA_BASIS_LINEAR, else `auto`. */
export function basisLinearPath(): BasisLinearPath {
  chosen ??= parsePath(process.env['KANJS_CUDA_BASIS_LINEAR'] ?? 'auto', 'KANJS_CUDA_BASIS_LINEAR');
  return chosen;
}

/**
 * Forces KanBasisLinear's path on cuda (`fused` or `vendor`), or lets each call choose from its shape (`auto`, the
 * default). `chunkBytes` bounds the vendor path's scratch buffer (default VENDOR_CHUNK_BYTES).
 */
export function setBasisLinearPath(path: BasisLinearPath, options: { chunkBytes?: number } = {}): void {
  chosen = parsePath(path, 'setBasisLinearPath: the path');
  const bytes = options.chunkBytes ?? VENDOR_CHUNK_BYTES;
  if (!Number.isFinite(bytes) || bytes <= 0) throw new Error(`cuda: setBasisLinearPath: chunkBytes must be a positive number of bytes; got ${bytes}.`);
  chunkBytes = bytes;
}

/** The vendor path's scratch budget in bytes (see VENDOR_CHUNK_BYTES). */
export function vendorChunkBytes(): number {
  return chunkBytes;
}

/** The path `auto` takes for a shape and precision. */
export function autoBasisLinearPath(shape: BasisLinearShape, tf32: boolean): 'fused' | 'vendor' {
  const work = shape.batch * shape.inFeatures * shape.size * shape.outFeatures;
  const large = work >= (tf32 ? VENDOR_MIN_WORK.tf32 : VENDOR_MIN_WORK.fp32) && shape.batch >= VENDOR_MIN_BATCH && shape.outFeatures >= VENDOR_MIN_OUT;
  return large ? 'vendor' : 'fused';
}

/** The path one call takes: the forced one, or auto's choice. */
export function pathFor(shape: BasisLinearShape, tf32: boolean): 'fused' | 'vendor' {
  const path = basisLinearPath();
  return path === 'auto' ? autoBasisLinearPath(shape, tf32) : path;
}
