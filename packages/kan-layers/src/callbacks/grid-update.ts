import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe } from '@kanjs/basis-core';
import { updateGrid } from '../grid.js';
import { KANLinear } from '../layers/kan-linear.js';

/** Options of GridUpdate. */
export interface GridUpdateArgs {
  /** Update the grids after every `every` training batches (counted across epochs). */
  readonly every: number;
  /** The inputs [samples, ...] the grids adapt to, as the model takes them; each layer sees them through the layers before it. */
  readonly data: tf.Tensor;
  /** Stop updating after this many batches (pykan's `stop_grid_update_step`). Default: never stop. */
  readonly until?: number;
  /** efficient-kan's margin around the data range. Default 0.01. */
  readonly margin?: number;
}

/**
 * A `model.fit` callback that runs `updateGrid(model, data)` (efficient-kan's grid update on every KANLinear
 * layer) after every `every` batches: `model.fit(xs, ys, { callbacks: [new GridUpdate({ every: 50, data: xs })] })`.
 * It does not own `data`; dispose it after training.
 */
export class GridUpdate extends tfl.Callback {
  readonly every: number;
  readonly data: tf.Tensor;
  readonly until: number;
  readonly margin: number;
  /** Training batches seen since the start of `fit`. */
  private batches = 0;

  constructor(args: GridUpdateArgs) {
    super();
    const { every, data, until = Infinity, margin = 0.01 } = args;
    if (!Number.isInteger(every) || every < 1) throw new Error(`GridUpdate: every must be an integer ≥ 1, got ${describe(every)}.`);
    if (!(until === Infinity || (Number.isInteger(until) && until >= 0))) {
      throw new Error(`GridUpdate: until must be an integer ≥ 0, got ${describe(until)}.`);
    }
    if (!(data instanceof tf.Tensor)) throw new Error(`GridUpdate: data must be a tensor of model inputs, got ${describe(data)}.`);
    if (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0) {
      throw new Error(`GridUpdate: margin must be a finite number ≥ 0, got ${describe(margin)}.`);
    }
    this.every = every;
    this.data = data;
    this.until = until;
    this.margin = margin;
  }

  override async onTrainBegin(): Promise<void> {
    this.batches = 0;
    if (!this.model.layers.some((layer) => layer instanceof KANLinear)) {
      throw new Error(`GridUpdate: the model has no KANLinear layer to update; its layers are ${this.model.layers.map((l) => l.getClassName()).join(', ')}.`);
    }
  }

  override async onBatchEnd(): Promise<void> {
    this.batches += 1;
    if (this.batches <= this.until && this.batches % this.every === 0) updateGrid(this.model, this.data, this.margin);
  }
}
