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

/** z = (x − cⱼ)/h: x [batch, in], centres [K], h a number or a tensor broadcast to [batch, in, K] → [batch, in, K]. */
export function centredDistances(x: tf.Tensor2D, centres: tf.Tensor, width: number | tf.Tensor): tf.Tensor3D {
  return tf.div(tf.sub(tf.expandDims(x, 2), centres), width);
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
}

/**
 * The factory of a basis of K functions φ((x − cⱼ)/h), one width h for all, on the centres of `centresState`.
 * Its options are the grid's and the width option; its config holds them all, defaults filled in.
 */
export function centredBasis(spec: CentredBasisSpec): BasisFactory {
  const widthOption = spec.grid?.widthOption;
  const optionNames = widthOption === undefined ? CENTRED_GRID_OPTIONS : [...CENTRED_GRID_OPTIONS, widthOption];
  return (options, inFeatures) => {
    const reader = new OptionReader(spec.name, options);
    reader.rejectUnknown(optionNames);
    const grid = readCentredGrid(reader, spec.grid);
    checkInFeatures(spec.name, inFeatures);
    const { numCenters, gridMin, gridMax, width } = grid;

    return {
      name: spec.name,
      inFeatures,
      size: numCenters,
      domain: [gridMin, gridMax],
      config: { name: spec.name, numCenters, gridMin, gridMax, ...(widthOption === undefined ? {} : { [widthOption]: width }) },
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
