import { FastKANLayer, type FastKANLayerArgs } from './layers/fastkan-layer.js';
import { KANLinear, type KANLinearArgs } from './layers/kan-linear.js';

/** A KANLinear layer, in the style of `tf.layers.dense(args)`: `kanLinear({ units: 10 })`. */
export function kanLinear(args: KANLinearArgs): KANLinear {
  return new KANLinear(args);
}

/** A FastKANLayer, in the style of `tf.layers.dense(args)`: `fastKAN({ units: 10 })`. */
export function fastKAN(args: FastKANLayerArgs): FastKANLayer {
  return new FastKANLayer(args);
}
