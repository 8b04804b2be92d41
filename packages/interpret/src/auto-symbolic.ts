import type * as tfl from '@tensorflow/tfjs-layers';
import { SYMBOLIC_LIB } from '@kanjs/kan-layers';
import type { Batch } from './data.js';
import type { FitOptions } from './symbolic-fit.js';
import { fixFromTrace, libraryOf, suggestFromTrace } from './symbolic.js';
import { traceModel } from './trace.js';

/** Options of `autoSymbolic`; defaults are pykan's `auto_symbolic`. */
export interface AutoSymbolicOptions extends FitOptions {
  /** Candidate names. Default: all of SYMBOLIC_LIB. */
  readonly library?: readonly string[];
  /** Edges whose best candidate fits with a lower R² stay numeric. Default 0. */
  readonly r2Threshold?: number;
  /** Weight of simplicity against fit, in [0, 1]. Default 0.8. */
  readonly weightSimple?: number;
}

/** What `autoSymbolic` did to one edge. */
export interface AutoSymbolicEdge {
  readonly layer: number;
  readonly input: number;
  readonly output: number;
  /** 'fixed': now `name`; 'zero': masked off, fixed to '0'; 'skipped': already symbolic; 'kept': best fit below r2Threshold. */
  readonly action: 'fixed' | 'zero' | 'skipped' | 'kept';
  readonly name: string;
  readonly r2: number | null;
}

/**
 * pykan's `auto_symbolic`: every numeric edge gets its best-ranked candidate (`suggestSymbolic`) when that fits
 * with R² ≥ r2Threshold; masked-off edges become '0'; symbolic edges are left alone. All edges are fitted to the
 * activations of one forward pass of `data`, as pykan fits to its cached activations.
 */
export function autoSymbolic(model: tfl.LayersModel, data: Batch, options: AutoSymbolicOptions = {}): AutoSymbolicEdge[] {
  const trace = traceModel(model, data, 'autoSymbolic');
  const r2Threshold = options.r2Threshold ?? 0;
  libraryOf(options.library);
  const report: AutoSymbolicEdge[] = [];
  trace.stages.forEach(({ layer }, l) => {
    const mask = layer.edgeMask();
    for (let i = 0; i < layer.inFeatures; i++) {
      for (let o = 0; o < layer.units; o++) {
        const edge = { layer: l, input: i, output: o };
        const symbolic = layer.symbolicEdge(i, o);
        if (symbolic !== null && mask[i * layer.units + o] === 0) {
          report.push({ ...edge, action: 'skipped', name: symbolic.name, r2: null });
        } else if (symbolic === null && mask[i * layer.units + o] === 0) {
          fixFromTrace(trace, l, i, o, SYMBOLIC_LIB['0']!, options);
          report.push({ ...edge, action: 'zero', name: '0', r2: null });
        } else {
          const best = suggestFromTrace(trace, l, i, o, { ...options, topk: 1 })[0]!;
          if (best.r2 >= r2Threshold) {
            layer.fixSymbolic(i, o, best.name, best.affine);
            report.push({ ...edge, action: 'fixed', name: best.name, r2: best.r2 });
          } else {
            report.push({ ...edge, action: 'kept', name: best.name, r2: best.r2 });
          }
        }
      }
    }
  });
  return report;
}
