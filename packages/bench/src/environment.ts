// What a result records about where it ran: the machine, the commit and the package versions.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MachineRecord } from './types.js';

/** os, cpus, memory and node version of this machine. */
export function machine(): MachineRecord {
  const cpus = os.cpus();
  return {
    os: { platform: os.platform(), release: os.release(), arch: os.arch() },
    cpus: { model: cpus[0]?.model.trim() ?? 'unknown', count: cpus.length },
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    hostname: os.hostname(),
  };
}

/** The commit: KANJS_BENCH_COMMIT if set, else `git rev-parse HEAD` in cwd, else "unknown"; and whether the tree is dirty. */
export function commit(cwd = process.cwd()): { commit: string; dirty: boolean | null } {
  const fromEnv = process.env['KANJS_BENCH_COMMIT'];
  if (fromEnv !== undefined && fromEnv !== '') return { commit: fromEnv, dirty: null };
  const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const head = git('rev-parse', 'HEAD');
    let dirty: boolean | null = null;
    try {
      dirty = git('status', '--porcelain', '--untracked-files=no').length > 0;
    } catch {
      dirty = null;
    }
    return { commit: head, dirty };
  } catch {
    return { commit: 'unknown', dirty: null };
  }
}

/** The version of an installed package (found the way Node finds it, in node_modules up the tree), or undefined. */
function versionOf(name: string): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** This package's version. */
export function ownVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Versions of the tfjs packages and ours that are installed, by name. */
export function packageVersions(extra: readonly string[] = []): Record<string, string> {
  const names = [
    '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm',
    '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-node-gpu', 'webgpu',
    '@kanjs/basis-core', '@kanjs/basis-bspline', '@kanjs/basis-gaussian', '@kanjs/kernels', '@kanjs/kan-layers', '@kanjs/backends', '@kanjs/backend-cuda', '@kanjs/backend-webgpu',
    ...extra,
  ];
  const versions: Record<string, string> = { '@kanjs/bench': ownVersion() };
  for (const name of names) {
    const version = versionOf(name);
    if (version !== undefined) versions[name] = version;
  }
  return versions;
}
