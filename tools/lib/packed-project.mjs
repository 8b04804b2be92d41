// Packs workspace packages with `npm pack` and installs the tarballs into a fresh project in a temporary
// folder: what tools/pack-smoke.mjs and tools/check-docs.mjs test against, outside the monorepo.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

/** Runs a command and returns its stdout; stderr goes to ours, a non-zero exit throws. */
export const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

export const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const tfjsVersion = rootPkg.devDependencies['@tensorflow/tfjs-core'];

/** The tfjs packages every consumer project installs, at the monorepo's version. */
export const tfjsPeers = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu'].map((p) => `${p}@${tfjsVersion}`);

/** The workspace packages in `folder` (relative to the root), each as { dir, pkg }; the private ones only if asked. */
export function workspacePackages(folder = 'packages', { includePrivate = false } = {}) {
  return readdirSync(join(root, folder))
    .map((dir) => join(root, folder, dir))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => includePrivate || !pkg.private);
}

/** `npm pack`s each package into `destination`; returns the tarballs' paths, in the packages' order. */
export function packTarballs(packages, destination) {
  return packages.map(({ dir }) => join(destination, run('npm', ['pack', '--silent', '--pack-destination', destination], dir).trim().split('\n').pop()));
}

/** A new ESM project in `dir` with `specs` (tarball paths or name@version) installed. */
export function installProject(dir, specs, name = 'consumer') {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], dir);
  return dir;
}

/**
 * Packs the public packages into a temporary folder `work`, installs them with the tfjs peers and the specs that
 * `extra(work)` returns (it may pack more there) into `<work>/app`, calls `body({ work, app, packages, tarballs })`
 * and removes `work` afterwards.
 */
export async function withPackedProject(extra, body) {
  const packages = workspacePackages();
  const work = mkdtempSync(join(tmpdir(), 'kanjs-pack-'));
  try {
    const tarballs = packTarballs(packages, work);
    const app = installProject(join(work, 'app'), [...tarballs, ...tfjsPeers, ...extra(work)]);
    return await body({ work, app, packages, tarballs });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
