import * as tf from '@tensorflow/tfjs-core';

/** One univariate function a KAN edge can be fixed to: c·f(a·x + b) + d. */
export interface SymbolicFunction {
  /** pykan's name, e.g. 'sin', 'x^2', '1/x', 'gaussian', '0'. */
  readonly name: string;
  /** The function on tensors: differentiable, on every backend. */
  readonly tf: (x: tf.Tensor) => tf.Tensor;
  /** The scalar float64 version. */
  readonly js: (x: number) => number;
  /** The function applied to `arg` in mathjs syntax, e.g. (a) => `sin(${a})`. */
  readonly formula: (arg: string) => string;
  /** pykan's complexity (the 3rd entry of its SYMBOLIC_LIB tuples). */
  readonly complexity: number;
  /** pykan's singularity-protected version (its 4th entry, at pykan's default threshold y_th = 10), if any. */
  readonly fitSafe?: (x: number) => number;
}

/** pykan's singularity threshold y_th (Symbolic_KANLayer.forward's default). */
const Y_TH = 10;

/** 1/xⁿ, linear (odd n) or flat (even n) inside |x| < y_th^(−1/n) as pykan's f_inv… do. */
function safeInversePower(n: number): (x: number) => number {
  const xTh = 1 / Y_TH ** (1 / n);
  return (x) => (Math.abs(x) < xTh ? (n % 2 === 1 ? (Y_TH / xTh) * x : Y_TH) : 1 / x ** n);
}

function entry(
  name: string,
  complexity: number,
  fn: (x: tf.Tensor) => tf.Tensor,
  js: (x: number) => number,
  formula: (arg: string) => string,
  fitSafe?: (x: number) => number,
): SymbolicFunction {
  return fitSafe === undefined ? { name, tf: fn, js, formula, complexity } : { name, tf: fn, js, formula, complexity, fitSafe };
}

const power = (n: number) => (x: tf.Tensor) => tf.pow(x, n);
const inversePower = (n: number) => (x: tf.Tensor) => tf.reciprocal(n === 1 ? x : tf.pow(x, n));
const sqrtSafe = (x: number): number => {
  const xTh = 1 / Y_TH ** 2;
  return Math.abs(x) < xTh ? (xTh / Y_TH) * x : Math.sqrt(Math.abs(x)) * Math.sign(x);
};
const invSqrtSafe = (x: number): number => (Math.abs(x) < 1 / Y_TH ** 2 ? Y_TH : 1 / Math.sqrt(Math.abs(x)));

