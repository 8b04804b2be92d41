// The target the KAN learns: a preset or typed expression in the variables it names (parsed with mathjs), or
// the columns of a CSV file (the last one is the output), split into seeded training and held-out samples.
import { seededRandom } from '@kanjs/basis-core';
import { all, create, type MathJsInstance, type MathNode } from 'mathjs';

/** A mathjs instance, its random numbers seeded when `seed` is given (the CSV shuffle). */
function mathjs(seed?: number): MathJsInstance {
  if (all === undefined) throw new Error('expected mathjs to export its function set `all`, found none.');
  return create(all, seed === undefined ? {} : { randomSeed: String(seed) });
}

const math = mathjs();

/** A few functions to start from; the first is pykan's headline tutorial. */
export const PRESETS: readonly { readonly label: string; readonly expression: string }[] = [
  { label: 'exp(sin(πx) + y²)', expression: 'exp(sin(pi*x) + y^2)' },
  { label: 'x·y', expression: 'x*y' },
  { label: 'sin(πx) + cos(πy)', expression: 'sin(pi*x) + cos(pi*y)' },
  { label: 'tanh(3x)', expression: 'tanh(3*x)' },
  { label: 'sqrt(x² + y²)', expression: 'sqrt(x^2 + y^2)' },
];

/** Samples [sample][variable] with their outputs. */
export interface Samples {
  readonly x: number[][];
  readonly y: number[];
}

/** What the model learns from: the variables' names, training samples and held-out samples. */
export interface Dataset {
  readonly variables: readonly string[];
  readonly train: Samples;
  readonly test: Samples;
}

/** A parsed expression: its variables in alphabetical order and its value at a point. */
export interface ExpressionTarget {
  readonly expression: string;
  readonly variables: readonly string[];
  readonly evaluate: (point: readonly number[]) => number;
}

/** How to sample an expression: sample counts, the range of every variable and the seed. */
export interface SampleOptions {
  readonly train: number;
  readonly test: number;
  readonly seed: number;
  readonly range?: readonly [number, number];
}

/** Parses `expression` with mathjs; its free symbols (not pi or e, not functions) are the variables. */
export function parseExpression(expression: string): ExpressionTarget {
  let node: MathNode;
  try {
    node = math.parse(expression);
  } catch (error) {
    throw new Error(`expected a formula such as exp(sin(pi*x) + y^2), but "${expression}" does not parse: ${(error as Error).message}.`);
  }
  const names = new Set<string>();
  node.traverse((child, _path, parent) => {
    if (!math.isSymbolNode(child)) return;
    if (parent !== null && math.isFunctionNode(parent) && parent.fn === child) return;
    if (!(child.name in math)) names.add(child.name);
  });
  const variables = [...names].sort();
  if (variables.length === 0) throw new Error(`expected a formula in at least one variable, but "${expression}" has none.`);
  const compiled = node.compile();
  return {
    expression,
    variables,
    evaluate: (point) => {
      const value: unknown = compiled.evaluate(Object.fromEntries(variables.map((name, v) => [name, point[v]])));
      if (typeof value !== 'number') throw new Error(`expected "${expression}" to give a real number, got ${math.format(value)} at (${point.join(', ')}).`);
      return value;
    },
  };
}

/**
 * Samples the target uniformly in `range` (default [−1, 1]) for every variable, point by point: the training
 * points from seededRandom(seed), the held-out ones from seededRandom(seed + 1), as the interpret tutorial does.
 */
export function sampleExpression(target: ExpressionTarget, options: SampleOptions): Dataset {
  const [low, high] = options.range ?? [-1, 1];
  const draw = (count: number, seed: number): Samples => {
    const random = seededRandom(seed);
    const x = Array.from({ length: count }, () => target.variables.map(() => (high - low) * random() + low));
    const y = x.map((point) => target.evaluate(point));
    const bad = y.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) throw new Error(`expected "${target.expression}" to be finite on [${low}, ${high}], got ${y[bad]} at (${x[bad]!.join(', ')}).`);
    return { x, y };
  };
  return { variables: target.variables, train: draw(options.train, options.seed), test: draw(options.test, options.seed + 1) };
}

/**
 * Reads a CSV file with a header row of names: the last column is the output, the others the variables. A seeded
 * shuffle holds back `testFraction` of the rows.
 */
export function parseCsv(text: string, seed: number, testFraction = 0.2): Dataset {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const header = (lines[0] ?? '').split(',').map((name) => name.trim());
  if (header.length < 2) throw new Error(`expected a CSV header with at least two columns (inputs, then the output), got "${lines[0] ?? ''}".`);
  const rows = lines.slice(1).map((line, n) => {
    const cells = line.split(',').map(Number);
    if (cells.length !== header.length || !cells.every(Number.isFinite)) {
      throw new Error(`expected ${header.length} numbers on CSV line ${n + 2}, got "${line}".`);
    }
    return cells;
  });
  if (rows.length < 10) throw new Error(`expected at least 10 CSV rows to train and test on, got ${rows.length}.`);
  const random = mathjs(seed);
  const order = rows.map((_, n) => n);
  for (let n = order.length - 1; n > 0; n--) {
    const m = random.randomInt(0, n + 1);
    [order[n], order[m]] = [order[m]!, order[n]!];
  }
  const testCount = Math.max(1, Math.round(rows.length * testFraction));
  const take = (indices: number[]): Samples => ({
    x: indices.map((n) => rows[n]!.slice(0, -1)),
    y: indices.map((n) => rows[n]![header.length - 1]!),
  });
  return { variables: header.slice(0, -1), train: take(order.slice(testCount)), test: take(order.slice(0, testCount)) };
}
