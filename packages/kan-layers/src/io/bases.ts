// Finds the installed basis packages (@kanjs/basis-*) and imports their register entries, so that tools can
// offer every basis a user has installed without knowing the names in advance.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { basisNames } from '@kanjs/basis-core';

/** The `@kanjs/basis-*` packages visible from `from` (a folder; default: the working directory), by Node's lookup. */
export function installedBasisPackages(from: string = process.cwd()): string[] {
  const found = new Set<string>();
  for (let dir = from; ; dir = dirname(dir)) {
    const scope = join(dir, 'node_modules', '@kanjs');
    if (existsSync(scope)) {
      for (const name of readdirSync(scope)) {
        if (!name.startsWith('basis-') || name === 'basis-core') continue;
        try {
          const pkg = JSON.parse(readFileSync(join(scope, name, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
          if (pkg.exports?.['./register'] !== undefined) found.add(`@kanjs/${name}`);
        } catch {
          // not a package: skip it
        }
      }
    }
    if (dir === dirname(dir)) break;
  }
  return [...found].sort();
}

/** Imports the register entry of every installed basis package; returns the registered basis names. */
export async function registerInstalledBases(from: string = process.cwd()): Promise<string[]> {
  const require = createRequire(join(from, 'noop.js'));
  for (const name of installedBasisPackages(from)) {
    let entry: string;
    try {
      entry = require.resolve(`${name}/register`);
    } catch {
      entry = `${name}/register`;
    }
    await import(/* @vite-ignore */ entry.startsWith('/') ? `file://${entry}` : entry);
  }
  return basisNames();
}
