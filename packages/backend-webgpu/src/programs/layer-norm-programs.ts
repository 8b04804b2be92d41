// tfjs-backend-webgpu programs of the fused LayerNorm: a workgroup per row, or a thread per feature and piece of
// the rows (column sums, as partials [splits, n] that `sumPartials` adds).
import { columnKernel, rowKernel } from '../templates/layer-norm-wgsl.js';
import type { FusedProgram } from './runner.js';

/** A row kernel over x [rows, n]: one 256-thread workgroup per row. */
export class RowProgram implements FusedProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [1] };
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number] = [256, 1, 1];
  uniforms = 'epsilon : f32,';

  constructor(
    kind: string,
    variableNames: string[],
    outputShape: number[],
    rows: number,
    private readonly body: string,
  ) {
    this.shaderKey = `kanLayerNorm_${kind}`;
    this.variableNames = variableNames;
    this.outputShape = outputShape;
    this.dispatch = [rows, 1, 1];
  }

  getUserCode(): string {
    return rowKernel(this.body);
  }
}

/** Rows per piece of a column sum, at least; and at most this many pieces. */
const COLUMN_ROWS = 64;
const MAX_COLUMN_SPLITS = 256;

/**
 * Column sums over the rows: a thread per feature and piece of the rows, into partial sums [splits, n] that
 * `sumPartials` adds. One thread per feature alone left a [4096, 1024] gradient to 1024 threads (1.6 ms on
 * the H200); pieces of 64 rows give enough threads.
 */
export class ColumnProgram implements FusedProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number] = [64, 1, 1];
  uniforms = 'epsilon : f32, rowsPerSplit : i32,';
  readonly splits: number;
  readonly rowsPerSplit: number;

  constructor(kind: string, variableNames: string[], rows: number, n: number, private readonly body: string) {
    this.shaderKey = `kanLayerNorm_${kind}`;
    this.variableNames = variableNames;
    this.rowsPerSplit = Math.max(COLUMN_ROWS, Math.ceil(rows / MAX_COLUMN_SPLITS));
    this.splits = Math.max(1, Math.ceil(rows / this.rowsPerSplit));
    this.outputShape = [this.splits, n];
    this.dispatch = [Math.ceil((n * this.splits) / 64), 1, 1];
  }

  getUserCode(): string {
    return columnKernel(this.body);
  }
}
