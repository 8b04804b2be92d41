// Bases of K functions on an even grid of centres, φⱼ(x) = φ((x − cⱼ)/h) with c = linspace(gridMin, gridMax, K):
// Gaussian RBFs, RSWAF, hats, wavelets. Their options, their `grid` state and z = (x − cⱼ)/h are written once here.
import * as tf from '@tensorflow/tfjs-core';
import { formatBytes } from './errors.js';
import { torchLinspace } from './linspace.js';
import { OptionReader, checkInFeatures } from './options.js';
import type { BasisFactory, BasisKernelSnippets, BasisStateSpec, RadialCpuProfile } from './types.js';

/** The options every centred basis takes (its own options type adds its width option, if any). */
export interface CentredGridOptions {
  /** K, the number of centres; in [2, 1000]. */
  readonly numCenters?: number;
  /** The first centre. */
  readonly gridMin?: number;
  /** The last centre; > gridMin. */
  readonly gridMax?: number;
}

/** The most centres `readCentredGrid` accepts. */
const MAX_CENTERS = 1000;

/** The option names of the grid itself. */
export const CENTRED_GRID_OPTIONS = ['numCenters', 'gridMin', 'gridMax'] as const;

/** The options of K functions centred on an even grid, read and checked. */
export interface CentredGrid {
  /** K. */
  readonly numCenters: number;
  readonly gridMin: number;
  readonly gridMax: number;
  /** The width h: the width option's value, or its default (by default the spacing (gridMax − gridMin)/(K − 1)). */
  readonly width: number;
}

/** How a basis reads its grid: the name and default of its width option, and its defaults for the grid. */
export interface CentredGridRules {
  /** The option that sets the width (e.g. `denominator`; > 0). Without one the width is its default, not an option. */
  readonly widthOption?: string;
  /** The width when the option is absent. Default the spacing (gridMax − gridMin)/(K − 1). */
  readonly defaultWidth?: (gridMin: number, gridMax: number, numCenters: number) => number;
  /** numCenters, gridMin and gridMax when absent. Default 8 centres on [-2, 2]. */
  readonly defaults?: { readonly numCenters: number; readonly gridMin: number; readonly gridMax: number };
}

const spacing = (gridMin: number, gridMax: number, numCenters: number) => (gridMax - gridMin) / (numCenters - 1);

/**
 * Reads `numCenters` (integer in [2, MAX_CENTERS]), `gridMin` < `gridMax` and the width option (> 0), with errors
 * that name the field.
 */
export function readCentredGrid(reader: OptionReader, rules: CentredGridRules = {}): CentredGrid {
  const defaults = rules.defaults ?? { numCenters: 8, gridMin: -2, gridMax: 2 };
  const numCenters = reader.number('numCenters', defaults.numCenters, {
    integer: true,
    min: 2,
    max: MAX_CENTERS,
    cost: (k) => `the basis values alone would take ${formatBytes(4 * k)} per input and sample`,
  });
  const gridMin = reader.number('gridMin', defaults.gridMin);
  const gridMax = reader.number('gridMax', defaults.gridMax);
  if (!(gridMin < gridMax)) throw reader.error(`gridMin must be < gridMax, got gridMin ${gridMin} and gridMax ${gridMax}`);
  const defaultWidth = (rules.defaultWidth ?? spacing)(gridMin, gridMax, numCenters);
  const width = rules.widthOption === undefined ? defaultWidth : reader.number(rules.widthOption, defaultWidth, { above: 0 });
  return { numCenters, gridMin, gridMax, width };
}

/** The state `grid` (shape [K]): the centres linspace(gridMin, gridMax, K) as `torch.linspace` places them, shared by all inputs. */
export function centresState(grid: CentredGrid): BasisStateSpec {
  return { name: 'grid', shape: [grid.numCenters], initial: () => torchLinspace(grid.gridMin, grid.gridMax, grid.numCenters) };
}

/** z = (x − cⱼ)/h: x [batch, in], centres [K] (or [1, in, K]), h a number or a tensor broadcast to [batch, in, K] → [batch, in, K]. */
export function centredDistances(x: tf.Tensor2D, centres: tf.Tensor, width: number | tf.Tensor): tf.Tensor3D {
  return tf.div(tf.sub(tf.expandDims(x, 2), centres), width);
}