const ENTRIES: readonly SymbolicFunction[] = [
  entry('x', 1, (x) => tf.clone(x), (x) => x, (a) => `${a}`),
  entry('x^2', 2, tf.square, (x) => x * x, (a) => `(${a})^2`),
  entry('x^3', 3, power(3), (x) => x ** 3, (a) => `(${a})^3`),
  entry('x^4', 3, power(4), (x) => x ** 4, (a) => `(${a})^4`),
  entry('x^5', 3, power(5), (x) => x ** 5, (a) => `(${a})^5`),
  entry('1/x', 2, inversePower(1), (x) => 1 / x, (a) => `1/(${a})`, safeInversePower(1)),
  entry('1/x^2', 2, inversePower(2), (x) => 1 / x ** 2, (a) => `1/(${a})^2`, safeInversePower(2)),
  entry('1/x^3', 3, inversePower(3), (x) => 1 / x ** 3, (a) => `1/(${a})^3`, safeInversePower(3)),
  entry('1/x^4', 4, inversePower(4), (x) => 1 / x ** 4, (a) => `1/(${a})^4`, safeInversePower(4)),
  entry('1/x^5', 5, inversePower(5), (x) => 1 / x ** 5, (a) => `1/(${a})^5`, safeInversePower(5)),
  entry('sqrt', 2, tf.sqrt, Math.sqrt, (a) => `sqrt(${a})`, sqrtSafe),
  entry('x^0.5', 2, tf.sqrt, Math.sqrt, (a) => `sqrt(${a})`, sqrtSafe),
  entry('x^1.5', 4, (x) => tf.pow(tf.sqrt(x), 3), (x) => Math.sqrt(x) ** 3, (a) => `sqrt(${a})^3`, (x) => Math.abs(x) ** 1.5),
  entry('1/sqrt(x)', 2, tf.rsqrt, (x) => 1 / Math.sqrt(x), (a) => `1/sqrt(${a})`, invSqrtSafe),
  entry('1/x^0.5', 2, tf.rsqrt, (x) => 1 / Math.sqrt(x), (a) => `1/sqrt(${a})`, invSqrtSafe),
  entry('exp', 2, tf.exp, Math.exp, (a) => `exp(${a})`, (x) => (x > Math.log(Y_TH) ? Y_TH : Math.exp(x))),
  entry('log', 2, tf.log, Math.log, (a) => `log(${a})`, (x) => (Math.abs(x) < Math.exp(-Y_TH) ? -Y_TH : Math.log(Math.abs(x)))),
  entry('abs', 3, tf.abs, Math.abs, (a) => `abs(${a})`),
  entry('sin', 2, tf.sin, Math.sin, (a) => `sin(${a})`),
  entry('cos', 2, tf.cos, Math.cos, (a) => `cos(${a})`),
  entry('tan', 3, tf.tan, Math.tan, (a) => `tan(${a})`, tanSafe),
  entry('tanh', 3, tf.tanh, Math.tanh, (a) => `tanh(${a})`),
  entry('sgn', 3, tf.sign, Math.sign, (a) => `sign(${a})`),
  entry('arcsin', 4, tf.asin, Math.asin, (a) => `asin(${a})`, (x) => (Math.abs(x) > 1 ? (Math.PI / 2) * Math.sign(x) : Math.asin(x))),
  entry('arccos', 4, tf.acos, Math.acos, (a) => `acos(${a})`, (x) => (Math.abs(x) > 1 ? (Math.PI / 2) * (1 - Math.sign(x)) : Math.acos(x))),
  entry('arctan', 4, tf.atan, Math.atan, (a) => `atan(${a})`),
  entry('arctanh', 4, tf.atanh, Math.atanh, (a) => `atanh(${a})`, arctanhSafe),
  entry('0', 0, tf.zerosLike, () => 0, () => '0'),
  entry('gaussian', 3, (x) => tf.exp(tf.neg(tf.square(x))), (x) => Math.exp(-x * x), (a) => `exp(-(${a})^2)`),
];

/** pykan's f_tan: tan on x mod π, linear through the poles within π/2 − atan(y_th) of them. */
function tanSafe(x: number): number {
  const clip = ((x % Math.PI) + Math.PI) % Math.PI;
  const delta = Math.PI / 2 - Math.atan(Y_TH);
  return Math.abs(clip - Math.PI / 2) < delta ? (-Y_TH / delta) * (clip - Math.PI / 2) : Math.tan(clip);
}

/** pykan's f_arctanh: ±y_th near ±1. */
function arctanhSafe(x: number): number {
  const delta = 1 - Math.tanh(Y_TH) + 1e-4;
  return Math.abs(x) > 1 - delta ? Y_TH * Math.sign(x) : Math.atanh(x);
}

/** pykan's SYMBOLIC_LIB, every entry, by name. */
export const SYMBOLIC_LIB: Readonly<Record<string, SymbolicFunction>> = Object.freeze(
  Object.fromEntries(ENTRIES.map((fn) => [fn.name, fn])),
);

const custom = new Map<string, SymbolicFunction>();

/** Adds a custom function; its name must not be one of SYMBOLIC_LIB's (re-registering a custom name replaces it). */
export function registerSymbolic(fn: SymbolicFunction): void {
  if (typeof fn.name !== 'string' || fn.name === '') throw new Error(`registerSymbolic: expected a non-empty name, got ${JSON.stringify(fn.name)}.`);
  if (Object.hasOwn(SYMBOLIC_LIB, fn.name)) throw new Error(`registerSymbolic: "${fn.name}" is one of pykan's SYMBOLIC_LIB names; pick another name.`);
  if (!(fn.complexity >= 0)) throw new Error(`registerSymbolic: "${fn.name}" needs a complexity ≥ 0, got ${fn.complexity}.`);
  custom.set(fn.name, fn);
}

/** The function named `name`, from SYMBOLIC_LIB or the registered custom functions; throws naming the known names. */
export function symbolicFunction(name: string): SymbolicFunction {
  const fn = Object.hasOwn(SYMBOLIC_LIB, name) ? SYMBOLIC_LIB[name] : custom.get(name);
  if (fn === undefined) {
    throw new Error(`symbolicFunction: unknown function "${name}"; expected one of ${[...Object.keys(SYMBOLIC_LIB), ...custom.keys()].join(', ')}.`);
  }
  return fn;
}
