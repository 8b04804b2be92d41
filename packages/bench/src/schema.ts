import { fileURLToPath } from 'node:url';

/** The path of the JSON Schema of a result (schema/bench.schema.json, shipped with the package). */
export const SCHEMA_PATH = fileURLToPath(new URL('../schema/bench.schema.json', import.meta.url));
