import { SYMBOLIC_LIB, symbolicFunction } from '@kanjs/kan-layers';

/** f′ of SYMBOLIC_LIB's functions in closed form, as tfjs's gradients of their `tf` versions compute them. */
const DERIVATIVES: Readonly<Record<string, (z: number) => number>> = {
  'x': () => 1,
  'x^2': (z) => 2 * z,
  'x^3': (z) => 3 * z * z,
  'x^4': (z) => 4 * z * z * z,
  'x^5': (z) => 5 * z * z * z * z,
  '1/x': (z) => -1 / (z * z),
  '1/x^2': (z) => -2 / z ** 3,
  '1/x^3': (z) => -3 / z ** 4,
  '1/x^4': (z) => -4 / z ** 5,
  '1/x^5': (z) => -5 / z ** 6,
  'sqrt': (z) => 0.5 / Math.sqrt(z),
  'x^0.5': (z) => 0.5 / Math.sqrt(z),
  'x^1.5': (z) => 1.5 * Math.sqrt(z),
  '1/sqrt(x)': (z) => -0.5 / (z * Math.sqrt(z)),
  '1/x^0.5': (z) => -0.5 / (z * Math.sqrt(z)),
  'exp': Math.exp,
  'log': (z) => 1 / z,
  'abs': Math.sign,
  'sin': Math.cos,
  'cos': (z) => -Math.sin(z),
  'tan': (z) => 1 / Math.cos(z) ** 2,
  'tanh': (z) => 1 - Math.tanh(z) ** 2,
  'sgn': () => 0,
  'arcsin': (z) => 1 / Math.sqrt(1 - z * z),
  'arccos': (z) => -1 / Math.sqrt(1 - z * z),
  'arctan': (z) => 1 / (1 + z * z),
  'arctanh': (z) => 1 / (1 - z * z),
  '0': () => 0,
  'gaussian': (z) => -2 * z * Math.exp(-z * z),
};

/**
 * The derivative of the symbolic function `name`: closed form for SYMBOLIC_LIB's own entries, else a central
 * difference of its float64 version (relative step 1e-5: error about 1e-10 relative for smooth f).
 */
export function symbolicSlope(name: string): (z: number) => number {
  const fn = symbolicFunction(name);
  const closed = DERIVATIVES[name];
  if (closed !== undefined && fn === SYMBOLIC_LIB[name]) return closed;
  const f = fn.js;
  return (z) => {
    const step = 1e-5 * Math.max(1, Math.abs(z));
    return (f(z + step) - f(z - step)) / (2 * step);
  };
}
