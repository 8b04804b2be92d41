// Joining typed arrays end to end, as the tests build packed states and hand-made binary files.

/** `parts` one after another in a new array made by `kind` (e.g. Uint8Array, Float32Array). */
export function concatenate<T extends Uint8Array | Float32Array>(kind: new (length: number) => T, parts: readonly ArrayLike<number>[]): T {
  const out = new kind(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
