// Prints the node_modules folders that the named packages need at run time (dependencies, optional and peer
// dependencies, recursively), resolved as Node resolves them. With no names: what every workspace package needs.
// Used by tools/gpu/prepare.sh; run from the repository root:  node tools/gpu/closure.mjs [package ...]
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = process.cwd();
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const seen = new Set();

function workspaceDirs() {
  const patterns = readJson(join(root, 'package.json')).workspaces ?? [];
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const base = join(root, pattern.slice(0, -2));
    return existsSync(base) ? readdirSync(base).map((d) => join(base, d)) : [];
  }).filter((d) => existsSync(join(d, 'package.json')));
}

function find(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) return null;
  }
}

function visit(dir) {
  if (seen.has(dir)) return;
  seen.add(dir);
  const pkg = readJson(join(dir, 'package.json'));
  const names = { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies };
  for (const name of Object.keys(names)) {
    const found = find(name, realpathSync(dir));
    if (found) visit(found);
  }
}

const names = process.argv.slice(2);
if (names.length === 0) workspaceDirs().forEach(visit);
for (const name of names) {
  const found = find(name, root);
  if (!found) { console.error(`not installed: ${name}`); process.exit(1); }
  visit(found);
}
for (const dir of [...seen].sort()) {
  const rel = relative(root, dir);
  if (rel.startsWith('node_modules')) console.log(rel);
}
