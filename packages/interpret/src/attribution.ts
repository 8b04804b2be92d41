import type * as tfl from '@tensorflow/tfjs-layers';
import type { Batch } from './data.js';
import { nodeCount, subnodesOf } from './stages.js';
import { std, traceModel, type ModelTrace } from './trace.js';

/** pykan's attribution scores of a model on a batch. */
export interface Attribution {
  /** Node scores per node layer: `nodes[0]` the inputs (pykan `feature_score`), `nodes[L]` the outputs. */
  readonly nodes: readonly Float64Array[];
  /** Subnode scores per KAN layer, [out] (the KAN layer's outputs, before mult nodes). */
  readonly subnodes: readonly Float64Array[];
  /** Edge scores per KAN layer, [in, out] row-major (pykan's `edge_scores[l]` transposed). */
  readonly edges: readonly Float64Array[];
}

/**
 * pykan's `attribute()`: scores that flow back from the outputs to every edge, node and input. For layer l with
 * edge outputs φ_{l,i,j} and subnode sums s_{l,j} = Σᵢ φ_{l,i,j} on the batch, let
 *
 *     E_{l,i,j} = std(φ_{l,i,j}),   S_{l,j} = std(s_{l,j})     (over the batch, unbiased)
 *
 * Starting from the identity at the outputs (one score row per output k), a node's score goes to its subnodes
 * (a mult node's to each of its `multArity` subnodes), then
 *
 *     edge_{l,k,i,j} = E_{l,i,j} · subnode_{l,k,j} / (S_{l,j} + 1e-4),   node_{l,k,i} = Σⱼ edge_{l,k,i,j}
 *
 * and every score is the mean over the outputs k. The input scores `nodes[0]` are pykan's `feature_score`.
 */
export function attribute(model: tfl.LayersModel, data: Batch): Attribution {
  return attributeTrace(traceModel(model, data, 'attribute'));
}

/** The input scores alone (pykan's `feature_score`), [in]. */
export function featureScore(model: tfl.LayersModel, data: Batch): Float64Array {
  return attribute(model, data).nodes[0]!;
}

/** `attribute` on a recorded forward pass. */
export function attributeTrace(trace: ModelTrace): Attribution {
  const { batch, stages, layers } = trace;
  const depth = stages.length;
  const outputs = nodeCount(stages[depth - 1]!);
  // Score matrices [outputs k, width], row-major, from the outputs down.
  let node = new Float64Array(outputs * outputs);
  for (let k = 0; k < outputs; k++) node[k * outputs + k] = 1;
  const nodes: Float64Array[] = [meanRows(node, outputs, outputs)];
  const subnodes: Float64Array[] = [];
  const edges: Float64Array[] = [];
  for (let l = depth - 1; l >= 0; l--) {
    const stage = stages[l]!;
    const { inFeatures: n, outFeatures: m, edges: acts, outputs: sums } = layers[l]!;
    const width = nodeCount(stage);
    const subnode = new Float64Array(outputs * m);
    for (let j = 0; j < width; j++) {
      for (const s of subnodesOf(stage, j)) for (let k = 0; k < outputs; k++) subnode[k * m + s] = node[k * width + j]!;
    }
    const edge = new Float64Array(outputs * n * m);
    const below = new Float64Array(outputs * n);
    for (let j = 0; j < m; j++) {
      const scale = 1 / (std(sums, batch, j, m) + 1e-4);
      for (let i = 0; i < n; i++) {
        const e = std(acts, batch, i * m + j, n * m) * scale;
        for (let k = 0; k < outputs; k++) {
          const score = e * subnode[k * m + j]!;
          edge[(k * n + i) * m + j] = score;
          below[k * n + i]! += score;
        }
      }
    }
    subnodes.unshift(meanRows(subnode, outputs, m));
    edges.unshift(meanRows(edge, outputs, n * m));
    node = below;
    nodes.unshift(meanRows(node, outputs, n));
  }
  return { nodes, subnodes, edges };
}

/** The mean over the rows of a row-major [rows, width] array. */
function meanRows(values: Float64Array, rows: number, width: number): Float64Array {
  const mean = new Float64Array(width);
  for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) mean[c]! += values[r * width + c]! / rows;
  return mean;
}
