import type * as tfl from '@tensorflow/tfjs-layers';
import { SYMBOLIC_LIB, symbolicFunction, type SymbolicFunction } from '@kanjs/kan-layers';
import type { Batch } from './data.js';
import { fitAffine, type FitOptions } from './symbolic-fit.js';
import { kanStages } from './stages.js';
import { edgeSamples, traceModel, type ModelTrace } from './trace.js';

/** Options of `suggestSymbolic`; defaults are pykan's `suggest_symbolic`. */
export interface SuggestOptions extends FitOptions {
  /** The batch whose activations the candidates are fitted to. */
  readonly data: Batch;
  /** Candidate names (SYMBOLIC_LIB's or registered ones). Default: all of SYMBOLIC_LIB. */
  readonly library?: readonly string[];
  /** How many ranked candidates to return. Default 5. */
  readonly topk?: number;
  /** Weight of simplicity against fit in the ranking, in [0, 1]. Default 0.8. */
  readonly weightSimple?: number;
}

/** One candidate function for an edge, fitted and scored. */
export interface SymbolicCandidate {
  readonly name: string;
  /** a, b, c, d of c·f(a·x + b) + d. */
  readonly affine: [number, number, number, number];
  readonly r2: number;
  readonly complexity: number;
  /** weightSimple·complexity + (1 − weightSimple)·log₂(1 + 1e-5 − R²); lower is better. */
  readonly loss: number;
}

/** pykan's R² of an edge that is masked off: it ranks every candidate by complexity alone. */
const MASKED_R2 = -1e8;

/**
 * pykan's `suggest_symbolic`: fits every candidate of the library to edge (i, o) of KAN layer `layer` on the
 * batch (`fitAffine`) and ranks them by weightSimple·complexity + (1 − weightSimple)·log₂(1 + 1e-5 − R²),
 * best first. A masked-off (pruned, not symbolic) edge scores R² = −1e8 for every candidate, as in pykan.
 */
export function suggestSymbolic(model: tfl.LayersModel, layer: number, i: number, o: number, options: SuggestOptions): SymbolicCandidate[] {
  return suggestFromTrace(traceModel(model, options.data, 'suggestSymbolic'), layer, i, o, options);
}

/** `suggestSymbolic` on a recorded forward pass. */
export function suggestFromTrace(trace: ModelTrace, layer: number, i: number, o: number, options: Omit<SuggestOptions, 'data'>): SymbolicCandidate[] {
  const weightSimple = options.weightSimple ?? 0.8;
  if (!(weightSimple >= 0 && weightSimple <= 1)) throw new Error(`suggestSymbolic: weightSimple must be in [0, 1], got ${weightSimple}.`);
  const topk = options.topk ?? 5;
  const kan = checkEdge(trace, layer, i, o, 'suggestSymbolic');
  const masked = kan.edgeMask()[i * kan.units + o] === 0 && kan.symbolicEdge(i, o) === null;
  const { x, y } = edgeSamples(trace.layers[layer]!, trace.batch, i, o);
  const candidates = libraryOf(options.library).map((fn): SymbolicCandidate => {
    const fit = fitAffine(x, y, fn, options);
    const r2 = masked ? MASKED_R2 : fit.r2;
    const loss = weightSimple * fn.complexity + (1 - weightSimple) * Math.log2(1 + 1e-5 - r2);
    return { name: fn.name, affine: fit.affine, r2, complexity: fn.complexity, loss };
  });
  // A stable sort keeps the library's order among equal losses, as numpy's argsort does on these short lists.
  return candidates.sort((p, q) => p.loss - q.loss).slice(0, Math.max(1, topk));
}

/** Options of `fixSymbolic`. */
export interface FixOptions extends FitOptions {
  /** The batch to fit a, b, c, d on; without it the edge gets a = 1, b = 0, c = 1, d = 0 (pykan's fit_params_bool=False). */
  readonly data?: Batch;
}

/**
 * pykan's `fix_symbolic`: edge (i, o) of KAN layer `layer` becomes c·f(a·x + b) + d with f = `name`, fitted on
 * `options.data` when given; its numeric part is masked off. Returns the fit's R² (−1e8 for a masked-off edge),
 * or null without data.
 */
export function fixSymbolic(model: tfl.LayersModel, layer: number, i: number, o: number, name: string, options: FixOptions = {}): number | null {
  const fn = symbolicFunction(name);
  if (options.data === undefined) {
    const kan = kanStages(model, 'fixSymbolic')[layer]?.layer;
    if (kan === undefined) throw new Error(`fixSymbolic: expected a KAN layer index below ${kanStages(model, 'fixSymbolic').length}, got ${layer}.`);
    kan.fixSymbolic(i, o, name, [1, 0, 1, 0]);
    return null;
  }
  return fixFromTrace(traceModel(model, options.data, 'fixSymbolic'), layer, i, o, fn, options);
}

/** `fixSymbolic` on a recorded forward pass. */
export function fixFromTrace(trace: ModelTrace, layer: number, i: number, o: number, fn: SymbolicFunction, options: FitOptions = {}): number {
  const kan = checkEdge(trace, layer, i, o, 'fixSymbolic');
  const masked = kan.edgeMask()[i * kan.units + o] === 0 && kan.symbolicEdge(i, o) === null;
  const { x, y } = edgeSamples(trace.layers[layer]!, trace.batch, i, o);
  const fit = fitAffine(x, y, fn, options);
  kan.fixSymbolic(i, o, fn.name, fit.affine);
  return masked ? MASKED_R2 : fit.r2;
}

/** The named functions, or all of SYMBOLIC_LIB. */
export function libraryOf(names: readonly string[] | undefined): SymbolicFunction[] {
  if (names !== undefined && names.length === 0) throw new Error('suggestSymbolic: expected a library of at least one function name, got an empty list.');
  return names === undefined ? Object.values(SYMBOLIC_LIB) : names.map(symbolicFunction);
}

function checkEdge(trace: ModelTrace, layer: number, i: number, o: number, caller: string) {
  const stage = trace.stages[layer];
  if (stage === undefined) throw new Error(`${caller}: expected a KAN layer index in [0, ${trace.stages.length}), got ${layer}.`);
  const { inFeatures, units } = stage.layer;
  if (!Number.isInteger(i) || i < 0 || i >= inFeatures || !Number.isInteger(o) || o < 0 || o >= units) {
    throw new Error(`${caller}: expected an edge (i, o) of layer ${layer} with 0 ≤ i < ${inFeatures} and 0 ≤ o < ${units}, got (${i}, ${o}).`);
  }
  return stage.layer;
}
