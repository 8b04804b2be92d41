/** A pykan checkpoint (or the torch zip, pickle or config inside it) that kanjs cannot read or write. */
export class PyKANError extends Error {
  override readonly name = 'PyKANError';
}

/** Size limits of what the readers accept, so that a crafted file cannot exhaust memory. */
export const PYKAN_LIMITS = {
  /** Entries in a zip. */
  zipEntries: 100_000,
  /** Bytes of one zip entry once inflated. */
  entryBytes: 1 << 30,
  /** Bytes of all entries once inflated. */
  totalBytes: 2 ** 31,
  /** Bytes of a pickle. */
  pickleBytes: 64 << 20,
  /** Characters of a config. */
  configChars: 16 << 20,
} as const;
