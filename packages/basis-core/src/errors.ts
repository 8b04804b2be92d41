/** Thrown for a basis config that cannot be used: the message names the basis, the field, what was expected and what was found. */
export class BasisConfigError extends Error {
  override readonly name = 'BasisConfigError';
}

/** Describes a value for an error message: `0`, `"abc"`, `[1,2]`, `undefined`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
