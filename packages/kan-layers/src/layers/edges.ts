import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { symbolicFunction } from '../symbolic/library.js';

/** The affine parameters (a, b, c, d) of a symbolic edge c·f(a·x + b) + d. */
export type SymbolicAffine = [number, number, number, number];

/** Adds one weight to the owning layer. */
export type AddWeight = (name: string, shape: number[], initial: tf.Tensor, trainable: boolean) => tfl.LayerVariable;

/** The name of an edge without a symbolic function. */
export const NO_FUNCTION = '0';

/**
 * The per-edge state of a KAN layer, pykan's way: `edge_mask` [in, out] (non-trainable, 1 = the numeric edge
 * counts), `symbolic_mask` [in, out] (non-trainable, 1 = the symbolic edge counts) and `symbolic_affine`
 * [in, out, 4] (trainable a, b, c, d), with the function names [in][out] ('0' = none). pykan keeps both masks
 * and the affine as [out, in]; here they are [in, out] like the layer's kernels.
 */
export class LayerEdges {
  readonly mask: tfl.LayerVariable;
  readonly symbolicMask: tfl.LayerVariable;
  readonly affine: tfl.LayerVariable;
  private readonly names: string[][];

  constructor(
    private readonly owner: string,
    readonly inFeatures: number,
    readonly units: number,
    addWeight: AddWeight,
    names?: readonly (readonly string[])[],
  ) {
    if (names !== undefined) {
      if (names.length !== inFeatures || names.some((row) => !Array.isArray(row) || row.length !== units)) {
        throw new Error(`${owner}: config symbolic must be a table of ${inFeatures} × ${units} function names, got ${describeTable(names)}.`);
      }
      for (const row of names) for (const name of row) if (name !== NO_FUNCTION) symbolicFunction(name);
    }
    this.names = names === undefined ? Array.from({ length: inFeatures }, () => new Array<string>(units).fill(NO_FUNCTION)) : names.map((row) => [...row]);
    this.mask = addWeight('edge_mask', [inFeatures, units], tf.ones([inFeatures, units]), false);
    this.symbolicMask = addWeight('symbolic_mask', [inFeatures, units], tf.zeros([inFeatures, units]), false);
    this.affine = addWeight('symbolic_affine', [inFeatures, units, 4], tf.zeros([inFeatures, units, 4]), true);
  }

  /** The function names [in][out], '0' where an edge has none. */
  functionNames(): string[][] {
    return this.names.map((row) => [...row]);
  }

  /** The numeric mask, row-major [i][o]. */
  maskValues(): Float32Array {
    return Float32Array.from(this.mask.read().dataSync());
  }

  setMask(i: number, o: number, value: 0 | 1): void {
    this.checkEdge(i, o);
    if (value !== 0 && value !== 1) throw new Error(`${this.owner}: an edge mask value must be 0 or 1, got ${String(value)}.`);
    this.writeEntry(this.mask, i * this.units + o, [value]);
  }

  setMasks(mask: Float32Array): void {
    const size = this.inFeatures * this.units;
    if (mask.length !== size) throw new Error(`${this.owner}: expected an edge mask of ${size} values ([${this.inFeatures}, ${this.units}]), got ${mask.length}.`);
    tf.tidy(() => {
      this.mask.write(tf.tensor2d(mask, [this.inFeatures, this.units]));
    });
  }

  /** pykan's fix_symbolic: the edge becomes c·f(a·x + b) + d and its numeric part is masked off. */
  fix(i: number, o: number, name: string, affine: readonly [number, number, number, number]): void {
    this.checkEdge(i, o);
    symbolicFunction(name);
    if (affine.length !== 4 || !affine.every(Number.isFinite)) {
      throw new Error(`${this.owner}: a symbolic edge needs 4 finite affine parameters (a, b, c, d), got [${affine.join(', ')}].`);
    }
    const n = i * this.units + o;
    this.writeEntry(this.symbolicMask, n, [1]);
    this.writeEntry(this.mask, n, [0]);
    this.writeEntry(this.affine, n, affine);
    this.names[i]![o] = name;
  }

