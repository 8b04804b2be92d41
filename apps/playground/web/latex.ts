// The formula typeset: KaTeX renders the LaTeX that symbolicFormula writes into an element, in display mode.
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** Typesets `latex` into `target`, replacing what it held; a formula KaTeX cannot parse throws one clear error. */
export function showLatex(target: HTMLElement, latex: string): void {
  try {
    katex.render(latex, target, { displayMode: true, throwOnError: true, output: 'htmlAndMathml' });
  } catch (error) {
    target.replaceChildren();
    throw new Error(`expected a formula KaTeX can typeset, got ${JSON.stringify(latex)}: ${(error as Error).message}`);
  }
}
