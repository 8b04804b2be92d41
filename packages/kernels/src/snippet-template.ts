// What every fused-kernel template gives a basis snippet before its source: the basis size KAN_K and the
// snippet's constants, in WGSL and in CUDA C. The GPU backends and the snippet test harness share these.
import type { Basis } from '@kanjs/basis-core';

/** The snippet's constants, checked: identifiers with finite values. */
export function snippetConstants(basis: Basis): [string, number][] {
  const entries = Object.entries(basis.kernels?.constants ?? {});
  for (const [name, value] of entries) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`${basis.name} kernels: constant name ${JSON.stringify(name)} is not an identifier.`);
    if (!Number.isFinite(value)) throw new Error(`${basis.name} kernels: constant ${name} must be finite, got ${value}.`);
  }
  return entries;
}

/** A number as a WGSL literal: an integer as an (abstract) integer literal, anything else as a float literal. */
export function wgslLiteral(value: number): string {
  // A finite non-integer always prints with a '.' or an exponent, so it reads as a float literal.
  return String(value);
}

/** A number as a CUDA C literal: an integer as is, anything else as a float with an `f` suffix; negatives in parentheses (for macros). */
export function cudaLiteral(value: number): string {
  const text = Number.isInteger(value) ? String(value) : `${value}f`;
  return value < 0 ? `(${text})` : text;
}

/** `const KAN_K = Ku;` and `const NAME = literal;` for each constant. */
export function wgslDeclarations(basis: Basis): string {
  return [`const KAN_K = ${basis.size}u;`, ...snippetConstants(basis).map(([name, value]) => `const ${name} = ${wgslLiteral(value)};`)].join('\n');
}

/** `#define KAN_K K` and `#define NAME literal` for each constant. */
export function cudaDefines(basis: Basis): string {
  return [`#define KAN_K ${basis.size}`, ...snippetConstants(basis).map(([name, value]) => `#define ${name} ${cudaLiteral(value)}`)].join('\n');
}