  /** The reverse of `fix`: the numeric edge counts again, the symbolic one does not. */
  unfix(i: number, o: number): void {
    this.checkEdge(i, o);
    const n = i * this.units + o;
    this.writeEntry(this.symbolicMask, n, [0]);
    this.writeEntry(this.mask, n, [1]);
    this.names[i]![o] = NO_FUNCTION;
  }

  /** The symbolic edge (i, o), or null when its symbolic mask is 0. */
  edge(i: number, o: number): { name: string; affine: SymbolicAffine } | null {
    this.checkEdge(i, o);
    const n = i * this.units + o;
    if (this.symbolicMask.read().dataSync()[n] !== 1) return null;
    const affine = this.affine.read().dataSync().subarray(4 * n, 4 * n + 4);
    return { name: this.names[i]![o]!, affine: [affine[0]!, affine[1]!, affine[2]!, affine[3]!] };
  }

  /** A kernel [in, out] with the numeric mask applied. */
  maskKernel(kernel: tf.Tensor2D): tf.Tensor2D {
    return tf.mul(kernel, this.mask.read());
  }

  /** Coefficients [in, K, out] with the numeric mask applied. */
  maskCoefficients(coefficients: tf.Tensor3D): tf.Tensor3D {
    return tf.mul(coefficients, tf.expandDims(this.mask.read(), 1));
  }

  /**
   * The symbolic edges' outputs, symbolic mask applied: [batch, in] → [batch, in, out], entry [b, i, o] =
   * symMask[i, o]·(c·f(a·x[b, i] + b) + d). Edges named '0' give symMask·d. Each function is evaluated once,
   * on its own edges only (the others see a harmless 0.5, so a log or 1/x elsewhere cannot leak NaN).
   */
  symbolicActivations(x: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => {
      const [a, b, c, d] = tf.unstack(this.affine.read(), 2) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D]; // [in, out] each
      const symbolicMask = this.symbolicMask.read();
      const z = tf.add(tf.mul(tf.expandDims(x, 2), a), b); // [batch, in, out]
      let f: tf.Tensor = tf.zerosLike(z);
      for (const [name, selected] of this.groups()) {
        const where = tf.broadcastTo(tf.cast(tf.tensor2d(selected, [this.inFeatures, this.units]), 'bool'), z.shape);
        const safe = tf.where(where, z, tf.fill(z.shape, 0.5));
        f = tf.where(where, symbolicFunction(name).tf(safe), f);
      }
      return tf.mul(tf.add(tf.mul(c, f), d), symbolicMask) as tf.Tensor3D;
    });
  }

  /** Σᵢ of `symbolicActivations`: [batch, in] → [batch, out]. */
  symbolicOutput(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.sum(this.symbolicActivations(x), 1) as tf.Tensor2D);
  }

  /** The named functions in use, each with its edges as a 0/1 table [in·out]. */
  private groups(): Map<string, Uint8Array> {
    const groups = new Map<string, Uint8Array>();
    this.names.forEach((row, i) =>
      row.forEach((name, o) => {
        if (name === NO_FUNCTION) return;
        let selected = groups.get(name);
        if (selected === undefined) groups.set(name, (selected = new Uint8Array(this.inFeatures * this.units)));
        selected[i * this.units + o] = 1;
      }),
    );
    return groups;
  }

  private checkEdge(i: number, o: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.inFeatures || !Number.isInteger(o) || o < 0 || o >= this.units) {
      throw new Error(`${this.owner}: expected an edge (i, o) with 0 ≤ i < ${this.inFeatures} and 0 ≤ o < ${this.units}, got (${i}, ${o}).`);
    }
  }

  /** Overwrites the values at flat index n (of entries `values.length` wide) of a variable. */
  private writeEntry(variable: tfl.LayerVariable, n: number, values: readonly number[]): void {
    const data = Float32Array.from(variable.read().dataSync());
    data.set(values, n * values.length);
    tf.tidy(() => {
      variable.write(tf.tensor(data, variable.shape as number[]));
    });
  }
}

function describeTable(names: readonly (readonly string[])[]): string {
  return Array.isArray(names) ? `${names.length} rows of ${names.map((row) => (Array.isArray(row) ? row.length : '?')).join(', ')}` : typeof names;
}
