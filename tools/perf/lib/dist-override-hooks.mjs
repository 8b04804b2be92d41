// The resolve hook of dist-override.mjs: `@kanjs/<name>` → DIR/<name>/index.js where it exists; any other import
// from a file under DIR resolves as if from the repository root (DIR may lie outside it, e.g. in /tmp).
import { existsSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';

let dir;
let dirUrl;
const rootUrl = new URL('../../../package.json', import.meta.url).href;

export function initialize(data) {
  dir = resolvePath(data.dir);
  dirUrl = pathToFileURL(dir).href + '/';
}

export function resolve(specifier, context, next) {
  const name = /^@kanjs\/([^/]+)$/.exec(specifier)?.[1];
  if (name !== undefined) {
    const entry = join(dir, name, 'index.js');
    if (existsSync(entry)) return { url: pathToFileURL(entry).href, shortCircuit: true, format: 'module' };
  }
  const fromOverride = context.parentURL?.startsWith(dirUrl) && !specifier.startsWith('.') && !specifier.startsWith('file:');
  return next(specifier, fromOverride ? { ...context, parentURL: rootUrl } : context);
}