/**
 * The trainable state of a learnable centred basis (the option `learnable: true`), per input: `centres` [in, K]
 * (every row the centres of `centresState`) and `log_widths` [in] (log h): φⱼ(xᵢ) = φ((xᵢ − cᵢⱼ)/e^{log hᵢ}).
 */
export function learnableCentresState(grid: CentredGrid, inFeatures: number): BasisStateSpec[] {
  const initialCentres = () => {
    const row = torchLinspace(grid.gridMin, grid.gridMax, grid.numCenters);
    const centres = new Float32Array(inFeatures * grid.numCenters);
    for (let i = 0; i < inFeatures; i++) centres.set(row, i * grid.numCenters);
    return centres;
  };
  return [
    { name: 'centres', shape: [inFeatures, grid.numCenters], initial: initialCentres, trainable: true },
    { name: 'log_widths', shape: [inFeatures], initial: () => new Float32Array(inFeatures).fill(Math.log(grid.width)), trainable: true },
  ];
}

/** What makes one centred basis: its name, how it reads its grid, its profile φ and its snippets. */
export interface CentredBasisSpec {
  /** The registered name, which every error names. */
  readonly name: string;
  readonly grid?: CentredGridRules;
  /** φ(z) for z = (x − cⱼ)/h [batch, in, K], from tfjs ops (called inside a tidy). */
  readonly profile: (z: tf.Tensor3D) => tf.Tensor;
  /** The fused-kernel snippets for the width h. */
  readonly kernels?: (width: number) => BasisKernelSnippets;
  /** The profile's name for the CPU backends' fused kernels, where they know it (see `BasisCpuForm`). */
  readonly cpuProfile?: RadialCpuProfile;
  /**
   * Whether the basis takes the option `learnable` (default false): true gives it the trainable per-input state of
   * `learnableCentresState`, with the grid and width options as its initial values, and no snippets or CPU form.
   */
  readonly learnable?: boolean;
}

/**
 * The factory of a basis of K functions φ((x − cⱼ)/h), one width h for all, on the centres of `centresState`.
 * Its options are the grid's and the width option; its config holds them all, defaults filled in.
 */
export function centredBasis(spec: CentredBasisSpec): BasisFactory {
  const widthOption = spec.grid?.widthOption;
  const optionNames: string[] = [...CENTRED_GRID_OPTIONS, ...(widthOption === undefined ? [] : [widthOption]), ...(spec.learnable === true ? ['learnable'] : [])];
  return (options, inFeatures) => {
    const reader = new OptionReader(spec.name, options);
    reader.rejectUnknown(optionNames);
    const grid = readCentredGrid(reader, spec.grid);
    const learnable = spec.learnable === true && reader.boolean('learnable', false);
    checkInFeatures(spec.name, inFeatures);
    const { numCenters, gridMin, gridMax, width } = grid;
    const config = { name: spec.name, numCenters, gridMin, gridMax, ...(widthOption === undefined ? {} : { [widthOption]: width }) };
    const common = { name: spec.name, inFeatures, size: numCenters, domain: [gridMin, gridMax] as const };

    if (learnable) {
      return {
        ...common,
        config: { ...config, learnable },
        stateSpecs: learnableCentresState(grid, inFeatures),
        evaluate(x, state) {
          const centres = state['centres'];
          const logWidths = state['log_widths'];
          if (centres === undefined || logWidths === undefined) throw reader.error('evaluate needs the "centres" and "log_widths" state tensors');
          return tf.tidy(() => {
            const widths = tf.reshape(tf.exp(logWidths), [1, inFeatures, 1]); // hᵢ, [1, in, 1]
            return spec.profile(centredDistances(x, tf.expandDims(centres, 0), widths)) as tf.Tensor3D; // [batch, in, K]
          });
        },
      };
    }
    return {
      ...common,
      config,
      stateSpecs: [centresState(grid)],
      evaluate(x, state) {
        const centres = state['grid'];
        if (centres === undefined) throw reader.error('evaluate needs the "grid" state tensor');
        return tf.tidy(() => spec.profile(centredDistances(x, centres, width)) as tf.Tensor3D); // [batch, in, K]
      },
      ...(spec.kernels === undefined ? {} : { kernels: spec.kernels(width) }),
      ...(spec.cpuProfile === undefined ? {} : { cpu: { kind: 'radial', profile: spec.cpuProfile, width } as const }),
    };
  };
}
