/** A pykan checkpoint (or the torch zip, pickle or config inside it) that kanjs cannot read or write. */
export class PyKANError extends Error {
  override readonly name = 'PyKANError';
}

/**
 * Limits of what the readers accept, so that a small crafted file can neither exhaust memory nor hold a load for
 * long. Each is checked before the work or the allocation it bounds.
 */
export const PYKAN_LIMITS = {
  /** Entries in a zip. */
  zipEntries: 10_000,
  /** Bytes of the storages a state dict reads, once inflated (256 MiB: 2^25 float64 values). */
  storageBytes: 1 << 28,
  /** Elements of all tensors of a state dict (2^25: 128 MiB as float32). */
  stateElements: 2 ** 25,
  /** Bytes of a pickle (a state dict's pickle holds names and shapes, not values: about 1 KB per pykan layer). */
  pickleBytes: 1 << 20,
  /** Objects (tuples, lists, dicts, bytes, globals, tensors, memo entries) a pickle may make: torch makes about 15 per tensor. */
  pickleObjects: 1 << 16,
  /** Characters of a config (width [784, 32, 10] with its symbolic tables takes about 200,000). */
  configChars: 1 << 18,
  /** Levels of nesting in a config (pykan writes at most 4). */
  configDepth: 32,
} as const;

/** `text` with control characters and quotes escaped, cut to `max` characters with an ellipsis, so that a message stays short. */
export function cut(text: string, max = 60): string {
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

/** `text` cut as {@link cut} does, in double quotes. */
export function quote(text: string, max = 60): string {
  return `"${cut(text, max)}"`;
}
