// Symbolize and read: every edge becomes its best library function (autoSymbolic), then the composed closed
// form is typeset (KaTeX, see latex.ts, constants rounded) and shown as text, and compared with the held-out data.
import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { autoSymbolic, symbolicFormula } from '@kanjs/interpret';
import { agreement, type Agreement } from './compare.js';
import type { Samples } from './target.js';

/** The functions autoSymbolic may choose from (pykan's tutorial list). */
export const LIBRARY = ['x', 'x^2', 'x^3', 'x^4', 'exp', 'log', 'sqrt', 'tanh', 'sin', 'abs'] as const;

/** Fixes every edge of `model` to its best symbolic fit on `inputs`. */
export function symbolize(model: tfl.LayersModel, inputs: tf.Tensor2D): void {
  autoSymbolic(model, inputs, { library: LIBRARY });
}

/** Significant digits of the constants in the typeset formula (pykan's ex_round); text and LaTeX source keep all. */
export const DISPLAY_DIGITS = 4;

/** The model's closed form in `variables`, and how well it matches `test`. */
export interface ReadFormula {
  readonly text: string;
  readonly latex: string;
  /** The LaTeX with constants rounded to DISPLAY_DIGITS significant digits, for typesetting. */
  readonly displayLatex: string;
  readonly predicted: number[];
  readonly agreement: Agreement;
}

/** Reads the formula of the model's only output and evaluates it on the held-out samples. */
export function readFormula(model: tfl.LayersModel, variables: readonly string[], test: Samples): ReadFormula {
  const formulas = symbolicFormula(model, { variables });
  const formula = formulas[0];
  if (formula === undefined || formulas.length !== 1) throw new Error(`expected a formula for one output, got ${formulas.length}.`);
  const predicted = formula.evaluate(test.x).map((row) => row[0]!);
  const displayLatex = symbolicFormula(model, { variables, round: DISPLAY_DIGITS })[0]!.latex;
  return { text: formula.text, latex: formula.latex, displayLatex, predicted, agreement: agreement(test.y, predicted) };
}
