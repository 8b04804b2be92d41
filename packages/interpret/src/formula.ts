import type * as tfl from '@tensorflow/tfjs-layers';
import { FastKANLayer, symbolicFunction, type KANNodes } from '@kanjs/kan-layers';
import { parse, simplify, type MathNode } from 'mathjs';
import { kanStages, subnodesOf } from './stages.js';

/** Options of `symbolicFormula`. */
export interface FormulaOptions {
  /** Names of the inputs. Default x_1, x_2, … (pykan's). */
  readonly variables?: readonly string[];
  /** Round every constant to this many significant digits (pykan's ex_round), in text, latex and evaluate alike. */
  readonly round?: number;
}

/** The closed form of one output. */
export interface Formula {
  /** mathjs syntax, e.g. `exp(sin(3.1416 * x_1) + x_2 ^ 2)`. */
  readonly text: string;
  readonly latex: string;
  /** The mathjs expression tree. */
  readonly expression: MathNode;
  /** The formula on rows of inputs [batch][in]: a column [batch][1], as the model's output column. */
  evaluate(inputs: readonly (readonly number[])[]): number[][];
}

/**
 * Folds constants, combines like terms, distributes constant factors over sums and differences, moves a constant
 * out of exp (c·exp(u + b) → (c·e^b)·exp(u)), and normalises a scaled square c·(b + a·x)² to (c·a²)·(x + b/a)²,
 * so that pykan's tutorial reads 1.0·exp(1.0·sin(3.14·x + …) + 1.0·(y − …)²). Each rule is an identity: the
 * formula's value does not change.
 */
const RULES = [
  ...simplify.rules,
  'c*(n1+n2) -> c*n1+c*n2',
  'c*(n1-n2) -> c*n1-c*n2',
  'c1*(c2*n) -> (c1*c2)*n',
  'exp(n+c) -> exp(c)*exp(n)',
  'exp(n-c) -> exp(-c)*exp(n)',
  'exp(c+n) -> exp(c)*exp(n)',
  'c*(c1+c2*n)^2 -> (c*c2^2)*(n+c1/c2)^2',
  'c*(c1-c2*n)^2 -> (c*c2^2)*(n-c1/c2)^2',
  'c*(c2*n+c1)^2 -> (c*c2^2)*(n+c1/c2)^2',
  'c*(c2*n-c1)^2 -> (c*c2^2)*(n-c1/c2)^2',
  'c*(-(c2*n)-c1)^2 -> (c*c2^2)*(n+c1/c2)^2',
  'c*(-(c2*n)+c1)^2 -> (c*c2^2)*(n-c1/c2)^2',
];

/**
 * pykan's `symbolic_formula`: the composed closed form of every output of a model whose edges are all symbolic
 * (or masked off). Layer by layer, node j is Σᵢ cᵢⱼ·fᵢⱼ(aᵢⱼ·xᵢ + bᵢⱼ) + dᵢⱼ (plus FastKAN's base bias; a FastKAN
 * symbolic edge sees the raw input), then KANNodes' subnode affine, products and node affine; each node is
 * simplified with mathjs before it feeds the next layer. Throws naming every edge that is still numeric.
 */
