import type * as tfl from '@tensorflow/tfjs-layers';
import type { AutoSymbolicEdge, Formula } from '@kanjs/interpret';

export declare const target: (point: readonly number[]) => number;
export declare const LIBRARY: readonly string[];
export declare function pykanModel(layers: readonly number[], gridSize: number, seed: number): tfl.Sequential;
export declare function dataset(count: number, seed: number): number[][];
export declare function tutorial(options?: { onPhase?: (name: string, seconds: number, model: tfl.Sequential, rmse: number | undefined) => void }): {
  model: tfl.Sequential;
  formula: Formula;
  error: number;
  widths: number[];
  report: AutoSymbolicEdge[];
  losses: Record<string, number>;
  pictures: Record<'trained' | 'pruned' | 'symbolic', string>;
};
