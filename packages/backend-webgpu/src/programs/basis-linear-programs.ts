// tfjs-backend-webgpu programs for the three fused basis-linear kernels. Our sources (basis-linear-wgsl.ts)
// define `fn main()` and run with 16×16 workgroups.
import type { Basis } from '@kanjs/basis-core';
import { basisPrelude, featuresPerRowTile, featuresPerStep, forwardSource, gradInputSource, gradWeightSource } from '../templates/basis-linear-wgsl.js';
import type { FusedProgram, Layout } from './runner.js';

const stateNames = (count: number) => Array.from({ length: count }, (_, i) => `state${i}`);

/** A key that identifies the generated code of a basis: its config, width and state sizes. */
function basisKey(basis: Basis, stateSizes: readonly number[]): string {
  return `${JSON.stringify(basis.config)}|${basis.inFeatures}|${stateSizes.join(',')}`;
}

/**
 * How a kernel whose output alone gives `tiles` workgroups splits its reduction of `chunks` chunks: into at most
 * `maxSplits` pieces when the tiles are fewer than half of `minWorkgroups` (the partial sums cost a pass over
 * [splits, …output] after), else not at all.
 */
function splitReduction(tiles: number, chunks: number, maxSplits: number, minWorkgroups: number): { chunksPerSplit: number; splits: number } {
  const wanted = tiles >= minWorkgroups / 2 ? 1 : Math.max(1, Math.min(maxSplits, Math.ceil(minWorkgroups / tiles)));
  const chunksPerSplit = Math.max(1, Math.ceil(chunks / wanted));
  return { chunksPerSplit, splits: Math.max(1, Math.ceil(chunks / chunksPerSplit)) };
}

/** What the three programs share: the basis prelude, the shader key, 16×16 workgroups; the output is [z, y, x]. */
abstract class BasisProgram implements FusedProgram {
  outputShape: number[] = [];
  dispatchLayout: Layout = { x: [2], y: [1], z: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames: string[];
  abstract uniforms: string;
  shaderKey: string;
  workgroupSize: [number, number, number] = [16, 16, 1];
  protected readonly prelude: string;
  protected readonly size: number;

  /** `inputs`: the names of the inputs before the state tensors. */
  constructor(kind: string, basis: Basis, stateSizes: readonly number[], inputs: string[]) {
    this.size = basis.size;
    this.prelude = basisPrelude(basis, stateSizes);
    this.shaderKey = `kanBasisLinear_${kind}_${basisKey(basis, stateSizes)}`;
    this.variableNames = [...inputs, ...stateNames(stateSizes.length)];
  }

  abstract getUserCode(): string;
}

/** y (or its split-K partial sums [splits, batch, out]) from x [batch, in] and W [in·K, out]. */
export class ForwardProgram extends BasisProgram {
  uniforms = 'featuresPerSplit : i32, chunksPerSplit : i32,';
  readonly featuresPerSplit: number;
  readonly chunksPerSplit: number;

  constructor(basis: Basis, stateSizes: readonly number[], batch: number, out: number, minWorkgroups = 264) {
    super('forward', basis, stateSizes, ['x', 'w']);
    const ti = featuresPerStep(basis.size);
    const chunks = Math.ceil(basis.inFeatures / ti);
    // Split the reduction over the features when the output alone gives too few workgroups.
    const { chunksPerSplit, splits } = splitReduction(Math.ceil(batch / 128) * Math.ceil(out / 128), chunks, chunks, minWorkgroups);
    this.chunksPerSplit = chunksPerSplit;
    this.featuresPerSplit = chunksPerSplit * ti;
    this.outputShape = [splits, batch, out];
    this.dispatch = [Math.ceil(out / 128), Math.ceil(batch / 128), splits];
  }

  getUserCode(): string {
    return forwardSource(this.prelude, this.size);
  }
}

/** dW [in·K, out] from dy [batch, out] and x [batch, in]. */
export class GradWeightProgram extends BasisProgram {
  uniforms = 'chunksPerSplit : i32,';
  /** Chunks of 16 batch rows in all, and per piece of the split. */
  readonly batchChunks: number;
  readonly chunksPerSplit: number;

  constructor(basis: Basis, stateSizes: readonly number[], batch: number, out: number, minWorkgroups = 264) {
    super('gradWeight', basis, stateSizes, ['dy', 'x']);
    const rowTiles = Math.ceil(basis.inFeatures / featuresPerRowTile(basis.size));
    this.batchChunks = Math.ceil(batch / 16);
    // Few tiles (K = 1, the SiLU base branch: 64 at 1024 → 1024) leave most of the GPU idle: split the batch
    // (pieces of at least 8 chunks) into partial dW [splits, in·K, out], summed after.
    const { chunksPerSplit, splits } = splitReduction(Math.ceil(out / 128) * rowTiles, this.batchChunks, Math.floor(this.batchChunks / 8), minWorkgroups);
    this.chunksPerSplit = chunksPerSplit;
    this.outputShape = [splits, basis.inFeatures * basis.size, out];
    this.dispatch = [Math.ceil(out / 128), rowTiles, splits];
  }

  getUserCode(): string {
    return gradWeightSource(this.prelude, this.size);
  }
}

/** dx [batch, in] from dy [batch, out], x [batch, in] and W [in·K, out]. */
export class GradInputProgram extends BasisProgram {
  override dispatchLayout: Layout = { x: [1], y: [0] };
  uniforms = 'outChunks : i32,';

  constructor(basis: Basis, stateSizes: readonly number[], batch: number) {
    super('gradInput', basis, stateSizes, ['dy', 'x', 'w']);
    this.outputShape = [batch, basis.inFeatures];
    this.dispatch = [Math.ceil(basis.inFeatures / featuresPerRowTile(basis.size)), Math.ceil(batch / 128), 1];
  }

  getUserCode(): string {
    return gradInputSource(this.prelude, this.size);
  }
}