export function symbolicFormula(model: tfl.LayersModel, options: FormulaOptions = {}): Formula[] {
  const stages = kanStages(model, 'symbolicFormula');
  const inputs = stages[0]!.layer.inFeatures;
  const variables = options.variables ?? Array.from({ length: inputs }, (_, i) => `x_${i + 1}`);
  if (variables.length !== inputs) throw new Error(`symbolicFormula: expected ${inputs} variable names, got ${variables.length}.`);
  const numeric = stages.flatMap(({ layer }, l) => {
    const mask = layer.edgeMask();
    return [...mask].flatMap((m, n) => (m !== 0 ? [`(${l}, ${Math.floor(n / layer.units)}, ${n % layer.units})`] : []));
  });
  if (numeric.length > 0) {
    throw new Error(`symbolicFormula: expected every edge to be symbolic or masked off; still numeric (layer, input, output): ${numeric.join(', ')}. Run autoSymbolic or fixSymbolic first.`);
  }
  let nodes: string[] = [...variables];
  for (const stage of stages) {
    const { layer } = stage;
    const bias = layer instanceof FastKANLayer && layer.useBaseUpdate ? weightValues(layer, 'base_bias') : null;
    const sums = Array.from({ length: layer.units }, (_, o) => {
      const terms: string[] = bias === null ? [] : [number(bias[o]!)];
      for (let i = 0; i < layer.inFeatures; i++) {
        const edge = layer.symbolicEdge(i, o);
        if (edge === null) continue;
        const [a, b, c, d] = edge.affine;
        const f = symbolicFunction(edge.name).formula(`${number(a)} * (${nodes[i]}) + ${number(b)}`);
        terms.push(`${number(c)} * (${f}) + ${number(d)}`);
      }
      return terms.length === 0 ? '0' : terms.join(' + ');
    });
    nodes = stage.nodes === null ? sums : nodeExpressions(stage.nodes, sums, (j) => subnodesOf(stage, j));
    nodes = nodes.map((text) => simplify(text, RULES, {}, { exactFractions: false }).toString());
  }
  return nodes.map((text) => {
    let expression = simplify(text, RULES, {}, { exactFractions: false });
    if (options.round !== undefined) expression = simplify(rounded(expression, options.round), RULES, {}, { exactFractions: false });
    const compiled = expression.compile();
    return {
      text: expression.toString(),
      latex: expression.toTex({ handler: texVariable }),
      expression,
      evaluate: (rows) =>
        rows.map((row) => {
          if (row.length !== inputs) throw new Error(`symbolicFormula: expected rows of ${inputs} inputs, got ${row.length}.`);
          return [Number(compiled.evaluate(Object.fromEntries(variables.map((name, i) => [name, row[i]!]))))];
        }),
    };
  });
}

/** KANNodes on subnode expressions: subnode affine, products of each mult node's subnodes, node affine. */
function nodeExpressions(nodes: KANNodes, sums: string[], subnodes: (node: number) => number[]): string[] {
  const subScale = weightValues(nodes, 'subnode_scale');
  const subBias = weightValues(nodes, 'subnode_bias');
  const scale = weightValues(nodes, 'node_scale');
  const bias = weightValues(nodes, 'node_bias');
  const affine = sums.map((s, k) => `${number(subScale[k]!)} * (${s}) + ${number(subBias[k]!)}`);
  return Array.from({ length: nodes.nodes }, (_, j) => {
    const value = subnodes(j).map((k) => `(${affine[k]})`).join(' * ');
    return `${number(scale[j]!)} * (${value}) + ${number(bias[j]!)}`;
  });
}

function weightValues(layer: tfl.layers.Layer, name: string): Float32Array {
  const weight = layer.weights.find((w) => w.originalName.split('/').pop() === name);
  if (weight === undefined) throw new Error(`symbolicFormula: layer "${layer.name}" has no weight "${name}".`);
  return weight.read().dataSync() as Float32Array;
}

/** A constant in mathjs syntax (negative ones in parentheses). */
function number(value: number): string {
  return value < 0 ? `(${value})` : `${value}`;
}

/** The expression with every constant rounded to `digits` significant digits. */
function rounded(expression: MathNode, digits: number): MathNode {
  if (!Number.isInteger(digits) || digits < 1) throw new Error(`symbolicFormula: round must be an integer ≥ 1, got ${digits}.`);
  return expression.transform((node) =>
    node.type === 'ConstantNode' && typeof (node as unknown as { value: unknown }).value === 'number'
      ? parse(String(Number((node as unknown as { value: number }).value.toPrecision(digits))))
      : node,
  );
}

/** LaTeX for variables named like x_1 or x1: x_{1}. */
function texVariable(node: MathNode): string | undefined {
  if (node.type !== 'SymbolNode') return undefined;
  const match = /^([A-Za-z]+)_?(\d+)$/.exec((node as unknown as { name: string }).name);
  return match === null ? undefined : ` ${match[1]}_{${match[2]}}`;
}
