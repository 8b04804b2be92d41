import type * as tfl from '@tensorflow/tfjs-layers';
import { FastKANLayer, type KANLayerBase } from '@kanjs/kan-layers';
import { attributeTrace } from './attribution.js';
import type { Batch } from './data.js';
import { kanStages, nodeWidths, type Stage } from './stages.js';
import { subsetModel } from './subset.js';
import { traceModel } from './trace.js';

/** Options of `prune`; defaults are pykan's. */
export interface PruneOptions {
  /** Hidden nodes whose attribution score is not above this are removed. Default 1e-2. */
  readonly nodeThreshold?: number;
  /** Edges whose attribution score (after node pruning) is not above this are masked. Default 3e-2. */
  readonly edgeThreshold?: number;
}

/**
 * pykan's `prune`: removes the hidden nodes whose attribution score on `data` is ≤ nodeThreshold (a new, narrower
 * model with the weights copied), then masks the edges of the new model whose score is ≤ edgeThreshold. On the
 * data, the output then differs from the model's by exactly the removed edges' contributions.
 *
 * FastKAN layers with LayerNorm normalise over all their inputs, so removing one input would change every other
 * edge of that layer. A pruned node that feeds such a layer is therefore kept in the width (its incoming edges
 * too, so that the normalisation sees the same values) and only its outgoing edges are masked; for the same
 * reason no edge into such a node is masked by edgeThreshold. The output again changes by exactly the removed
 * edges' contributions. Nodes feeding KANLinear layers, or FastKAN layers without
 * LayerNorm, are removed.
 */
export function prune(model: tfl.LayersModel, data: Batch, options: PruneOptions = {}): tfl.Sequential {
  const nodeThreshold = options.nodeThreshold ?? 1e-2;
  const edgeThreshold = options.edgeThreshold ?? 3e-2;
  const trace = traceModel(model, data, 'prune');
  const scores = attributeTrace(trace).nodes;
  const widths = nodeWidths(trace.stages);
  const keep = widths.map((width, l) => {
    const all = Array.from({ length: width }, (_, j) => j);
    if (l === 0 || l === widths.length - 1 || feedsLayerNorm(trace.stages[l]!)) return all;
    return all.filter((j) => scores[l]![j]! > nodeThreshold);
  });
  const pruned = subsetModel(trace.stages, keep);
  const stages = kanStages(pruned, 'prune');
  stages.forEach(({ layer }, l) => {
    if (l === 0 || !feedsLayerNorm(stages[l]!)) return;
    keep[l]!.forEach((j, i) => {
      if (!(scores[l]![j]! > nodeThreshold)) for (let o = 0; o < layer.units; o++) removeEdge(layer, i, o);
    });
  });
  const edges = attributeTrace(traceModel(pruned, data, 'prune')).edges;
  stages.forEach(({ layer }, l) => {
    if (l + 1 < stages.length && feedsLayerNorm(stages[l + 1]!)) return; // its outputs feed LayerNorm: see above
    const mask = layer.edgeMask();
    const next = mask.map((m, n) => (edges[l]![n]! > edgeThreshold ? m : 0));
    if (next.some((m, n) => m !== mask[n])) layer.setEdgeMasks(next);
  });
  return pruned;
}

/** Options of `pruneInputs`. */
export interface PruneInputsOptions {
  /** Inputs whose attribution score is not above this are removed. Default 1e-2. */
  readonly threshold?: number;
  /** The inputs to keep, instead of choosing them by score. */
  readonly inputs?: readonly number[];
}

/** A model with fewer inputs and the input columns it reads, from the original model's inputs. */
export interface PrunedInputs {
  readonly model: tfl.Sequential;
  /** The original input indices the new model takes, in order. */
  readonly inputs: number[];
}

/**
 * pykan's `prune_input`: a new model without the inputs whose attribution score (pykan's `feature_score`) on
 * `data` is ≤ threshold, or with only `options.inputs`. Feed it `x[:, inputs]`. When the first layer is a
 * FastKAN layer with LayerNorm, inputs cannot be removed without changing the other edges (see `prune`): they
 * stay, and the pruned inputs' edges are masked instead (`inputs` then lists every input).
 */
export function pruneInputs(model: tfl.LayersModel, data: Batch, options: PruneInputsOptions = {}): PrunedInputs {
  const threshold = options.threshold ?? 1e-2;
  const trace = traceModel(model, data, 'pruneInputs');
  const widths = nodeWidths(trace.stages);
  const all = (width: number) => Array.from({ length: width }, (_, j) => j);
  let chosen: number[];
  if (options.inputs !== undefined) {
    chosen = [...options.inputs];
    const bad = chosen.find((i) => !Number.isInteger(i) || i < 0 || i >= widths[0]!);
    if (bad !== undefined || new Set(chosen).size !== chosen.length) {
      throw new Error(`pruneInputs: inputs must be distinct indices in [0, ${widths[0]}), got [${chosen.join(', ')}].`);
    }
  } else {
    const scores = attributeTrace(trace).nodes[0]!;
    chosen = all(widths[0]!).filter((i) => scores[i]! > threshold);
  }
  const coupled = feedsLayerNorm(trace.stages[0]!);
  const inputs = coupled ? all(widths[0]!) : chosen;
  const pruned = subsetModel(trace.stages, [inputs, ...widths.slice(1).map(all)]);
  if (coupled) {
    const layer = kanStages(pruned, 'pruneInputs')[0]!.layer;
    for (const i of inputs) if (!chosen.includes(i)) for (let o = 0; o < layer.units; o++) removeEdge(layer, i, o);
  }
  return { model: pruned, inputs };
}

/** Whether a stage's inputs feed a FastKAN layer with LayerNorm, which couples them. */
function feedsLayerNorm(stage: Stage): boolean {
  return stage.layer instanceof FastKANLayer && stage.layer.useLayerNorm;
}

/** Masks edge (i, o) off, numeric and symbolic parts both. */
function removeEdge(layer: KANLayerBase, i: number, o: number): void {
  if (layer.symbolicEdge(i, o) !== null) layer.unfixSymbolic(i, o);
  layer.setEdgeMask(i, o, 0);
}
