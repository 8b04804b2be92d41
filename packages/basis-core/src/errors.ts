/** Thrown for a basis config that cannot be used: the message names the basis, the field, what was expected and what was found. */
export class BasisConfigError extends Error {
  override readonly name = 'BasisConfigError';
}

/** The most characters of one value that an error message quotes. */
const MAX_QUOTED_LENGTH = 80;

/** `text` cut to at most `max` characters, ending in "…" when cut; a UTF-16 surrogate pair is never split. */
export function truncate(text: string, max: number = MAX_QUOTED_LENGTH): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Describes a value for an error message, cut to 80 characters: `0`, `"abc"`, `[1,2]`,
 * `undefined`, `"aaaa…`. A value that JSON cannot write (a cycle, a BigInt, nesting too deep) gives its kind.
 */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  // Only the first elements of a long array can show, so only those are written.
  const shown = Array.isArray(value) && value.length > MAX_QUOTED_LENGTH ? value.slice(0, MAX_QUOTED_LENGTH) : value;
  let text: string | undefined;
  try {
    text = JSON.stringify(shown);
  } catch {
    text = undefined;
  }
  return truncate(text ?? (Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`));
}

/** A byte count for an error message: `512 B`, `3.8 MiB`, `74.5 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : Number(value.toPrecision(3))} ${units[unit]}`;
}
