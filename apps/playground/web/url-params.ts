// The page's URL parameters (`?steps=`, `?seed=`, …), read and checked.

/** The whole number ≥ 1 of `?name=`, or undefined without it; throws on any other value. */
export function positiveParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`expected ?${name}= to be a whole number ≥ 1, got "${raw}".`);
  return value;
}
