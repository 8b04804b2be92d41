// The page's elements by id: `elements(['train-rmse'], HTMLElement)` gives `{ trainRmse }`, checked to exist and
// to be of the given kind.

/** `train-rmse` → `trainRmse`. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

function camelCase(id: string): string {
  return id.replace(/-(.)/g, (_, letter: string) => letter.toUpperCase());
}

/** The elements of index.html with these ids, each an instance of `kind`, keyed by the id in camelCase. */
export function elements<const Ids extends readonly string[], E extends HTMLElement>(
  ids: Ids,
  kind: abstract new () => E,
): { [Id in Ids[number] as CamelCase<Id>]: E } {
  const found: Record<string, E> = {};
  for (const id of ids) {
    const node = document.getElementById(id);
    if (node === null) throw new Error(`index.html has no #${id}.`);
    if (!(node instanceof kind)) throw new Error(`index.html's #${id} should be a ${kind.name}, found a ${node.constructor.name}.`);
    found[camelCase(id)] = node;
  }
  return found as { [Id in Ids[number] as CamelCase<Id>]: E };
}
