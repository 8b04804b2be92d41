import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { batchTensor, type Batch } from './data.js';
import { kanStages, type Stage } from './stages.js';

/** What one KAN layer saw and did on a batch (pykan's `acts`, `spline_postacts` and the pre-subnode sums). */
export interface LayerTrace {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** The layer's input, [batch, in] (pykan `acts[l]`). */
  readonly inputs: Float64Array;
  /** Every edge's output, [batch, in, out] (pykan `spline_postacts[l]`, which is [batch, out, in]). */
  readonly edges: Float64Array;
  /** The layer's output before any KANNodes affine, [batch, out]. */
  readonly outputs: Float64Array;
}

/** A forward pass of a KAN model on a batch, read back as float64. */
export interface ModelTrace {
  readonly batch: number;
  readonly stages: readonly Stage[];
  readonly layers: readonly LayerTrace[];
}

/** Runs the batch through the model, recording every KAN layer's inputs, edge outputs and outputs. */
export function traceModel(model: tfl.LayersModel, data: Batch, caller = 'traceModel'): ModelTrace {
  const stages = kanStages(model, caller);
  const x = batchTensor(data, stages[0]!.layer.inFeatures, caller);
  const batch = x.shape[0];
  let h: tf.Tensor2D = x;
  const layers = stages.map(({ layer, nodes }) => {
    const [edges, outputs] = tf.tidy(() => [layer.edgeActivations(h), layer.apply(h) as tf.Tensor2D] as const);
    const trace: LayerTrace = {
      inFeatures: layer.inFeatures,
      outFeatures: layer.units,
      inputs: Float64Array.from(h.dataSync()),
      edges: Float64Array.from(edges.dataSync()),
      outputs: Float64Array.from(outputs.dataSync()),
    };
    h.dispose();
    edges.dispose();
    h = nodes === null ? outputs : tf.tidy(() => nodes.apply(outputs) as tf.Tensor2D);
    if (nodes !== null) outputs.dispose();
    return trace;
  });
  h.dispose();
  return { batch, stages, layers };
}

/** Column `column` of a row-major [batch, width] array. */
export function column(values: Float64Array, batch: number, width: number, index: number): Float64Array {
  const out = new Float64Array(batch);
  for (let b = 0; b < batch; b++) out[b] = values[b * width + index]!;
  return out;
}

/** Edge (i, o)'s samples from a layer trace: its input x[b, i] and output φ(x)[b, i, o]. */
export function edgeSamples(trace: LayerTrace, batch: number, i: number, o: number): { x: Float64Array; y: Float64Array } {
  const { inFeatures: n, outFeatures: m } = trace;
  const y = new Float64Array(batch);
  for (let b = 0; b < batch; b++) y[b] = trace.edges[(b * n + i) * m + o]!;
  return { x: column(trace.inputs, batch, n, i), y };
}

/** The unbiased standard deviation (torch.std) of strided values: count values from `offset`, `stride` apart. */
export function std(values: Float64Array, count: number, offset: number, stride: number): number {
  let mean = 0;
  for (let b = 0; b < count; b++) mean += values[offset + b * stride]!;
  mean /= count;
  let sum = 0;
  for (let b = 0; b < count; b++) sum += (values[offset + b * stride]! - mean) ** 2;
  return count > 1 ? Math.sqrt(sum / (count - 1)) : 0;
}
