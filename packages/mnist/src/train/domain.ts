// The FastKAN paper's "next check": does LayerNorm keep a layer's inputs inside the grid of its RBF centres?
// For each FastKAN layer that normalises, the fraction of its normalised inputs outside [first centre, last centre].
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { FastKANLayer } from '@kanjs/kan-layers';
import { PIXELS, batches, type Dataset } from '../data/dataset.js';

/** One FastKAN layer's normalised inputs against its grid. */
export interface DomainRecord {
  /** The layer's index in the model. */
  readonly layer: number;
  /** The first and last centre of the layer's grid (state `grid`). */
  readonly gridMin: number;
  readonly gridMax: number;
  /** Fraction of the normalised inputs (examples × features) below gridMin, above gridMax, and in all. */
  readonly below: number;
  readonly above: number;
  readonly outside: number;
}

/**
 * For every FastKAN layer with LayerNorm and a `grid` state (the centred bases: Gaussian, RSWAF, …), the fraction of
 * its normalised inputs LayerNorm(x) outside the grid's range, over the first `examples` examples of `data`.
 * Models without such a layer give [].
 */
export async function layerNormDomain(model: tfl.LayersModel, data: Dataset, examples = 1000): Promise<DomainRecord[]> {
  const layers = model.layers;
  const watched = layers.flatMap((layer, index) => (layer instanceof FastKANLayer && layer.useLayerNorm && layer.basisState()['grid'] !== undefined ? [index] : []));
  if (watched.length === 0) return [];
  const counts = watched.map(() => ({ below: 0, above: 0, total: 0 }));
  // Read asynchronously: a synchronous read would stall a page's GPU (WebGPU, WebGL).
  const ranges = await Promise.all(
    watched.map(async (index) => {
      const grid = await (layers[index] as FastKANLayer).basisState()['grid']!.data();
      return { gridMin: Math.min(...grid), gridMax: Math.max(...grid) };
    }),
  );
  let seen = 0;
  for (const batch of batches(data, Math.min(examples, 1000))) {
    if (seen >= examples) break;
    const size = Math.min(batch.size, examples - seen);
    seen += size;
    const tallies = tf.tidy(() => {
      let x: tf.Tensor = tf.tensor2d(batch.pixels.subarray(0, size * PIXELS), [size, PIXELS]);
      const out: tf.Tensor[] = [];
      for (let i = 0; i <= watched[watched.length - 1]!; i++) {
        const layer = layers[i]!;
        const w = watched.indexOf(i);
        if (w >= 0) {
          const normalised = (layer as FastKANLayer).layerNorm(x as tf.Tensor2D);
          const { gridMin, gridMax } = ranges[w]!;
          out.push(tf.stack([tf.sum(tf.cast(tf.less(normalised, gridMin), 'float32')), tf.sum(tf.cast(tf.greater(normalised, gridMax), 'float32'))]));
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
  return watched.map((layer, w) => {
    const { below, above, total } = counts[w]!;
    return { layer, ...ranges[w]!, below: below / total, above: above / total, outside: (below + above) / total };
  });
}
