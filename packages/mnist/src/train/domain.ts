// The FastKAN paper's "next check": does LayerNorm keep a layer's inputs inside the grid of its RBF centres?
// For each FastKAN layer that normalises, the fraction of its normalised inputs outside [first centre, last centre]
// (per input, for a basis with learned centres).
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { FastKANLayer } from '@kanjs/kan-layers';
import { batches, type Dataset } from '../data/dataset.js';

/** One FastKAN layer's normalised inputs against its grid. */
export interface DomainRecord {
  /** The layer's index in the model. */
  readonly layer: number;
  /**
   * The first and last centre of the layer's grid (state `grid`); with learned centres (state `centres` [in, K]),
   * the lowest and highest centre of any input (each input is still judged against its own centres).
   */
  readonly gridMin: number;
  readonly gridMax: number;
  /** Fraction of the normalised inputs (examples × features) below gridMin, above gridMax, and in all. */
  readonly below: number;
  readonly above: number;
  readonly outside: number;
}

/** A layer's centres: the shared grid [K], or learned centres per input [in, K]. */
function centresOf(layer: FastKANLayer): tf.Tensor | undefined {
  const state = layer.basisState();
  return state['grid'] ?? state['centres'];
}

/**
 * For every FastKAN layer with LayerNorm and centres (the centred bases: Gaussian, RSWAF, …; state `grid` [K], or
 * `centres` [in, K] when learned), the fraction of its normalised inputs LayerNorm(x) outside the centres' range
 * (per input for learned centres), over the first `examples` examples of `data`. Models without such a layer give [].
 */
export async function layerNormDomain(model: tfl.LayersModel, data: Dataset, examples = 1000): Promise<DomainRecord[]> {
  const layers = model.layers;
  const watched = layers.flatMap((layer, index) => (layer instanceof FastKANLayer && layer.useLayerNorm && centresOf(layer) !== undefined ? [index] : []));
  if (watched.length === 0) return [];
  const counts = watched.map(() => ({ below: 0, above: 0, total: 0 }));
  // Read asynchronously: a synchronous read would stall a page's GPU (WebGPU, WebGL).
  const ranges = await Promise.all(
    watched.map(async (index) => {
      const centres = centresOf(layers[index] as FastKANLayer)!;
      const values = Array.from(await centres.data());
      return { gridMin: values.reduce((a, b) => Math.min(a, b), Infinity), gridMax: values.reduce((a, b) => Math.max(a, b), -Infinity) };
    }),
  );
  // The bounds each normalised value is compared with: scalars for a shared grid, [in] for learned centres.
  const bounds = watched.map((index, w) => {
    const centres = centresOf(layers[index] as FastKANLayer)!;
    if (centres.rank === 1) return { low: tf.scalar(ranges[w]!.gridMin), high: tf.scalar(ranges[w]!.gridMax) };
    return { low: tf.min(centres, 1), high: tf.max(centres, 1) };
  });
  let seen = 0;
  for (const batch of batches(data, Math.min(examples, 1000))) {
    if (seen >= examples) break;
    const size = Math.min(batch.size, examples - seen);
    seen += size;
    const tallies = tf.tidy(() => {
      let x: tf.Tensor = tf.tensor2d(batch.pixels.subarray(0, size * batch.features), [size, batch.features]);
      const out: tf.Tensor[] = [];
      for (let i = 0; i <= watched[watched.length - 1]!; i++) {
        const layer = layers[i]!;
        const w = watched.indexOf(i);
        if (w >= 0) {
          const normalised = (layer as FastKANLayer).layerNorm(x as tf.Tensor2D);
          const { low, high } = bounds[w]!;
          out.push(tf.stack([tf.sum(tf.cast(tf.less(normalised, low), 'float32')), tf.sum(tf.cast(tf.greater(normalised, high), 'float32'))]));
        }
        x = layer.apply(x) as tf.Tensor;
      }
      return out;
    });
    for (let w = 0; w < watched.length; w++) {
      const [below, above] = (await tallies[w]!.data()) as Float32Array;
      counts[w]!.below += below!;
      counts[w]!.above += above!;
      counts[w]!.total += size * (layers[watched[w]!] as FastKANLayer).inFeatures;
    }
    tf.dispose(tallies);
  }
  tf.dispose(bounds.flatMap(({ low, high }) => [low, high]));
  return watched.map((layer, w) => {
    const { below, above, total } = counts[w]!;
    return { layer, ...ranges[w]!, below: below / total, above: above / total, outside: (below + above) / total };
  });
}
